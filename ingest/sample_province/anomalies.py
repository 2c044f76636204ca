"""Planted anomalies and their ground truth: one row per planted object, so that flags can be measured.

Each planted listing is otherwise an ordinary one (made by the same code), and each kind is planted on
establishments not used for another kind, so that an object carries one anomaly only. The kinds added after the
first eight (and the near copies of duplicate_listing) are drawn from a random stream of their own, after every
other row is written (plant_second_stream), so that the rows written before them stayed as they were.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime, timedelta
from pathlib import Path

from ingest.contract import UNIT_KG

from . import engagement, oversight
from .actors import new_member, sanction
from .addresses import fold
from .catalogue import BY_CATEGORY, MASS, USUAL_PRICE, round_price
from .context import Establishment, Listing, Province
from .establishments import (CATEGORY_WEIGHTS, CLAIMABLE, VALIDITY_YEARS, add_certificate, certificate_sentence,
                             draft_listing, image_hashes, publish_listing, register_establishment,
                             supply_demand_post)
from .vocabulary import BURST_SUFFIXES, BURST_TEMPLATES, DISEASE_CLAIMS, DISEASE_SENTENCES, DISEASE_TITLE_FORMS

KINDS = ("price_outlier", "certificate_missing", "certificate_expired", "certificate_other_establishment",
         "duplicate_listing", "disease_claim", "shared_phone", "review_burst", "shared_email", "listing_burst",
         "supply_demand_quantity", "supply_demand_price")
# How many at scale 1 (objects, or groups of objects where said).
PRICE_OUTLIERS = 30
CERTIFICATE_CLAIMS = 25  # of each certificate kind
DISEASE_CLAIM_LISTINGS = 30
DUPLICATE_GROUPS, COPIES_PER_GROUP = 11, (2, 3)
SHARED_PHONE_GROUPS, ACCOUNTS_PER_PHONE = 3, (8, 15)
REVIEW_BURSTS, REVIEWS_PER_BURST = 2, (10, 20)
PRICE_FACTOR = (20, 30)  # an outlier is this many times above or below the usual price
IMPERSONATOR_SANCTION_RATE = 0.25
# From the second stream:
NEAR_COPIES = 10  # copies of another seller's listing with a word or two changed or moved, and images of their own
SHARED_EMAIL_GROUPS, ACCOUNTS_PER_EMAIL = 3, (6, 10)
LISTING_BURSTS, LISTINGS_PER_BURST = 20, (10, 16)  # new accounts, each posting that many listings within a day
BURST_HOURS = 20
POST_OUTLIERS = 24  # supply posts of each kind: implausible quantity, implausible price
# Posts are planted where the ordinary posts are many (a median needs supply_demand_min_peers posts, even at the
# end-to-end test's scale 0.05): the two largest categories, in kilograms.
POST_CATEGORIES = ("vegetables", "fruit")


class GroundTruth:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.file = path.open("w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.file, lineterminator="\n")
        self.writer.writerow(["anomaly_kind", "object_type", "object_id", "detail"])
        self.counts = dict.fromkeys(KINDS, 0)

    def add(self, kind: str, object_type: str, object_id: str, detail: str):
        self.writer.writerow([kind, object_type, object_id, detail])
        self.counts[kind] += 1

    def close(self):
        self.file.close()


# ---------------------------------------------------------------------------------------------------------
# Accounts sharing one phone
# ---------------------------------------------------------------------------------------------------------

def plan_shared_phones(p: Province, consumer_count: int) -> dict[int, str]:
    """Which consumers (by position) get which shared phone number."""
    plan = {}
    groups = [p.rng.randint(*ACCOUNTS_PER_PHONE) for _ in range(p.count(SHARED_PHONE_GROUPS, 1))]
    positions = p.rng.sample(range(consumer_count), min(consumer_count, sum(groups)))
    for size in groups:
        number = p.people.phone_number()
        for _ in range(size):
            if positions:
                plan[positions.pop()] = number
    return plan


def record_shared_phones(truth: GroundTruth, member_ids: list[str], plan: dict[int, str]):
    numbers = list(dict.fromkeys(plan.values()))
    for position, number in sorted(plan.items()):
        size = sum(1 for n in plan.values() if n == number)
        truth.add("shared_phone", "member", member_ids[position],
                  f"group {numbers.index(number) + 1}: one of {size} unrelated accounts with the same phone number")


# ---------------------------------------------------------------------------------------------------------
# Listings
# ---------------------------------------------------------------------------------------------------------

class Candidates:
    """Approved, active establishments with time left, each handed out once."""

    def __init__(self, p: Province, used: set[str] = frozenset()):
        late = p.clock.before_end(30)
        self.items = [e for e in p.establishments if e.approved_at and e.approved_at < late and e.active_until is None]
        p.rng.shuffle(self.items)
        self.used: set[str] = set(used)

    def take(self, accept=lambda est: True) -> Establishment | None:
        for est in self.items:
            if est.establishment_id not in self.used and accept(est):
                self.used.add(est.establishment_id)
                return est
        return None


def plant_listing_anomalies(p: Province, truth: GroundTruth) -> tuple[set[str], set[str]]:
    """Returns the establishments used and the listings copied, for the second stream to leave alone."""
    candidates = Candidates(p)
    originals: set[str] = set()
    for _ in range(p.count(DUPLICATE_GROUPS, 1)):
        _duplicate_group(p, truth, candidates, originals)
    for index in range(p.count(PRICE_OUTLIERS, 2)):
        _price_outlier(p, truth, candidates.take(), high=index % 2 == 0)
    for _ in range(p.count(CERTIFICATE_CLAIMS, 1)):
        _certificate_missing(p, truth, candidates.take(lambda e: bool(_types_never_held(e))))
    for _ in range(p.count(CERTIFICATE_CLAIMS, 1)):
        _certificate_expired(p, truth, candidates.take(lambda e: bool(_types_never_held(e))))
    donors = _valid_certificates_by_type(p)
    for _ in range(p.count(CERTIFICATE_CLAIMS, 1)):
        est = candidates.take(lambda e: bool(_foreign_types(e, donors)))
        _certificate_other(p, truth, est, donors)
    for _ in range(p.count(DISEASE_CLAIM_LISTINGS, 1)):
        _disease_claim(p, truth, candidates.take())
    return candidates.used, originals


def _posted_at(p: Province, est: Establishment, after: datetime | None = None) -> datetime:
    first = max(est.approved_at, after or est.approved_at) + timedelta(days=1)
    return p.clock.between(p.rng, first, p.clock.before_end(7))


def _publish(p: Province, listing: Listing, truth: GroundTruth, kind: str, detail: str):
    publish_listing(p, listing)
    truth.add(kind, "listing", listing.listing_id, detail)


def _price_outlier(p: Province, truth: GroundTruth, est: Establishment | None, high: bool):
    if est is None:
        return
    listing = draft_listing(p, est, p.rng.choice(est.products), _posted_at(p, est))
    usual = USUAL_PRICE[(listing.category, listing.unit)]
    factor = p.rng.uniform(*PRICE_FACTOR)
    listing.price = round_price(usual * factor if high else usual / factor)
    _publish(p, listing, truth, "price_outlier",
             f"{listing.price} đ per {listing.unit}, usual {usual:.0f} đ for {listing.category} "
             f"({'×' if high else '÷'}{factor:.0f})")


def _types_never_held(est: Establishment) -> list[str]:
    return [t for t in CLAIMABLE if all(c.type != t for c in est.certificates)]


def _claim(p: Province, listing: Listing, kind: str, number: str | None, stars: int | None):
    listing.claims.append(kind)
    if kind == "ocop":
        listing.ocop_stars = stars
    listing.text += " " + certificate_sentence(p, kind, number, stars)


def _certificate_missing(p: Province, truth: GroundTruth, est: Establishment | None):
    if est is None:
        return
    kind = p.rng.choice(_types_never_held(est))
    listing = draft_listing(p, est, p.rng.choice(est.products), _posted_at(p, est))
    _claim(p, listing, kind, None, p.rng.choice((3, 4, 5)))
    _publish(p, listing, truth, "certificate_missing",
             f"claims {kind}; {est.establishment_id} holds no {kind} certificate")


def _certificate_expired(p: Province, truth: GroundTruth, est: Establishment | None):
    """An old certificate, expired before the period, is the only one of its type behind the claim."""
    if est is None:
        return
    rng = p.rng
    kind = rng.choice(_types_never_held(est))
    product = rng.choice(est.products)
    years = VALIDITY_YEARS[kind]
    issued_on = p.clock.start.date() - timedelta(days=365 * years + rng.randint(30, 400))
    cert = add_certificate(p, est, kind, issued_on, est.row["registered_at"] + timedelta(minutes=30),
                           product_id=product.product_id if kind == "ocop" else None, revoked=False)
    listing = draft_listing(p, est, product, _posted_at(p, est))
    _claim(p, listing, kind, cert.number if rng.random() < 0.6 else None, cert.stars)
    _publish(p, listing, truth, "certificate_expired",
             f"claims {kind}; its only {kind} certificate {cert.certificate_id} expired on "
             f"{cert.expires_on:%d/%m/%Y}")


def _valid_certificates_by_type(p: Province) -> dict[str, list]:
    first, last = p.clock.start.date(), p.clock.end.date()
    donors = {t: [] for t in CLAIMABLE}
    for est in p.establishments:
        for cert in est.certificates:
            if cert.type in donors and cert.valid_between(first, last):
                donors[cert.type].append((est, cert))
    return donors


def _foreign_types(est: Establishment, donors: dict[str, list]) -> list[str]:
    """Types `est` never held of which another owner holds a valid certificate."""
    return [t for t in _types_never_held(est) if any(d.member_id != est.member_id for d, _ in donors[t])]


def _certificate_other(p: Province, truth: GroundTruth, est: Establishment | None, donors: dict[str, list]):
    """The listing cites, by number, a valid certificate of an unrelated establishment."""
    if est is None:
        return
    rng = p.rng
    kind = rng.choice(_foreign_types(est, donors))
    owner, cert = rng.choice([(d, c) for d, c in donors[kind] if d.member_id != est.member_id])
    listing = draft_listing(p, est, rng.choice(est.products), _posted_at(p, est))
    _claim(p, listing, kind, cert.number, cert.stars)
    _publish(p, listing, truth, "certificate_other_establishment",
             f"claims {kind} citing certificate {cert.number} ({cert.certificate_id}) of {owner.establishment_id}")


def _disease_claim(p: Province, truth: GroundTruth, est: Establishment | None):
    if est is None:
        return
    rng = p.rng
    listing = draft_listing(p, est, rng.choice(est.products), _posted_at(p, est))
    claim = rng.choice(DISEASE_CLAIMS)
    written = fold(claim) if rng.random() < 0.3 else claim
    sentence = rng.choice(DISEASE_SENTENCES).format(claim=written)
    listing.text = f"{sentence} {listing.text}" if rng.random() < 0.5 else f"{listing.text} {sentence}"
    if rng.random() < 0.4:
        listing.title = rng.choice(DISEASE_TITLE_FORMS).format(P=listing.product.item.name, claim=written)
    _publish(p, listing, truth, "disease_claim", f"advertises food as curing or preventing disease: {claim}")
    if rng.random() < 0.2:
        engagement.complain(p, est, listing.listing_id, _posted_at(p, est, listing.posted_at), "false_information")
    if rng.random() < 0.15:
        detected = p.clock.office(listing.posted_at + timedelta(days=rng.randint(2, 20)), rng)
        if detected < p.clock.end:
            oversight.record_violation(p, est, "flag", detected, est.row["org_id"], category="advertising",
                                       product_id=listing.product.product_id, allow_suspension=False)


def _duplicate_group(p: Province, truth: GroundTruth, candidates: Candidates, originals: set[str]):
    """Unrelated sellers re-post an existing listing: the same images, the same or nearly the same words."""
    rng = p.rng
    original = _copy_source(p, originals)
    if original is None:
        return
    for _ in range(rng.randint(*COPIES_PER_GROUP)):
        copier = _copier(p, candidates, original)
        if copier is None:
            return
        same_category = [x for x in copier.products if x.item.category == original.category]
        copy = Listing(
            listing_id=p.out.new_id("listings"), establishment=copier,
            product=rng.choice(same_category) if same_category else None, category=original.category,
            unit=original.unit, price=round_price(original.price * rng.uniform(0.85, 1.0)),
            title=original.title if rng.random() < 0.5 else _retouch(p, original.title),
            text=original.text if rng.random() < 0.4 else _retouch(p, original.text),
            claims=[], ocop_stars=None, images=list(original.images),
            posted_at=_posted_at(p, copier, original.posted_at))
        _publish(p, copy, truth, "duplicate_listing",
                 f"copy of {original.listing_id} of {original.establishment.establishment_id}: "
                 f"same {len(original.images)} image(s)")
        if copier.owner["status"] == "active" and rng.random() < IMPERSONATOR_SANCTION_RATE:
            caught_at = copy.posted_at + timedelta(days=rng.randint(3, 10))
            sanction(p, copier.owner, "suspension", "impersonation", caught_at)


def _copy_source(p: Province, originals: set[str]) -> Listing | None:
    """A listing not copied yet, published early enough for copies to follow it."""
    late = p.clock.before_end(25)
    sources = [s for s in p.copy_sources if s.posted_at < late and s.listing_id not in originals]
    if not sources:
        return None
    original = p.rng.choice(sources)
    originals.add(original.listing_id)
    return original


def _copier(p: Province, candidates: Candidates, original: Listing) -> Establishment | None:
    """An establishment of another owner in the original's category, approved early enough to copy it."""
    late = p.clock.before_end(25)
    return candidates.take(lambda e: e.member_id != original.establishment.member_id
                           and e.category == original.category and e.approved_at < late)


