"""The sample province: deterministic, complete, consistent, and its planted anomalies are where the ground truth
says (and nowhere else). Files are read back here with the standard library only, not with the ingest loader."""

from __future__ import annotations

import csv
import json
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from ingest.contract import RECORD_TYPES, UNIT_ALIASES
from ingest.sample_province import generate

SCALE = 0.1
START, END = datetime(2025, 12, 1), datetime(2026, 12, 1)
KINDS = {"price_outlier", "certificate_missing", "certificate_expired", "certificate_other_establishment",
         "duplicate_listing", "disease_claim", "shared_phone", "review_burst", "shared_email", "listing_burst",
         "supply_demand_quantity", "supply_demand_price"}
# Written here independently of the generator's vocabulary: words of disease claims, without diacritics.
DISEASE_WORDS = ("tieu duong", "ung thu", "benh gan", "huyet ap", "gout", "mat ngu", "da day", "soi than",
                 "tim mach", "gan nhiem mo")


# ---------------------------------------------------------------------------------------------------------
# Reading the files back
# ---------------------------------------------------------------------------------------------------------

def files_of(folder: Path, record_type: str) -> list[Path]:
    pattern = re.compile(rf"{record_type}(_\d{{4}}-\d{{2}})?\.(csv|jsonl|xlsx)")
    return sorted(f for f in folder.iterdir() if pattern.fullmatch(f.name))


