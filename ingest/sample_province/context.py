"""What the generator keeps while it writes: the random source, the period, the files, and the few facts later
steps refer back to (departments and staff, accounts by registration time, establishments, published listings)."""

from __future__ import annotations

import copy
import random
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, datetime

from .addresses import AddressBook
from .catalogue import CatalogueProduct
from .clock import Clock
from .identities import Identities
from .output import Output


@dataclass(frozen=True)
class Staff:
    staff_id: str
    org_id: str


@dataclass
class Department:
    sector: str
    org_id: str
    units: list[str]
    reviewers: list[Staff] = field(default_factory=list)
    inspectors: list[Staff] = field(default_factory=list)
    managers: list[Staff] = field(default_factory=list)


@dataclass(slots=True)
class Product:
    product_id: str
    item: CatalogueProduct


@dataclass(slots=True)
class Certificate:
    certificate_id: str
    type: str
    number: str
    issued_on: date
    expires_on: date | None
    stars: int | None
    product_id: str | None
    revoked: bool

    def valid_between(self, first: date, last: date) -> bool:
        return not self.revoked and self.issued_on <= first and (self.expires_on is None or self.expires_on >= last)


@dataclass(slots=True)
class Establishment:
    row: dict  # the latest version as written
    sector: str
    owner: dict
    products: list[Product]
    certificates: list[Certificate] = field(default_factory=list)
    approved_at: datetime | None = None
    active_until: datetime | None = None  # suspended or terminated from then on

    @property
    def establishment_id(self) -> str:
        return self.row["establishment_id"]

    @property
    def member_id(self) -> str:
        return self.row["member_id"]

    @property
    def category(self) -> str:
        return self.row["main_category"]


@dataclass(slots=True)
class Listing:
    """A listing before it is written; anomalies change a draft before it is published."""
    listing_id: str
    establishment: Establishment
    product: Product | None
    category: str
    unit: str
    price: int
    title: str
    text: str
    claims: list[str]
    ocop_stars: int | None
    images: list[str]
    posted_at: datetime


class AccountPool:
    """Accounts by registration time, to pick one that existed at a given moment."""

    def __init__(self):
        self.times: list[datetime] = []
        self.ids: list[str] = []

    def add(self, registered_at: datetime, member_id: str):
        assert not self.times or registered_at >= self.times[-1], "accounts are added in registration order"
        self.times.append(registered_at)
        self.ids.append(member_id)

    def pick(self, rng: random.Random, before: datetime) -> str | None:
        count = bisect_left(self.times, before)
        return self.ids[rng.randrange(count)] if count else None


class Province:
    def __init__(self, out: Output, clock: Clock, rng: random.Random, seed: int, scale: float):
        self.out, self.clock, self.rng, self.seed, self.scale = out, clock, rng, seed, scale
        self.people = Identities(rng)
        self.addresses = AddressBook(rng)
        self.departments: dict[str, Department] = {}
        self.consumers = AccountPool()
        self.owners: dict[str, list[dict]] = {"producer": [], "trader": []}
        self.establishments: list[Establishment] = []
        # approved listings: (listing id, establishment, approved at, visible until)
        self.published: list[tuple[str, Establishment, datetime, datetime]] = []
        self.copy_sources: list[Listing] = []  # a few published listings without claims, kept whole
        self.serials: dict[str, int] = {}

    def fork(self, stream: str) -> "Province":
        """The same province drawing from a random stream of its own (derived from the seed and `stream`): what
        it draws leaves the main stream untouched, and so every row the main stream writes. Everything else
        (files, ids, serials, the identifiers already handed out) is shared."""
        other = copy.copy(self)
        other.rng = random.Random(f"{self.seed}/{stream}")
        other.people = copy.copy(self.people)
        other.people.rng = other.rng
        other.addresses = copy.copy(self.addresses)
        other.addresses.rng = other.rng
        return other

    def serial(self, kind: str) -> int:
        self.serials[kind] = self.serials.get(kind, 0) + 1
        return self.serials[kind]

    def count(self, per_scale_one: float, minimum: int = 0) -> int:
        return max(minimum, round(per_scale_one * self.scale))

    def write(self, record_type: str, **row):
        self.out.write(record_type, row)

    def set_status(self, est: Establishment, status: str, at: datetime):
        """A new version of an establishment: approval, a request for changes, suspension, termination."""
        if status == "approved":
            est.approved_at = at
            est.row["approved_at"] = at
        if status in ("suspended", "terminated") and est.active_until is None:
            est.active_until = at
        est.row.update(status=status, updated_at=at)
        self.write("establishments", **est.row)