def _retouch(p: Province, text: str) -> str:
    """A small edit that keeps the text nearly the same."""
    return p.rng.choice((
        lambda t: t.rstrip(".") + "!",
        lambda t: "HOT " + t,
        lambda t: t + " Giá tốt nhất thị trường.",
        lambda t: t.replace("Giao", "Ship", 1),
        lambda t: t.replace(",", "", 1),
    ))(text)


# ---------------------------------------------------------------------------------------------------------
# Review bursts
# ---------------------------------------------------------------------------------------------------------

def plant_review_bursts(p: Province, truth: GroundTruth):
    """Within one hour, one listing receives many near-identical reviews from accounts made days before."""
    rng = p.rng
    late = p.clock.before_end(12)
    targets = [t for t in p.published if t[2] < late and t[3] > t[2] + (p.clock.end - late)]
    for group, (listing_id, est, approved_at, until) in enumerate(
            rng.sample(targets, min(len(targets), p.count(REVIEW_BURSTS, 1))), start=1):
        begins = p.clock.between(rng, approved_at + timedelta(days=2), until - timedelta(days=1))
        template = rng.choice(BURST_TEMPLATES)
        size = rng.randint(*REVIEWS_PER_BURST)
        for offset in sorted(rng.randrange(3500) for _ in range(size)):
            registered_at = max(p.clock.start, begins - timedelta(minutes=rng.randint(60, 3 * 24 * 60)))
            account = new_member(p, "consumer", registered_at)
            review_id, _ = engagement.write_review(p, listing_id, est, account["member_id"],
                                                   5 if rng.random() < 0.85 else 4, _vary(p, template),
                                                   begins + timedelta(seconds=offset))
            truth.add("review_burst", "review", review_id,
                      f"burst {group} on {listing_id}: {size} reviews within one hour from new accounts")


