"""Establishments and what belongs to them: production areas, certificates, products, listings and
supply–demand posts. Each establishment is made whole (and written) before the next one."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from . import engagement, oversight
from .actors import new_member
from .catalogue import BY_CATEGORY, MASS, UNIT_DISPLAY, CatalogueProduct, round_price
from .context import Certificate, Establishment, Listing, Product, Province
from .moderation import Outcome, moderate
from .vocabulary import (BRANDS, BUSINESS_NAME_FORMS, CERTIFICATE_ISSUERS, CERTIFICATE_SENTENCES, CROPS,
                         DEMAND_TEXTS, DEMAND_TITLE_FORMS, FRESH_CATEGORIES, FRESH_TITLE_FORMS, INTRO_SENTENCES,
                         PLACES, PRODUCTION_NAME_FORMS, QUALITY_SENTENCES, SERVICE_SENTENCES, SUPPLY_TEXTS,
                         SUPPLY_TITLE_FORMS, TITLE_FORMS, TRADE_WORDS, VILLAGE_NAMES)

PRODUCTION_SHARE = 0.6
CATEGORY_WEIGHTS = {"vegetables": 20, "fruit": 18, "tea_coffee": 17, "processed_food": 10, "seafood": 7,
                    "meat_eggs": 7, "rice_grain": 6, "spices": 6, "other": 5, "beverages": 4}
SECOND_ESTABLISHMENT_RATE = 0.08  # owners who register another establishment
MEAN_LISTINGS = 3.2
MASS_UNIT_WEIGHTS = {"kg": 70, "yen": 8, "ta": 12, "tan": 10}
CLAIM_RATE = 0.6  # a listing mentions each valid certificate its establishment holds with this chance
HIDDEN_RATE, DELETED_RATE = 0.03, 0.02  # sellers take published listings down
CLOSED_BY_OWNER_RATE = 0.004
CLAIMABLE = ("food_safety", "vietgap", "ocop", "organic")
VALIDITY_YEARS = {"food_safety": 3, "vietgap": 2, "ocop": 3, "organic": 1}
CERTIFICATE_RATES = {  # (type, chance) for production / business establishments
    "production": {"food_safety": 0.55, "vietgap": 0.25, "ocop": 0.15, "organic": 0.05},
    "business": {"food_safety": 0.45},
}
VIETGAP_CATEGORIES = {"vegetables": "TT", "fruit": "TT", "rice_grain": "TT", "tea_coffee": "TT", "spices": "TT",
                      "seafood": "TS", "meat_eggs": "CN"}  # VietGAP for crops, aquaculture, livestock
OCOP_CATEGORIES = ("processed_food", "tea_coffee", "fruit", "beverages", "spices", "other", "rice_grain")
ORGANIC_CATEGORIES = ("vegetables", "fruit", "rice_grain", "tea_coffee", "spices")
PLANTING_CODE_CATEGORIES = ("vegetables", "fruit", "tea_coffee")
REVOKED_RATE = 0.01
STAR_WEIGHTS = {3: 60, 4: 35, 5: 5}


# ---------------------------------------------------------------------------------------------------------
# Who oversees what (one place for the rule)
# ---------------------------------------------------------------------------------------------------------

def sector_for(kind: str, category: str) -> str:
    """Trading is overseen by Industry and Trade; producers by Agriculture, processed food by Health and
    beverages by Industry and Trade (the split of Decree 15/2018/NĐ-CP)."""
    if kind == "business" or category == "beverages":
        return "industry_trade"
    return "health" if category == "processed_food" else "agriculture_environment"


def overseeing_unit(p: Province, sector: str, category: str) -> str:
    units = p.departments[sector].units
    livestock = sector == "agriculture_environment" and category in ("seafood", "meat_eggs")
    return units[1] if livestock else units[0]


# ---------------------------------------------------------------------------------------------------------
# Establishments
# ---------------------------------------------------------------------------------------------------------

def create_establishments(p: Province):
    times = sorted(p.clock.at(0.9 * p.rng.random() ** 1.5) for _ in range(p.count(2000, 1)))
    for registered_at in times:
        create_establishment(p, registered_at)


def create_establishment(p: Province, registered_at: datetime):
    rng = p.rng
    kind = "production" if rng.random() < PRODUCTION_SHARE else "business"
    category = rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
    owner = _owner(p, "producer" if kind == "production" else "trader", registered_at)
    est, outcome = register_establishment(p, owner, kind, category, registered_at)
    if outcome.status != "approved":
        return
    oversight.inspect(p, est)
    if est.active_until is None and rng.random() < CLOSED_BY_OWNER_RATE:
        p.set_status(est, "terminated", p.clock.between(rng, est.approved_at))
    for posted_at in sorted(p.clock.between(rng, est.approved_at, est.active_until) for _ in range(_listing_count(p))):
        publish_listing(p, draft_listing(p, est, rng.choice(est.products), posted_at))
    for posted_at in _post_times(p, est.approved_at, est.active_until, 1.2 if kind == "production" else 0.6):
        supply_demand_post(p, owner["member_id"], est, "supply" if kind == "production" else "demand", posted_at)
    engagement.maybe_complain_about_establishment(p, est)


def register_establishment(p: Province, owner: dict, kind: str, category: str, registered_at: datetime
                           ) -> tuple[Establishment, Outcome]:
    """Write a new establishment of `owner` with its products, production areas and certificates, and moderate
    it; returns it with the moderation's outcome."""
    rng = p.rng
    sector = sector_for(kind, category)
    name = _name(p, kind, category, owner["display_name"])
    row = dict(
        establishment_id=p.out.new_id("establishments"), member_id=owner["member_id"], name=name, kind=kind,
        tax_code=_tax_code(p, name), address=p.addresses.address(),
        phone=p.people.phone(_digits(owner["phone"]) if owner["phone"] and rng.random() < 0.7 else None),
        main_category=category, org_id=overseeing_unit(p, sector, category), status="pending",
        registered_at=registered_at, updated_at=registered_at,
    )
    p.write("establishments", **row)
    est = Establishment(row, sector, owner, products=[])
    created = registered_at + timedelta(minutes=rng.randint(2, 90))
    _products(p, est, created)
    planting_codes = _production_areas(p, est, created)
    _certificates(p, est, planting_codes, created)
    outcome = moderate(p, "establishment", row["establishment_id"], registered_at, sector)
    for moment, status in outcome.history[1:]:
        p.set_status(est, status, moment)
    p.establishments.append(est)
    return est, outcome


