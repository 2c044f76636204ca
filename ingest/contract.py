"""The input contract: one versioned schema per record type.

Written once here and used by the readers, the validator, the sample-province generator, the public-data
adapters, the dbt sources, the generated reference (docs/contract.md) and the tests.

Every record type has an id field and a required `updated_at`: a record may be delivered again with a newer
`updated_at` (its history), and (id, updated_at) must be unique within one batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field

# Logical field types and the SQL type each is stored as in the raw schema (valid on DuckDB and PostgreSQL).
SQL_TYPES = {
    "str": "varchar",
    "int": "bigint",
    "decimal": "numeric(18,3)",
    "date": "date",
    "datetime": "timestamp",
    "bool": "boolean",
    "enum": "varchar",
    "list": "varchar",  # values joined with ';' in a fixed order
}

# Columns that the loader adds to every raw row: which batch, file and line it came from.
METADATA_COLUMNS = [
    ("_batch_id", "varchar"),
    ("_source_file", "varchar"),
    ("_line", "bigint"),
    ("_loaded_at", "timestamp"),
    ("_row_hash", "varchar"),
]

# Address fields gain these columns beside the original text (normalised to the units in force since 07/2025).
ADDRESS_COLUMNS = [
    ("province_code", "varchar"),
    ("province", "varchar"),
    ("ward_code", "varchar"),
    ("ward", "varchar"),
    ("status", "varchar"),  # resolved | province_only | unresolved | empty
]


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool = False
    allowed: tuple[str, ...] = ()
    description: str = ""
    pii: bool = False  # replaced by a keyed hash at ingestion: stored as <name>_hash
    address: bool = False  # normalised to 2025 administrative units, original text kept
    aliases: dict[str, str] = dc_field(default_factory=dict)  # accepted spellings of allowed values
    min: float | None = None
    max: float | None = None
    pattern: str | None = None  # regular expression the text must match in full
    # dates and times: only an expiry or an end may lie after the delivery; any other is something that happened,
    # and one in the future (a slip in the year) would stretch every monthly mart to that month
    future: bool = False

    def __post_init__(self):
        assert self.type in SQL_TYPES, f"unknown type {self.type} for {self.name}"
        assert bool(self.allowed) == (self.type in ("enum", "list")), f"{self.name}: enum/list need allowed values"


@dataclass(frozen=True)
class RecordType:
    name: str  # also the raw table name and the file-name prefix in the landing folder
    version: str
    id_field: str
    description: str
    fields: tuple[Field, ...]

    @property
    def key(self) -> tuple[str, str]:
        """Unique within one batch."""
        return (self.id_field, "updated_at")

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def raw_columns(self) -> list[tuple[str, str]]:
        """(column, SQL type) of the raw table, in order: contract fields, then the loader's metadata."""
        columns = []
        for f in self.fields:
            if f.pii:
                columns.append((f"{f.name}_hash", "varchar"))
            elif f.address:
                columns.append((f.name, "varchar"))
                columns += [(f"{f.name}_{suffix}", sql) for suffix, sql in ADDRESS_COLUMNS]
            else:
                columns.append((f.name, SQL_TYPES[f.type]))
        return columns + METADATA_COLUMNS


# ---------------------------------------------------------------------------------------------------------
# Allowed values shared by several record types
# ---------------------------------------------------------------------------------------------------------

SECTORS = ("agriculture_environment", "industry_trade", "health", "other")
PRODUCT_CATEGORIES = (
    "vegetables", "fruit", "rice_grain", "seafood", "meat_eggs", "tea_coffee",
    "spices", "processed_food", "beverages", "other",
)
UNITS = ("kg", "yen", "ta", "tan", "g", "hop", "chai", "goi", "lit", "qua", "bo", "cai")
UNIT_ALIASES = {"yến": "yen", "tạ": "ta", "tấn": "tan", "hộp": "hop", "gói": "goi", "lít": "lit", "quả": "qua",
                "bó": "bo", "cái": "cai", "gam": "g", "kilogram": "kg"}
UNIT_KG = {"g": 0.001, "kg": 1, "yen": 10, "ta": 100, "tan": 1000}  # mass units in kilograms
CERTIFICATE_TYPES = ("food_safety", "vietgap", "ocop", "organic", "planting_area_code")
MODERATED_OBJECTS = ("establishment", "listing", "supply_demand_post", "review", "comment", "question", "answer",
                     "member", "flag")
PUBLICATION_STATUS = ("pending", "approved", "rejected", "changes_requested", "hidden", "deleted")
SEVERITIES = ("critical", "serious", "minor")