def _vary(p: Province, template: str) -> str:
    rng = p.rng
    text = template
    if rng.random() < 0.3:
        text = text.replace("mọi người", "mn").replace("sẽ mua tiếp", "sẽ ủng hộ tiếp")
    if rng.random() < 0.3:
        text = text.lower()
    return text + rng.choice(BURST_SUFFIXES)


# ---------------------------------------------------------------------------------------------------------
# The second stream: near copies, shared e-mail addresses, new accounts posting in bursts, implausible posts
# ---------------------------------------------------------------------------------------------------------

def plant_second_stream(p: Province, truth: GroundTruth, used: set[str], originals: set[str]):
    """Planted after every other row is written, from a random stream of their own (Province.fork): new rows
    only, after the ones the main stream wrote. `used` and `originals` (of plant_listing_anomalies) are left
    alone, so that no object carries two anomalies."""
    q = p.fork("anomalies-2")
    candidates = Candidates(q, used)
    for _ in range(q.count(NEAR_COPIES, 1)):
        _near_copy(q, truth, candidates, originals)
    for _ in range(q.count(SHARED_EMAIL_GROUPS, 1)):
        _shared_email_group(q, truth)
    for index in range(q.count(POST_OUTLIERS, 2)):
        _quantity_outlier(q, truth, candidates.take(_supplies_post_category), high=index % 2 == 0)
    for index in range(q.count(POST_OUTLIERS, 2)):
        _post_price_outlier(q, truth, candidates.take(_supplies_post_category), high=index % 2 == 0)
    for _ in range(q.count(LISTING_BURSTS, 1)):
        _listing_burst(q, truth)