def header_and_rows(path: Path) -> tuple[list[str], list[dict]]:
    """The header and the rows as text, whatever the format."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            return list(reader.fieldnames), list(reader)
    if path.suffix == ".jsonl":
        records = [json.loads(line) for line in path.open(encoding="utf-8")]
        rows = [{k: "" if v is None else str(v).lower() if isinstance(v, bool) else str(v) for k, v in r.items()}
                for r in records]
        return list(records[0]), rows
    sheet = openpyxl.load_workbook(path, read_only=True).active
    lines = list(sheet.iter_rows(values_only=True))
    types = {f.name: f.type for f in RECORD_TYPES[sheet.title].fields}

    def text(name, value):
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.date().isoformat() if types[name] == "date" else value.isoformat(" ")
        return str(value)

    return list(lines[0]), [{n: text(n, v) for n, v in zip(lines[0], line)} for line in lines[1:]]


def read(folder: Path, record_type: str) -> list[dict]:
    return [row for path in files_of(folder, record_type) for row in header_and_rows(path)[1]]


def latest(rows: list[dict], id_field: str) -> dict[str, dict]:
    last = {}
    for row in rows:
        if row[id_field] not in last or row["updated_at"] >= last[row[id_field]]["updated_at"]:
            last[row[id_field]] = row
    return last


def fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def national(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return "0" + digits[2:] if digits.startswith("84") else digits


def kg_unit(unit: str) -> str:
    return UNIT_ALIASES.get(unit, unit)


class Province:
    """One generated province, read back whole."""

    def __init__(self, folder: Path, truth_path: Path, summary: dict):
        self.folder, self.summary = folder, summary
        self.truth = list(csv.DictReader(truth_path.open(encoding="utf-8")))
        self.rows = {name: read(folder, name) for name in RECORD_TYPES}
        self.latest = {name: latest(rows, RECORD_TYPES[name].id_field) for name, rows in self.rows.items()}

    def planted(self, kind: str) -> set[str]:
        return {t["object_id"] for t in self.truth if t["anomaly_kind"] == kind}

    def all_planted(self) -> set[str]:
        return {t["object_id"] for t in self.truth}


def _generate(folder: Path, scale=SCALE, seed=20260101) -> Province:
    summary = generate(folder / "landing", folder / "ground_truth.csv", scale=scale, seed=seed, progress=lambda m: None)
    return Province(folder / "landing", folder / "ground_truth.csv", summary)


@pytest.fixture(scope="module")
def province(tmp_path_factory) -> Province:
    return _generate(tmp_path_factory.mktemp("province"))


def _bytes_of(folder: Path) -> dict[str, bytes]:
    return {f.relative_to(folder).as_posix(): f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file()}


# ---------------------------------------------------------------------------------------------------------
# Determinism and size
# ---------------------------------------------------------------------------------------------------------

def test_same_seed_gives_identical_files_and_another_seed_does_not(province, tmp_path):
    again = tmp_path / "again"
    generate(again / "landing", again / "ground_truth.csv", scale=SCALE, progress=lambda m: None)
    first = _bytes_of(province.folder.parent)
    assert _bytes_of(again) == first
    other = tmp_path / "other"
    generate(other / "landing", other / "ground_truth.csv", scale=SCALE, seed=7, progress=lambda m: None)
    changed = _bytes_of(other)
    assert changed["landing/listings.csv"] != first["landing/listings.csv"]
    assert changed["landing/members.csv"] != first["landing/members.csv"]


def test_scale_one_has_the_size_and_rates_of_the_brief(tmp_path):
    p = _generate(tmp_path, scale=1.0)
    count = {name: len(rows) for name, rows in p.latest.items()}
    assert 1900 <= count["establishments"] <= 2100
    assert 7000 <= count["members"] <= 10000
    assert 5000 <= count["listings"] <= 9000
    assert 6000 <= count["reviews"] <= 14000
    assert 30000 <= count["moderation_events"] <= 90000
    assert count["organizations"] == 13 and count["policy_documents"] == 20
    assert all(count[name] > 0 for name in RECORD_TYPES), count
    assert p.summary["records"] == count
    # first decision on establishments: about 85 % approved, 8 % rejected, 7 % changes requested
    first = {}
    for e in sorted(p.rows["moderation_events"], key=lambda e: (e["occurred_at"], e["event_id"])):
        if e["object_type"] == "establishment" and e["action"] in ("approved", "rejected", "changes_requested"):
            first.setdefault(e["object_id"], e["action"])
    shares = {action: n / len(first) for action, n in Counter(first.values()).items()}
    assert 0.80 <= shares["approved"] <= 0.90 and 0.05 <= shares["rejected"] <= 0.11
    assert 0.04 <= shares["changes_requested"] <= 0.10
    with_violations = {v["establishment_id"] for v in p.rows["violations"]}
    assert 0.02 <= len(with_violations) / count["establishments"] <= 0.08
    published = [l for l in p.latest["listings"].values() if l["status"] in ("approved", "hidden", "deleted")]
    complained = {c["listing_id"] for c in p.rows["complaints"] if c["listing_id"]}
    assert 0.02 <= len(complained) / len(published) <= 0.06
    statuses = Counter(e["status"] for e in p.latest["establishments"].values())
    assert statuses["suspended"] + statuses["terminated"] >= 3
    ratings = Counter(r["rating"] for r in p.latest["reviews"].values())
    assert ratings["5"] > ratings["4"] > ratings["3"] > max(ratings["2"], ratings["1"])
    assert all(20 <= n <= 40 for n in p.summary["anomalies"].values()), p.summary["anomalies"]


# ---------------------------------------------------------------------------------------------------------
# Files follow the contract
# ---------------------------------------------------------------------------------------------------------

def test_every_record_type_has_a_file_whose_header_is_the_contract(province):
    formats = set()
    for name, record_type in RECORD_TYPES.items():
        paths = files_of(province.folder, name)
        assert paths, f"no file for {name}"
        for path in paths:
            header, rows = header_and_rows(path)
            assert header == [f.name for f in record_type.fields], path.name
            assert rows, path.name
            formats.add(path.suffix)
    assert formats == {".csv", ".jsonl", ".xlsx"}
    assert len(files_of(province.folder, "moderation_events")) == 12
    listed = sorted(f.name for f in province.folder.iterdir())
    assert province.summary["files"] == listed


def test_required_fields_and_allowed_values(province):
    for name, record_type in RECORD_TYPES.items():
        for row in province.rows[name]:
            for f in record_type.fields:
                value = row[f.name]
                if f.required:
                    assert value != "", (name, f.name, row)
                if value and f.type == "enum":
                    assert value in f.allowed or value in f.aliases, (name, f.name, value)
                if value and f.type == "list":
                    assert set(value.split(";")) <= set(f.allowed), (name, f.name, value)
                if value and f.pattern:
                    assert re.fullmatch(f.pattern, value), (name, f.name, value)


def test_id_and_updated_at_are_unique_within_each_file(province):
    for name, record_type in RECORD_TYPES.items():
        for path in files_of(province.folder, name):
            keys = Counter((row[record_type.id_field], row["updated_at"]) for row in header_and_rows(path)[1])
            assert max(keys.values()) == 1, (path.name, keys.most_common(1))


def test_timestamps_lie_in_the_period_and_dates_parse(province):
    day_first = 0
    for name, record_type in RECORD_TYPES.items():
        for row in province.rows[name]:
            for f in record_type.fields:
                value = row[f.name]
                if value and f.type == "datetime" and f.name != "ends_at":  # a suspension may end later
                    assert START <= datetime.strptime(value, "%Y-%m-%d %H:%M:%S") < END, (name, f.name, value)
                elif value and f.type == "date":
                    if "/" in value:
                        datetime.strptime(value, "%d/%m/%Y")
                        day_first += 1
                    else:
                        date.fromisoformat(value)
    assert day_first >= len(province.rows["inspections"])


def test_identifiers_look_real(province):
    weights = (31, 29, 23, 19, 17, 13, 7, 5, 3)
    phones = Counter()
    for est in province.rows["establishments"]:
        if est["tax_code"]:
            code = est["tax_code"][:10]
            assert (10 - sum(int(d) * w for d, w in zip(code, weights)) % 11) % 11 == int(code[9]), est["tax_code"]
    for row in province.rows["members"] + province.rows["staff_users"] + province.rows["establishments"]:
        if row["phone"]:
            assert re.fullmatch(r"09\d{2} \d{3} \d{3}|\+84 9\d{2} \d{3} \d{3}", row["phone"]), row["phone"]
            phones[row["phone"][0]] += 1
    assert phones["0"] > phones["+"] > 0
    for listing in province.rows["listings"]:
        assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in listing["image_hashes"].split(";"))


def test_addresses_are_real_wards_in_both_formats(province):
    from vietnamadminunits import convert_address, parse_address
    addresses = [e["address"] for e in province.latest["establishments"].values()]
    legacy = [a for a in addresses if len(a.split(", ")) == 4]
    current = [a for a in addresses if len(a.split(", ")) == 3]
    assert len(legacy) > 0.3 * len(addresses) and len(current) > 0.3 * len(addresses)
    assert any(a != fold(a) and ", H. " in a for a in legacy)  # abbreviated district
    assert any(a.isascii() for a in addresses)  # typed without diacritics
    resolved = sum(1 for a in legacy if convert_address(a).ward_code) + \
        sum(1 for a in current if parse_address(a).ward_code)
    assert resolved >= 0.95 * (len(legacy) + len(current))


# ---------------------------------------------------------------------------------------------------------
# Referential integrity
# ---------------------------------------------------------------------------------------------------------

REFERENCES = [  # (record type, field, referenced record type)
    ("organizations", "parent_org_id", "organizations"), ("staff_users", "org_id", "organizations"),
    ("establishments", "member_id", "members"), ("establishments", "org_id", "organizations"),
    ("production_areas", "establishment_id", "establishments"), ("certificates", "establishment_id", "establishments"),
    ("certificates", "product_id", "products"), ("products", "establishment_id", "establishments"),
    ("listings", "establishment_id", "establishments"), ("listings", "product_id", "products"),
    ("listings", "member_id", "members"), ("supply_demand_posts", "member_id", "members"),
    ("supply_demand_posts", "establishment_id", "establishments"), ("reviews", "listing_id", "listings"),
    ("reviews", "establishment_id", "establishments"), ("reviews", "member_id", "members"),
    ("comments", "member_id", "members"), ("questions", "member_id", "members"),
    ("questions", "listing_id", "listings"), ("answers", "question_id", "questions"),
    ("answers", "member_id", "members"), ("answers", "staff_id", "staff_users"),
    ("moderation_events", "actor_staff_id", "staff_users"), ("moderation_events", "org_id", "organizations"),
    ("complaints", "member_id", "members"), ("complaints", "establishment_id", "establishments"),
    ("complaints", "listing_id", "listings"), ("complaints", "org_id", "organizations"),
    ("inspections", "establishment_id", "establishments"), ("inspections", "staff_id", "staff_users"),
    ("violations", "establishment_id", "establishments"), ("violations", "inspection_id", "inspections"),
    ("violations", "product_id", "products"), ("account_sanctions", "member_id", "members"),
    ("account_sanctions", "staff_id", "staff_users"), ("incidents", "org_id", "organizations"),
    ("policy_documents", "org_id", "organizations"),
]
OBJECT_TYPES = {"establishment": "establishments", "listing": "listings", "supply_demand_post": "supply_demand_posts",
                "review": "reviews", "comment": "comments", "question": "questions", "answer": "answers",
                "member": "members"}


@pytest.mark.parametrize("record_type, field, target", REFERENCES, ids=[f"{r}.{f}" for r, f, _ in REFERENCES])
def test_references_exist(province, record_type, field, target):
    missing = {row[field] for row in province.rows[record_type] if row[field]} - province.latest[target].keys()
    assert not missing


def test_moderated_and_commented_objects_exist(province):
    for event in province.rows["moderation_events"]:
        assert event["object_id"] in province.latest[OBJECT_TYPES[event["object_type"]]], event
        assert (event["action"] == "submitted") == (event["actor_staff_id"] == "")
    for comment in province.rows["comments"]:
        assert comment["object_id"] in province.latest[OBJECT_TYPES[comment["object_type"]]], comment
    moderated = {(e["object_type"], e["object_id"]) for e in province.rows["moderation_events"]}
    for object_type in ("establishment", "listing", "supply_demand_post", "review", "comment", "question"):
        ids = province.latest[OBJECT_TYPES[object_type]]
        assert all((object_type, i) in moderated for i in ids), object_type


def test_decisions_are_made_by_active_staff_of_the_overseeing_department(province):
    sector = {o["org_id"]: o["sector"] for o in province.latest["organizations"].values()}
    staff = province.latest["staff_users"]
    establishments = province.latest["establishments"]
    for event in province.rows["moderation_events"]:
        if event["actor_staff_id"]:
            assert staff[event["actor_staff_id"]]["active"] == "true"
            assert staff[event["actor_staff_id"]]["org_id"] == event["org_id"]
        if event["object_type"] == "establishment":
            assert sector[event["org_id"]] == sector[establishments[event["object_id"]]["org_id"]]


def test_a_published_listing_belongs_to_an_approved_establishment_and_follows_its_approval(province):
    approved_at = {e["establishment_id"]: e["approved_at"] for e in province.latest["establishments"].values()}
    for listing in province.latest["listings"].values():
        assert approved_at[listing["establishment_id"]], listing["listing_id"]
        assert listing["posted_at"] > approved_at[listing["establishment_id"]]


# ---------------------------------------------------------------------------------------------------------
# Planted anomalies: where the ground truth says, and nowhere else
# ---------------------------------------------------------------------------------------------------------

def test_ground_truth_names_existing_objects_of_every_kind(province):
    assert {t["anomaly_kind"] for t in province.truth} == KINDS
    for t in province.truth:
        assert t["object_id"] in province.latest[OBJECT_TYPES[t["object_type"]]], t
        assert t["detail"]
    assert len({(t["anomaly_kind"], t["object_id"]) for t in province.truth}) == len(province.truth)
    assert len(province.all_planted()) == len(province.truth)  # one kind per object
    assert province.summary["anomalies"] == dict(Counter(t["anomaly_kind"] for t in province.truth)) | \
        {k: 0 for k in KINDS if k not in {t["anomaly_kind"] for t in province.truth}}


def _category_unit(listing: dict) -> tuple[str, str]:
    return listing["category"], kg_unit(listing["unit"])


def test_price_outliers_are_far_from_their_category_and_unit_and_ordinary_prices_are_not(province):
    outliers = province.planted("price_outlier")
    prices = defaultdict(list)
    for listing in province.latest["listings"].values():
        if listing["listing_id"] not in outliers:
            prices[_category_unit(listing)].append(float(listing["price"]))
    medians = {key: statistics.median(values) for key, values in prices.items()}
    high = low = 0
    for listing in province.latest["listings"].values():
        ratio = float(listing["price"]) / medians[_category_unit(listing)]
        if listing["listing_id"] in outliers:
            assert ratio >= 10 or ratio <= 0.1, (listing["listing_id"], ratio)
            high, low = high + (ratio >= 10), low + (ratio <= 0.1)
        else:
            assert 0.2 <= ratio <= 5, (listing["listing_id"], ratio)
    assert high and low


def _certificates(province) -> dict[str, list[dict]]:
    by_establishment = defaultdict(list)
    for cert in province.latest["certificates"].values():
        by_establishment[cert["establishment_id"]].append(cert)
    return by_establishment


def _claims(listing: dict) -> list[str]:
    return listing["claimed_certificates"].split(";") if listing["claimed_certificates"] else []


def test_certificate_claims_are_backed_except_where_planted(province):
    held = _certificates(province)
    number_owner = {c["number"]: c["establishment_id"] for c in province.latest["certificates"].values()}
    owner_of = {e["establishment_id"]: e["member_id"] for e in province.latest["establishments"].values()}
    planted = {kind: province.planted(kind) for kind in
               ("certificate_missing", "certificate_expired", "certificate_other_establishment")}
    for listing in province.latest["listings"].values():
        est = listing["establishment_id"]
        types = {c["type"]: [] for c in held[est]}
        for c in held[est]:
            types[c["type"]].append(c)
        unbacked = [t for t in _claims(listing)
                    if not any(c["revoked"] == "false" and c["issued_on"] <= START.date().isoformat()
                               and c["expires_on"] >= END.date().isoformat() for c in types.get(t, []))]
        lid = listing["listing_id"]
        if lid in planted["certificate_missing"]:
            assert any(t not in types for t in unbacked), lid
        elif lid in planted["certificate_expired"]:
            assert any(t in types and all(c["expires_on"] < listing["posted_at"][:10] for c in types[t])
                       for t in unbacked), lid
        elif lid in planted["certificate_other_establishment"]:
            cited = [n for n in re.findall(r"số (\S+?)\.?(?:\s|$)", listing["text"]) if n in number_owner]
            assert any(owner_of[number_owner[n]] != owner_of[est] for n in cited), lid
            assert any(t not in types for t in unbacked), lid
        else:
            assert not unbacked, lid


def _words(listing: dict) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", fold(listing["title"] + " " + listing["text"])))


def test_duplicate_listings_reuse_the_images_or_nearly_the_words_of_an_unrelated_seller(province):
    copies = province.planted("duplicate_listing")
    near = {t["object_id"]: re.search(r"near copy of (TD\d+)", t["detail"]).group(1) for t in province.truth
            if t["anomaly_kind"] == "duplicate_listing" and t["detail"].startswith("near copy")}
    assert near and len(near) < len(copies)
    listings = sorted(province.latest["listings"].values(), key=lambda l: (l["posted_at"], l["listing_id"]))
    first_with = {}
    for listing in listings:
        first_with.setdefault(listing["image_hashes"], listing)
    seen_hashes = Counter(h for l in listings if l["listing_id"] not in copies - near.keys()
                          for h in l["image_hashes"].split(";"))
    assert max(seen_hashes.values()) == 1  # ordinary listings and near copies never share an image
    for lid in copies:
        copy = province.latest["listings"][lid]
        original = province.latest["listings"][near[lid]] if lid in near else first_with[copy["image_hashes"]]
        assert original["listing_id"] not in copies and original["posted_at"] < copy["posted_at"]
        assert original["member_id"] != copy["member_id"]
        assert original["establishment_id"] != copy["establishment_id"]
        if lid in near:  # a word or two changed or moved: nearly all words are the original's
            assert copy["title"] + copy["text"] != original["title"] + original["text"], lid
            assert len(_words(copy) ^ _words(original)) <= 3, lid
        else:
            assert fold(original["title"])[:15] in fold(copy["title"])


def test_disease_claims_only_in_planted_listings(province):
    planted = province.planted("disease_claim")
    for listing in province.latest["listings"].values():
        words = [w for w in DISEASE_WORDS if re.search(rf"\b{w}\b", fold(listing["title"] + " " + listing["text"]))]
        assert bool(words) == (listing["listing_id"] in planted), (listing["listing_id"], words)
    for post in province.rows["supply_demand_posts"]:
        assert not any(re.search(rf"\b{w}\b", fold(post["title"] + " " + post["text"])) for w in DISEASE_WORDS)


def test_shared_phones_join_many_unrelated_accounts_and_no_others(province):
    planted = province.planted("shared_phone")
    members = province.latest["members"]
    by_phone = defaultdict(set)
    for member in members.values():
        if member["phone"]:
            by_phone[national(member["phone"])].add(member["member_id"])
    shared = {phone: ids for phone, ids in by_phone.items() if len(ids) > 1}
    assert set().union(*shared.values()) == planted
    for ids in shared.values():
        assert 8 <= len(ids) <= 15
        assert len({members[i]["display_name"] for i in ids}) >= len(ids) - 1
    spellings = {members[i]["phone"][0] for i in planted}
    assert spellings == {"0", "+"}


def test_review_bursts_come_from_new_accounts_within_an_hour_and_ordinary_reviews_do_not(province):
    planted = province.planted("review_burst")
    registered = {m["member_id"]: m["registered_at"] for m in province.latest["members"].values()}
    by_listing = defaultdict(list)
    for review in province.latest["reviews"].values():
        by_listing[review["listing_id"]].append(review)

    def busiest_hour(reviews):
        times = sorted(datetime.fromisoformat(r["posted_at"]) for r in reviews)
        return max((sum(1 for u in times if t <= u < t + timedelta(hours=1)) for t in times), default=0)

    burst_listings = {province.latest["reviews"][r]["listing_id"] for r in planted}
    for listing_id in burst_listings:
        burst = [r for r in by_listing[listing_id] if r["review_id"] in planted]
        assert busiest_hour(burst) == len(burst) >= 10
        for review in burst:
            age = datetime.fromisoformat(review["posted_at"]) - datetime.fromisoformat(registered[review["member_id"]])
            assert timedelta(0) < age <= timedelta(days=3, hours=1)
        texts = {fold(r["text"])[:30] for r in burst}
        assert len(texts) <= 3  # near-identical
    for reviews in by_listing.values():
        assert busiest_hour([r for r in reviews if r["review_id"] not in planted]) < 5


def test_shared_emails_join_many_unrelated_accounts_whatever_the_case_and_no_others(province):
    planted = province.planted("shared_email")
    members = province.latest["members"]
    by_email = defaultdict(set)
    for member in members.values():
        if member["email"]:
            by_email[member["email"].strip().lower()].add(member["member_id"])
    shared = {email: ids for email, ids in by_email.items() if len(ids) > 1}
    assert shared and set().union(*shared.values()) == planted
    for ids in shared.values():
        assert 6 <= len(ids) <= 10
        assert len({members[i]["display_name"] for i in ids}) >= len(ids) - 1
    assert any(members[i]["email"] != members[i]["email"].lower() for i in planted)


def test_listing_bursts_come_from_new_accounts_and_ordinary_sellers_do_not_burst(province):
    planted = province.planted("listing_burst")
    registered = {m["member_id"]: datetime.fromisoformat(m["registered_at"]) for m in province.latest["members"].values()}
    by_member = defaultdict(list)
    for listing in province.latest["listings"].values():
        by_member[listing["member_id"]].append(datetime.fromisoformat(listing["posted_at"]))

    def busiest_day(times):
        times = sorted(times)
        return max(sum(1 for u in times if t <= u < t + timedelta(hours=24)) for t in times)

    assert planted
    for member_id, times in by_member.items():
        if member_id in planted:
            assert busiest_day(times) >= 10 and len(times) <= 16
            assert max(times) - registered[member_id] <= timedelta(days=30)
        else:
            assert busiest_day(times) < 5, member_id


def _post_measures(post: dict) -> tuple[tuple, float | None, float | None]:
    """(kind, category, unit in kg or its own), quantity and price in that unit, as the rules compare them."""
    unit = kg_unit(post["unit"])
    kg = {"g": 0.001, "kg": 1, "yen": 10, "ta": 100, "tan": 1000}.get(unit)
    price = float(post["price"].replace(".", "").replace(" đ", "")) if post["price"] else None
    quantity = float(post["quantity"])
    if kg:
        return (post["kind"], post["category"], "kg"), quantity * kg, price / kg if price else None
    return (post["kind"], post["category"], unit), quantity, price


def test_supply_demand_outliers_are_far_from_their_group_and_ordinary_posts_are_not(province):
    planted = {kind: province.planted(kind) for kind in ("supply_demand_quantity", "supply_demand_price")}
    posts = province.latest["supply_demand_posts"]
    quantities, prices = defaultdict(list), defaultdict(list)
    for post in posts.values():
        group, quantity, price = _post_measures(post)
        if post["post_id"] not in planted["supply_demand_quantity"]:
            quantities[group].append(quantity)
        if price and post["post_id"] not in planted["supply_demand_price"]:
            prices[group[1:]].append(price)
    for post in posts.values():
        group, quantity, price = _post_measures(post)
        q_ratio = quantity / statistics.median(quantities[group])
        if post["post_id"] in planted["supply_demand_quantity"]:
            assert group[2] == "kg" and (q_ratio >= 150 or q_ratio <= 1 / 150), (post["post_id"], q_ratio)
        else:
            assert 1 / 60 <= q_ratio <= 60, (post["post_id"], q_ratio)
        if price:
            p_ratio = price / statistics.median(prices[group[1:]])
            if post["post_id"] in planted["supply_demand_price"]:
                assert p_ratio >= 10 or p_ratio <= 0.1, (post["post_id"], p_ratio)
            else:
                assert 0.2 <= p_ratio <= 5, (post["post_id"], p_ratio)
    assert all(planted.values())