def _owner(p: Province, kind: str, before: datetime) -> dict:
    owners = p.owners[kind]
    if owners and p.rng.random() < SECOND_ESTABLISHMENT_RATE:
        return p.rng.choice(owners)
    registered_at = p.clock.between(p.rng, max(p.clock.start, before - timedelta(days=10)), before)
    owner = new_member(p, kind, registered_at)
    owners.append(owner)
    return owner


def _name(p: Province, kind: str, category: str, person: str) -> str:
    rng = p.rng
    trade = rng.choice(TRADE_WORDS[category])
    form = rng.choice(PRODUCTION_NAME_FORMS if kind == "production" else BUSINESS_NAME_FORMS)
    return form.format(trade=trade, Trade=trade[0].upper() + trade[1:], brand=rng.choice(BRANDS),
                       place=rng.choice(PLACES), person=person)


def _tax_code(p: Province, name: str) -> str | None:
    small = name.startswith(("Hộ kinh doanh", "Tổ hợp tác", "Trang trại", "Cơ sở"))
    if small and p.rng.random() < 0.4:
        return None  # household businesses often register without one
    return p.people.tax_code(branch=not small and p.rng.random() < 0.05)


def _digits(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    return digits[2:] if digits.startswith("84") else digits[1:]


def _listing_count(p: Province) -> int:
    return min(12, int(p.rng.expovariate(1 / MEAN_LISTINGS)) + 1)


def _post_times(p: Province, first: datetime, last: datetime | None, mean: float) -> list[datetime]:
    count = min(6, int(p.rng.expovariate(1 / mean) + 0.5))
    return sorted(p.clock.between(p.rng, first, last) for _ in range(count))


# ---------------------------------------------------------------------------------------------------------
# Products, production areas, certificates
# ---------------------------------------------------------------------------------------------------------

def _products(p: Province, est: Establishment, created: datetime):
    rng = p.rng
    main = list(BY_CATEGORY[est.category])
    count = min(len(main), rng.randint(2, 5))
    items = rng.sample(main, count)
    if rng.random() < 0.2:
        other = rng.choice([c for c in CATEGORY_WEIGHTS if c != est.category])
        items.append(rng.choice(BY_CATEGORY[other]))
    for item in items:
        product_id = p.out.new_id("products")
        p.write("products", product_id=product_id, establishment_id=est.establishment_id, name=item.name,
                category=item.category, unit=item.units[0], updated_at=created)
        est.products.append(Product(product_id, item))


def _production_areas(p: Province, est: Establishment, created: datetime) -> list[str]:
    """Areas of producers that grow or raise something; returns the planting-area codes given."""
    rng = p.rng
    crops = CROPS.get(est.category)
    if est.row["kind"] != "production" or not crops:
        return []
    codes = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        crop = rng.choice(crops)
        farmed = est.category in ("seafood", "meat_eggs")
        code = None
        if est.category in PLANTING_CODE_CATEGORIES and rng.random() < 0.35:
            code = f"VN-LDOR-{p.serial('planting_area_code'):04d}"
            codes.append(code)
        p.write("production_areas", area_id=p.out.new_id("production_areas"), establishment_id=est.establishment_id,
                name=f"{'Khu' if farmed else 'Vùng trồng'} {crop} {rng.choice(VILLAGE_NAMES)}",
                address=p.addresses.address(),
                area_ha=round(min(60.0, rng.lognormvariate(0.2 if farmed else 1.3, 0.8)), 2),
                crop=crop, planting_area_code=code, updated_at=created)
    return codes


def _certificates(p: Province, est: Establishment, planting_codes: list[str], created: datetime):
    rng = p.rng
    start = p.clock.start.date()
    for kind, rate in CERTIFICATE_RATES[est.row["kind"]].items():
        if rng.random() >= rate or not _certifiable(kind, est.category):
            continue
        years = VALIDITY_YEARS[kind]
        issued_on = start - timedelta(days=rng.randint(20, int(365 * years * 1.15)))
        product_id = rng.choice(_main_products(est)).product_id if kind == "ocop" else None
        add_certificate(p, est, kind, issued_on, created, product_id=product_id)
    for code in planting_codes:
        add_certificate(p, est, "planting_area_code", start - timedelta(days=rng.randint(30, 900)), created,
                        number=code)


def _main_products(est: Establishment) -> list[Product]:
    return [x for x in est.products if x.item.category == est.category]


def _certifiable(kind: str, category: str) -> bool:
    return {"vietgap": category in VIETGAP_CATEGORIES, "ocop": category in OCOP_CATEGORIES,
            "organic": category in ORGANIC_CATEGORIES}.get(kind, True)


def add_certificate(p: Province, est: Establishment, kind: str, issued_on: date, created: datetime,
                    product_id: str | None = None, number: str | None = None, revoked: bool | None = None
                    ) -> Certificate:
    rng = p.rng
    issuer, code = rng.choice(CERTIFICATE_ISSUERS[kind])
    years = VALIDITY_YEARS.get(kind)
    expires_on = _expiry(issued_on, years) if years else None
    cert = Certificate(
        certificate_id=p.out.new_id("certificates"), type=kind,
        number=number or _certificate_number(p, kind, code, issued_on.year, est.category), issued_on=issued_on,
        expires_on=expires_on, stars=rng.choices(list(STAR_WEIGHTS), list(STAR_WEIGHTS.values()))[0]
        if kind == "ocop" else None, product_id=product_id,
        revoked=rng.random() < REVOKED_RATE if revoked is None else revoked)
    p.write("certificates", certificate_id=cert.certificate_id, establishment_id=est.establishment_id, type=kind,
            number=cert.number, issuer=issuer, issued_on=issued_on, expires_on=expires_on, ocop_stars=cert.stars,
            product_id=product_id, revoked=cert.revoked, updated_at=created)
    est.certificates.append(cert)
    return cert


def _expiry(issued_on: date, years: int) -> date:
    """The day before the anniversary (28 February for a certificate issued on 29 February)."""
    if (issued_on.month, issued_on.day) == (2, 29):
        return date(issued_on.year + years, 2, 28)
    return issued_on.replace(year=issued_on.year + years) - timedelta(days=1)


def _certificate_number(p: Province, kind: str, code: str, year: int, category: str) -> str:
    serial = p.serial(kind)
    if kind == "food_safety":
        return f"{serial:04d}/{year}/GCNATTP-{code}"
    if kind == "vietgap":
        return f"VietGAP-{VIETGAP_CATEGORIES.get(category, 'TT')}-{code}-68-{serial:04d}"
    if kind == "ocop":
        return f"{serial:04d}/QĐ-{code}-{year}"
    return f"HC-{code}-{year}-{serial:04d}"


def valid_certificates(p: Province, est: Establishment) -> list[Certificate]:
    """Claimable certificates valid over the whole export period: an ordinary listing claims only these."""
    first, last = p.clock.start.date(), p.clock.end.date()
    return [c for c in est.certificates if c.type in CLAIMABLE and c.valid_between(first, last)]


# ---------------------------------------------------------------------------------------------------------
# Listings
# ---------------------------------------------------------------------------------------------------------

def draft_listing(p: Province, est: Establishment, product, posted_at: datetime) -> Listing:
    rng = p.rng
    item = product.item
    unit = rng.choices(list(MASS_UNIT_WEIGHTS), list(MASS_UNIT_WEIGHTS.values()))[0] if item.units == MASS \
        else item.units[0]
    listing_id = p.out.new_id("listings")
    claims, stars, sentences = [], None, []
    for cert in valid_certificates(p, est):
        if cert.type in claims or (cert.type == "ocop" and cert.product_id != product.product_id):
            continue
        if rng.random() < CLAIM_RATE:
            claims.append(cert.type)
            stars = cert.stars if cert.type == "ocop" else stars
            sentences.append(certificate_sentence(p, cert.type, cert.number if rng.random() < 0.5 else None,
                                                  cert.stars))
    return Listing(listing_id=listing_id, establishment=est, product=product, category=item.category, unit=unit,
                   price=round_price(item.unit_price(unit) * rng.uniform(0.85, 1.2)),
                   title=_title(p, est, item), text=listing_text(p, est, item, sentences), claims=claims,
                   ocop_stars=stars, images=image_hashes(p, listing_id, rng.randint(1, 4)), posted_at=posted_at)


def certificate_sentence(p: Province, kind: str, number: str | None, stars: int | None = None) -> str:
    return CERTIFICATE_SENTENCES[kind].format(number=f" số {number}" if number else "", stars=stars)


def image_hashes(p: Province, listing_id: str, count: int) -> list[str]:
    return [hashlib.sha256(f"{p.seed}/{listing_id}/{i}".encode()).hexdigest() for i in range(count)]


def _title(p: Province, est: Establishment, item: CatalogueProduct) -> str:
    rng = p.rng
    forms = TITLE_FORMS + (FRESH_TITLE_FORMS if item.category in FRESH_CATEGORIES else ())
    return rng.choice(forms).format(P=item.name, p=_lower(item.name), brand=est.row["name"],
                                    place=rng.choice(PLACES))


def listing_text(p: Province, est: Establishment, item: CatalogueProduct, extra: list[str]) -> str:
    rng = p.rng
    values = dict(name=est.row["name"], P=item.name, p=_lower(item.name), place=rng.choice(PLACES),
                  n=rng.randint(2, 40))
    sentences = [rng.choice(INTRO_SENTENCES[est.row["kind"]])]
    sentences += rng.sample(QUALITY_SENTENCES[item.category], rng.randint(1, 2))
    sentences += rng.sample(SERVICE_SENTENCES, rng.randint(1, 3))
    return " ".join([s.format(**values) for s in sentences] + extra)


def _lower(name: str) -> str:
    return name[0].lower() + name[1:]


def publish_listing(p: Province, listing: Listing):
    """Moderate and write a listing; once approved, buyers review, comment, ask and complain."""
    rng = p.rng
    est = listing.establishment
    outcome = moderate(p, "listing", listing.listing_id, listing.posted_at, est.sector)
    status, updated_at, until = outcome.status, outcome.updated_at, est.active_until or p.clock.end
    if status == "approved":
        roll = rng.random()
        if roll < HIDDEN_RATE + DELETED_RATE:
            updated_at = p.clock.between(rng, outcome.approved_at + timedelta(days=1), until)
            if updated_at < until:
                status, until = "hidden" if roll < HIDDEN_RATE else "deleted", updated_at
            else:
                updated_at = outcome.updated_at
    p.write("listings", listing_id=listing.listing_id, establishment_id=est.establishment_id,
            product_id=listing.product.product_id if listing.product else None, member_id=est.member_id,
            title=listing.title, text=listing.text, category=listing.category, price=listing.price,
            unit=UNIT_DISPLAY[listing.unit] if rng.random() < 0.75 else listing.unit,
            claimed_certificates=listing.claims, ocop_stars_claimed=listing.ocop_stars,
            image_hashes=";".join(listing.images), posted_at=listing.posted_at, status=status,
            updated_at=updated_at)
    if outcome.approved_at is None:
        return
    p.published.append((listing.listing_id, est, outcome.approved_at, until))
    if not listing.claims and rng.random() < 0.02:
        p.copy_sources.append(listing)
    engagement.engage_listing(p, listing.listing_id, est, outcome.approved_at, until)


# ---------------------------------------------------------------------------------------------------------
# Supply–demand posts
# ---------------------------------------------------------------------------------------------------------

def create_independent_traders(p: Province):
    """Buyers who post demand without an establishment of their own."""
    times = sorted(p.clock.at(0.9 * p.rng.random()) for _ in range(p.count(300)))
    for registered_at in times:
        trader = new_member(p, "trader", registered_at)
        for posted_at in _post_times(p, registered_at + timedelta(hours=1), None, 1.5):
            supply_demand_post(p, trader["member_id"], None, "demand", posted_at)


def supply_demand_post(p: Province, member_id: str, est: Establishment | None, kind: str, posted_at: datetime,
                       item: CatalogueProduct | None = None, distort=None) -> str:
    """Write a post (and its moderation and comments); returns its id. A planted anomaly names the item and
    `distort(unit, quantity, price) -> (unit, quantity, price)` changes the ordinary figures drawn for it."""
    rng = p.rng
    category = est.category if est else rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
    item = item or rng.choice(BY_CATEGORY[category])
    if item.units == MASS:
        unit = rng.choice(("kg", "ta", "tan"))
        quantity = {"kg": rng.randint(5, 90) * 10, "ta": rng.randint(2, 50), "tan": rng.randint(1, 30)}[unit]
    else:
        unit, quantity = item.units[0], rng.randint(5, 200) * 10
    price = round_price(item.unit_price(unit) * rng.uniform(0.8, 1.1))
    if distort:
        unit, quantity, price = distort(unit, quantity, price)
    if kind == "demand" and rng.random() < 0.4:
        price = None  # "giá thỏa thuận"
    elif price is not None and rng.random() < 0.4:
        price = f"{price:,}".replace(",", ".") + " đ"  # as people write it
    values = dict(q=quantity, u=UNIT_DISPLAY[unit], p=_lower(item.name), place=rng.choice(PLACES))
    post_id = p.out.new_id("supply_demand_posts")
    sector = est.sector if est else "industry_trade"
    outcome = moderate(p, "supply_demand_post", post_id, posted_at, sector)
    p.write("supply_demand_posts", post_id=post_id, member_id=member_id,
            establishment_id=est.establishment_id if est else None, kind=kind,
            title=rng.choice(SUPPLY_TITLE_FORMS if kind == "supply" else DEMAND_TITLE_FORMS).format(**values),
            text=rng.choice(SUPPLY_TEXTS if kind == "supply" else DEMAND_TEXTS).format(**values),
            category=category, quantity=quantity, unit=unit, price=price, location=p.addresses.address(),
            posted_at=posted_at, expires_on=(posted_at + timedelta(days=rng.randint(15, 60))).date(),
            status=outcome.status, updated_at=outcome.updated_at)
    if outcome.approved_at:
        engagement.comment_on(p, "supply_demand_post", post_id, sector, outcome.approved_at, None,
                              count=min(3, int(rng.expovariate(1 / 0.7))))
    return post_id