# Words a copier changes ("words changed"); the text's sentences or the title's words are also moved ("reordered").
REWORDINGS = (("chất lượng cao", "chất lượng tốt"), ("giá tốt", "giá rẻ"), ("Giao hàng", "Ship hàng"),
              ("khách hàng", "người mua"), ("giá tận gốc", "giá gốc"), ("cửa hàng", "quán"),
              ("Nhận đơn", "Nhận order"), ("tận tay", "tận nhà"), ("chuyên", "chuyên nghiệp"))


def _near_copy(p: Province, truth: GroundTruth, candidates: Candidates, originals: set[str]):
    """An unrelated seller re-posts another's listing under images of its own, with a word or two changed or
    moved: only the text tells the copy."""
    rng = p.rng
    original = _copy_source(p, originals)
    copier = original and _copier(p, candidates, original)
    if copier is None:
        return
    same_category = [x for x in copier.products if x.item.category == original.category]
    listing_id = p.out.new_id("listings")
    text, changes = _reword(p, original.text)
    title = original.title
    if rng.random() < 0.5:
        title, change = _retitle(p, title)
        changes.append(change)
    copy = Listing(
        listing_id=listing_id, establishment=copier,
        product=rng.choice(same_category) if same_category else None, category=original.category,
        unit=original.unit, price=round_price(original.price * rng.uniform(0.85, 1.0)), title=title, text=text,
        claims=[], ocop_stars=None, images=image_hashes(p, listing_id, rng.randint(1, 4)),
        posted_at=_posted_at(p, copier, original.posted_at))
    _publish(p, copy, truth, "duplicate_listing",
             f"near copy of {original.listing_id} of {original.establishment.establishment_id}, images of its own: "
             + ", ".join(changes))