def _id(name: str, what: str) -> Field:
    return Field(name, "str", required=True, description=f"identifier of the {what}, stable across deliveries")


def _ref(name: str, what: str, required: bool = False) -> Field:
    return Field(name, "str", required=required, description=f"the {what} ({what} id)")


UPDATED_AT = Field("updated_at", "datetime", required=True,
                   description="when the platform last changed this record; a newer one supersedes an older one")


def _record(name, id_field, description, *fields, version="1.0") -> RecordType:
    return RecordType(name, version, id_field, description, tuple(fields) + (UPDATED_AT,))


RECORD_TYPES: dict[str, RecordType] = {rt.name: rt for rt in [
    _record(
        "organizations", "org_id", "Departments (sở) and their units that oversee the platform",
        _id("org_id", "organisation"),
        Field("name", "str", required=True, description="official name, e.g. Sở Y tế"),
        Field("kind", "enum", required=True, allowed=("department", "unit")),
        Field("sector", "enum", required=True, allowed=SECTORS,
              description="agriculture and environment, industry and trade, health"),
        _ref("parent_org_id", "parent organisation"),
        Field("province_code", "str", required=True, pattern=r"\d{2}",
              description="two-digit code of the province (2025 units)"),
    ),
    _record(
        "staff_users", "staff_id", "Department staff who review, approve and inspect",
        _id("staff_id", "staff user"),
        _ref("org_id", "organisation", required=True),
        Field("full_name", "str", required=True),
        Field("role", "enum", required=True, allowed=("reviewer", "inspector", "manager", "admin")),
        Field("email", "str", pii=True),
        Field("phone", "str", pii=True),
        Field("active", "bool", required=True),
    ),
    _record(
        "members", "member_id", "Platform accounts; each status change is delivered as a new version",
        _id("member_id", "account"),
        Field("kind", "enum", required=True, allowed=("producer", "trader", "consumer")),
        Field("display_name", "str", required=True),
        Field("phone", "str", pii=True, description="mobile number, 09xx… or +84 9xx…; hashed after normalising"),
        Field("email", "str", pii=True),
        Field("citizen_id", "str", pii=True, pattern=r"\d{12}", description="CCCD, 12 digits"),
        Field("address", "str", address=True),
        Field("registered_at", "datetime", required=True),
        Field("status", "enum", required=True, allowed=("active", "suspended", "terminated", "deleted")),
        Field("status_reason", "str"),
    ),
    _record(
        "establishments", "establishment_id",
        "Production and business establishments (cơ sở sản xuất / kinh doanh); a change is a new version",
        _id("establishment_id", "establishment"),
        _ref("member_id", "owner account", required=True),
        Field("name", "str", required=True),
        Field("kind", "enum", required=True, allowed=("production", "business")),
        Field("tax_code", "str", pattern=r"\d{10}(\d{3})?", description="mã số thuế, 10 or 13 digits"),
        Field("address", "str", required=True, address=True),
        Field("phone", "str", pii=True),
        Field("main_category", "enum", allowed=PRODUCT_CATEGORIES),
        _ref("org_id", "overseeing organisation"),
        Field("status", "enum", required=True,
              allowed=("pending", "approved", "rejected", "changes_requested", "suspended", "terminated")),
        Field("registered_at", "datetime", required=True),
        Field("approved_at", "datetime"),
    ),
    _record(
        "production_areas", "area_id", "Production areas (vùng sản xuất) of an establishment",
        _id("area_id", "production area"),
        _ref("establishment_id", "establishment", required=True),
        Field("name", "str", required=True),
        Field("address", "str", address=True),
        Field("area_ha", "decimal", min=0, description="area in hectares"),
        Field("crop", "str"),
        Field("planting_area_code", "str", description="mã số vùng trồng"),
    ),
    _record(
        "certificates", "certificate_id", "Certificates held by an establishment",
        _id("certificate_id", "certificate"),
        _ref("establishment_id", "establishment", required=True),
        Field("type", "enum", required=True, allowed=CERTIFICATE_TYPES),
        Field("number", "str", required=True),
        Field("issuer", "str", required=True),
        Field("issued_on", "date", required=True),
        Field("expires_on", "date", future=True),
        Field("ocop_stars", "int", min=3, max=5, description="OCOP only: 3 to 5 stars"),
        _ref("product_id", "product covered, when the certificate is for one product"),
        Field("revoked", "bool", description="true when the issuer has revoked it"),
    ),
    _record(
        "products", "product_id", "Products of an establishment",
        _id("product_id", "product"),
        _ref("establishment_id", "establishment", required=True),
        Field("name", "str", required=True),
        Field("category", "enum", required=True, allowed=PRODUCT_CATEGORIES),
        Field("unit", "enum", allowed=UNITS, aliases=UNIT_ALIASES),
    ),
    _record(
        "listings", "listing_id", "Product listings and posts (tin đăng sản phẩm)",
        _id("listing_id", "listing"),
        _ref("establishment_id", "establishment", required=True),
        _ref("product_id", "product"),
        _ref("member_id", "posting account", required=True),
        Field("title", "str", required=True),
        Field("text", "str"),
        Field("category", "enum", required=True, allowed=PRODUCT_CATEGORIES),
        Field("price", "decimal", min=0, description="đồng per unit; '1.250.000 đ' is accepted"),
        Field("unit", "enum", allowed=UNITS, aliases=UNIT_ALIASES),
        Field("claimed_certificates", "list", allowed=CERTIFICATE_TYPES,
              description="certificates the listing claims, separated by ';'"),
        Field("ocop_stars_claimed", "int", min=3, max=5),
        Field("image_hashes", "str", description="SHA-256 content hashes of the images, separated by ';'"),
        Field("posted_at", "datetime", required=True),
        Field("status", "enum", required=True, allowed=PUBLICATION_STATUS),
    ),
    _record(
        "supply_demand_posts", "post_id", "Supply–demand posts (tin kết nối cung cầu)",
        _id("post_id", "supply–demand post"),
        _ref("member_id", "posting account", required=True),
        _ref("establishment_id", "establishment"),
        Field("kind", "enum", required=True, allowed=("supply", "demand")),
        Field("title", "str", required=True),
        Field("text", "str"),
        Field("category", "enum", required=True, allowed=PRODUCT_CATEGORIES),
        Field("quantity", "decimal", min=0),
        Field("unit", "enum", allowed=UNITS, aliases=UNIT_ALIASES),
        Field("price", "decimal", min=0, description="đồng per unit"),
        Field("location", "str", address=True),
        Field("posted_at", "datetime", required=True),
        Field("expires_on", "date", future=True),
        Field("status", "enum", required=True, allowed=PUBLICATION_STATUS),
    ),
    _record(
        "reviews", "review_id", "Consumer reviews of a listing or product",
        _id("review_id", "review"),
        _ref("listing_id", "listing"),
        _ref("establishment_id", "establishment"),
        _ref("member_id", "reviewing account", required=True),
        Field("rating", "int", required=True, min=1, max=5),
        Field("text", "str"),
        Field("posted_at", "datetime", required=True),
        Field("status", "enum", required=True, allowed=PUBLICATION_STATUS),
    ),
    _record(
        "comments", "comment_id", "Comments on listings, posts and reviews",
        _id("comment_id", "comment"),
        Field("object_type", "enum", required=True, allowed=("listing", "supply_demand_post", "review", "news")),
        Field("object_id", "str", required=True),
        _ref("member_id", "commenting account", required=True),
        Field("text", "str", required=True),
        Field("posted_at", "datetime", required=True),
        Field("status", "enum", required=True, allowed=PUBLICATION_STATUS),
    ),
    _record(
        "questions", "question_id", "Questions asked to an establishment or about a listing (hỏi đáp)",
        _id("question_id", "question"),
        _ref("member_id", "asking account", required=True),
        _ref("establishment_id", "establishment"),
        _ref("listing_id", "listing"),
        Field("text", "str", required=True),
        Field("asked_at", "datetime", required=True),
        Field("status", "enum", required=True, allowed=PUBLICATION_STATUS),
    ),
    _record(
        "answers", "answer_id", "Answers to questions",
        _id("answer_id", "answer"),
        _ref("question_id", "question", required=True),
        _ref("member_id", "answering account"),
        _ref("staff_id", "answering staff user"),
        Field("text", "str", required=True),
        Field("answered_at", "datetime", required=True),
    ),
    _record(
        "moderation_events", "event_id", "Each step of a moderation: submitted, approved, rejected, …",
        _id("event_id", "moderation event"),
        Field("object_type", "enum", required=True, allowed=MODERATED_OBJECTS),
        Field("object_id", "str", required=True),
        Field("action", "enum", required=True,
              allowed=("submitted", "approved", "rejected", "changes_requested", "escalated",
                       "confirmed", "dismissed"),
              description="confirmed / dismissed are reviewer decisions on a flag"),
        _ref("actor_staff_id", "staff user who acted (empty for submissions)"),
        _ref("org_id", "organisation"),
        Field("occurred_at", "datetime", required=True),
        Field("reason", "str"),
    ),
    _record(
        "complaints", "complaint_id", "Complaints and disputes (khiếu nại, tranh chấp)",
        _id("complaint_id", "complaint"),
        Field("kind", "enum", required=True, allowed=("complaint", "dispute")),
        _ref("member_id", "complaining account", required=True),
        _ref("establishment_id", "establishment"),
        _ref("listing_id", "listing"),
        Field("category", "enum", required=True,
              allowed=("product_quality", "food_safety", "delivery", "fraud", "false_information", "price",
                       "other")),
        Field("text", "str"),
        _ref("org_id", "handling organisation"),
        Field("received_at", "datetime", required=True),
        Field("resolved_at", "datetime"),
        Field("outcome", "enum", allowed=("upheld", "rejected", "withdrawn", "mediated")),
    ),
    _record(
        "inspections", "inspection_id", "Inspections of an establishment",
        _id("inspection_id", "inspection"),
        _ref("establishment_id", "establishment", required=True),
        Field("inspected_on", "date", required=True),
        Field("kind", "enum", required=True, allowed=("routine", "complaint", "follow_up", "licence", "other")),
        Field("result", "enum", required=True, allowed=("pass", "pass_with_conditions", "fail", "not_inspected")),
        Field("rating", "int", min=0, max=5, description="official rating where one is given (UK FHRS 0–5)"),
        Field("hygiene_score", "int", min=0, description="UK FHRS sub-score: lower is better"),
        Field("structural_score", "int", min=0, description="UK FHRS sub-score: lower is better"),
        Field("management_score", "int", min=0, description="UK FHRS confidence in management: lower is better"),
        _ref("org_id", "inspecting organisation"),
        _ref("staff_id", "inspector"),
    ),
    _record(
        "violations", "violation_id",
        "Food-safety violations (Decree 115/2018/NĐ-CP, amended by 124/2021/NĐ-CP), from any source",
        _id("violation_id", "violation"),
        _ref("establishment_id", "establishment", required=True),
        _ref("product_id", "product"),
        _ref("inspection_id", "inspection that found it"),
        Field("category", "enum", required=True,
              allowed=("establishment_conditions", "hygiene", "labelling", "advertising", "banned_substances",
                       "expired_goods", "unknown_origin", "other")),
        Field("code", "str", description="the source's own violation number, e.g. Chicago's 1–63"),
        Field("title", "str"),
        Field("severity", "enum", required=True, allowed=SEVERITIES),
        Field("source", "enum", required=True, allowed=("consumer_feedback", "inspection", "flag")),
        Field("detected_on", "date", required=True),
        Field("decision", "enum", allowed=("none", "warning", "fine", "suspension", "revocation")),
        Field("fine_amount", "decimal", min=0, description="đồng"),
        Field("decided_on", "date"),
        Field("closed_on", "date"),
        _ref("org_id", "organisation handling it"),
    ),
    _record(
        "account_sanctions", "sanction_id", "Sanctions on accounts: suspension, termination, deletion",
        _id("sanction_id", "sanction"),
        _ref("member_id", "sanctioned account", required=True),
        Field("kind", "enum", required=True, allowed=("warning", "suspension", "termination", "deletion")),
        Field("reason", "enum", required=True,
              allowed=("fraud", "false_information", "impersonation", "spam", "food_safety", "other")),
        Field("decided_at", "datetime", required=True),
        Field("ends_at", "datetime", future=True),
        _ref("staff_id", "deciding staff user"),
        _ref("org_id", "organisation"),
    ),
    _record(
        "incidents", "incident_id", "Operational incidents of the platform",
        _id("incident_id", "incident"),
        Field("title", "str", required=True),
        Field("severity", "enum", required=True, allowed=("low", "medium", "high", "critical")),
        Field("reported_at", "datetime", required=True),
        Field("resolved_at", "datetime"),
        _ref("org_id", "organisation"),
    ),
    _record(
        "policy_documents", "document_id", "Policy documents posted on the platform (văn bản chính sách)",
        _id("document_id", "document"),
        Field("title", "str", required=True),
        Field("kind", "enum", required=True, allowed=("law", "decree", "circular", "decision", "guidance", "notice")),
        Field("number", "str", description="e.g. 115/2018/NĐ-CP"),
        Field("issuer", "str"),
        _ref("org_id", "posting organisation"),
        Field("published_on", "date", required=True),
    ),
]}