def _reword(p: Province, text: str) -> tuple[str, list[str]]:
    """The text with one phrase changed (when one of REWORDINGS is in it) or two sentences swapped."""
    rng = p.rng
    present = [(old, new) for old, new in REWORDINGS if old in text]
    sentences = re.split(r"(?<=\.) ", text)
    if present and (len(sentences) < 3 or rng.random() < 0.6):
        old, new = rng.choice(present)
        return text.replace(old, new, 1), [f"'{old}' -> '{new}'"]
    if len(sentences) < 3:
        return text + " Liên hệ ngay.", ["a sentence added"]
    i = rng.randrange(1, len(sentences))
    sentences[i - 1], sentences[i] = sentences[i], sentences[i - 1]
    return " ".join(sentences), [f"sentences {i} and {i + 1} swapped"]


def _retitle(p: Province, title: str) -> tuple[str, str]:
    """The title's two parts around ' - ' swapped, or a word added before or after it."""
    if " - " in title:
        first, second = title.split(" - ", 1)
        return f"{second} - {first}", "title parts swapped"
    word = p.rng.choice(("HOT", "Sale", "chính hãng", "giá rẻ"))
    return (f"{word} {title}" if word[0].isupper() else f"{title} {word}"), f"'{word}' added to the title"


def _shared_email_group(p: Province, truth: GroundTruth):
    """Unrelated accounts registered over the period with one e-mail address, written in any case."""
    rng = p.rng
    name, _ = p.people.person()
    address = p.people.email(name)
    size = rng.randint(*ACCOUNTS_PER_EMAIL)
    for registered_at in sorted(p.clock.between(rng, p.clock.start, p.clock.before_end(7)) for _ in range(size)):
        spelled = address if rng.random() < 0.6 else address[0].upper() + address[1:]
        member = new_member(p, "consumer", registered_at, email=spelled)
        truth.add("shared_email", "member", member["member_id"],
                  f"one of {size} unrelated accounts with the e-mail address {address}")


def _supplies_post_category(est: Establishment) -> bool:
    return est.row["kind"] == "production" and est.category in POST_CATEGORIES


def _mass_item(p: Province, category: str):
    return p.rng.choice([item for item in BY_CATEGORY[category] if item.units == MASS])


def _quantity_outlier(p: Province, truth: GroundTruth, est: Establishment | None, high: bool):
    """A supply post of thousands of tonnes (zeros typed too many) or of a few hundred grams (the unit mistaken):
    a hundred times beyond any ordinary post, whose quantities run from 50 kg to 30 tonnes. The price stays the
    ordinary one for the unit written (or none), so that only the quantity is out of place."""
    if est is None:
        return
    rng = p.rng
    item = _mass_item(p, est.category)

    def distort(unit, quantity, price):
        if high:
            return "tan", rng.randint(3000, 8000), round_price(item.unit_price("tan") * rng.uniform(0.8, 1.1))
        return "g", rng.randint(2, 9) * 50, None

    post_id = supply_demand_post(p, est.member_id, est, "supply", _posted_at(p, est), item=item, distort=distort)
    truth.add("supply_demand_quantity", "supply_demand_post", post_id,
              f"{'thousands of tonnes' if high else 'a few hundred grams'} of {item.name}")


def _post_price_outlier(p: Province, truth: GroundTruth, est: Establishment | None, high: bool):
    if est is None:
        return
    rng = p.rng
    item = _mass_item(p, est.category)
    factor = rng.uniform(*PRICE_FACTOR)
    facts = {}

    def distort(unit, quantity, price):
        usual = USUAL_PRICE[(est.category, unit)]
        facts.update(unit=unit, usual=usual)
        return unit, quantity, round_price(usual * factor if high else usual / factor)

    post_id = supply_demand_post(p, est.member_id, est, "supply", _posted_at(p, est), item=item, distort=distort)
    truth.add("supply_demand_price", "supply_demand_post", post_id,
              f"price {'×' if high else '÷'}{factor:.0f} the usual {facts['usual'] / UNIT_KG[facts['unit']]:.0f} đ/kg "
              f"for {est.category}")


def _listing_burst(p: Province, truth: GroundTruth):
    """A new account registers an establishment and, once it is approved, posts many listings within hours.
    An establishment the departments do not approve within a few weeks stays an ordinary one, and another
    account tries."""
    rng = p.rng
    for _ in range(20):
        registered_at = p.clock.between(rng, p.clock.start, p.clock.before_end(45))
        kind = "production" if rng.random() < 0.6 else "business"
        owner = new_member(p, "producer" if kind == "production" else "trader", registered_at)
        category = rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
        est, outcome = register_establishment(p, owner, kind, category,
                                              registered_at + timedelta(minutes=rng.randint(10, 3 * 24 * 60)))
        if outcome.status == "approved" and outcome.approved_at < registered_at + timedelta(days=21):
            break
    else:
        return
    begins = outcome.approved_at + timedelta(minutes=rng.randint(30, 48 * 60))
    size = rng.randint(*LISTINGS_PER_BURST)
    for offset in sorted(rng.randrange(BURST_HOURS * 3600) for _ in range(size)):
        publish_listing(p, draft_listing(p, est, rng.choice(est.products), begins + timedelta(seconds=offset)))
    truth.add("listing_burst", "member", owner["member_id"],
              f"registered {registered_at:%d/%m/%Y}, {size} listings of {est.establishment_id} within "
              f"{BURST_HOURS} hours from {begins:%d/%m/%Y %H:%M}")
