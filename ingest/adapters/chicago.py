"""City of Chicago food inspections: the raw portal export and the City's derived table, as establishments
(with an owner account each), inspections and violations with their severity.

- Establishments are keyed by licence number (`chicago-<licence>`); a licence seen in both files is one
  establishment, named and addressed from its latest row in the raw export. The derived table has neither name
  nor address: such establishments are named after the licence and located at the City (`CHICAGO, IL`).
  Licence 0 is the portal's "no licence": that row is its own establishment (`chicago-nolicence-<inspection>`).
- The raw export lists each violation as "NN. TITLE - Comments: …", separated by " | "; the derived table has
  only counts per severity, so it gives that many violations per inspection (critical, then serious, then
  minor), without number or title. A violation's id is its inspection's and its position: `chicago-<id>-<n>`.
- The two files cover different years (raw export: 2010-06-24 to 2020-03-03, 7 rows before 2011-09-01 and
  none in the derived table's 2011-09-01 to 2013-08-30) and share no inspection id: 0 of the raw export's 561
  occur among the derived table's 13,641. Should one occur, it is taken from the raw export only, which
  lists the violations themselves. 150 licences appear in both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path

from ingest.adapters.common import (
    AdapterSource, Drafts, at_midnight, draft, make_sources, owner_member, read_csv,
)

FOLDER = "chicago_food_inspections"
RAW_FILE = "Food_Inspections_sample.csv"
DERIVED_FILE = "foodInspect-intermediate.csv"
VERSION = "1"
CITY_ADDRESS = "CHICAGO, IL"
NO_LICENCE = {"", "0"}
RECORD_TYPES = ("members", "establishments", "inspections", "violations")  # in the order they are loaded

# Inspection Type -> contract kind: the first word found decides ("Canvass Re-Inspection" is a follow-up).
KIND_BY_WORD = {"re-inspection": "follow_up", "complaint": "complaint", "canvass": "routine", "license": "licence"}
# Results -> contract result; the others (Out of Business, No Entry, Not Ready, Business Not Located) mean no
# inspection took place.
RESULT_BY_TEXT = {"pass": "pass", "pass w/ conditions": "pass_with_conditions", "fail": "fail"}

# Contract category from words of the violation title, tried in this order (the first match decides). The titles
# are used, not the numbers, because the 2018 food code gave the numbers new meanings. No match: other
# (person in charge, certificates, training, records, variances, previous violation corrected, …).
CATEGORY_KEYWORDS = {
    "unknown_origin": ("APPROVED SOURCE", "SOURCE SOUND", "SHELLSTOCK", "SHELLFISH"),
    "labelling": ("LABEL", "CONSUMER ADVISORY"),
    "banned_substances": ("TOXIC",),
    "expired_goods": ("DATE MARKING",),
    "establishment_conditions": (
        "INSECT", "RODENT", "HANDWASHING SINK", "HAND WASHING FACILITIES", "FLOORS", "WALLS", "LIGHTING",
        "VENTILATION", "PLUMBING", "TOILET", "SEWAGE", "GARBAGE", "WATER", "WAREWASHING", "DISHWASHING",
        "DISH MACHINE", "PHYSICAL FACILITIES", "PREMISES", "THERMOMETER", "DESIGNED",
    ),
    "hygiene": (
        "CLEAN", "SANITIZ", "TEMPERATURE", "HOLDING", "THAW", "CONTAMINATION", "SEPARATED", "PROTECTED",
        "UTENSILS", "LINEN", "WIPING", "SINGLE-USE", "SINGLE SERVICE", "HAIR", "VOMITING", "INFECTION",
    ),
}
SEVERITY_COUNT_COLUMNS = {"critical": "criticalCount", "serious": "seriousCount", "minor": "minorCount"}
# "NN. TITLE - Comments: …"; a piece without its number keeps no severity, so the loader quarantines it.
VIOLATION_PATTERN = re.compile(r"(?:(\d+)\.\s*)?(.*?)(?:\s+-\s+Comments:.*)?", re.DOTALL)


def severity(number: int) -> str:
    """The City's numbering (food-inspections-evaluation): 1–14 critical, 15–29 serious, 30 and above minor.

    The 2018 food code renumbered the violations up to 63 (the raw export uses them from mid-2018); 30–63
    are minor by the same rule, as is the old code's 70 (no smoking).
    """
    if number <= 14:
        return "critical"
    if number <= 29:
        return "serious"
    return "minor"


def category(title: str) -> str:
    upper = title.upper()
    return next((name for name, words in CATEGORY_KEYWORDS.items() if any(w in upper for w in words)), "other")


def inspection_kind(inspection_type: str) -> str:
    lower = inspection_type.lower()
    return next((kind for word, kind in KIND_BY_WORD.items() if word in lower), "other")


def inspection_result(results: str) -> str:
    return RESULT_BY_TEXT.get(results.strip().lower(), "not_inspected")


def parse_violations(text: str) -> list[dict]:
    """The raw export's violation field as (code, title, severity, category) values, in order."""
    violations = []
    for piece in filter(None, (p.strip() for p in text.split(" | "))):
        number, title = VIOLATION_PATTERN.fullmatch(piece).groups()
        violations.append({"code": number, "title": title, "severity": severity(int(number)) if number else None,
                           "category": category(title)})
    return violations


@dataclass
class _Inspection:
    file_name: str
    line: int
    inspection_id: str
    establishment_key: str
    inspected_on: date
    inspection_type: str
    results: str
    violations: Callable[[], list[dict]]  # parsed only when its records are made
    name: str | None = None  # raw export only
    address: str | None = None  # raw export only


@dataclass
class _Establishment:
    file_name: str  # the file it is loaded from: the raw export when it appears there
    line: int
    first_inspected: date
    last_inspected: date
    name: str | None = None
    address: str | None = None
    named_by: tuple = field(default=())  # (date, inspection id) of the raw row giving name and address


def sources(data_dir: Path) -> list[AdapterSource]:
    folder = data_dir / FOLDER
    plan = [(file_name, record_type) for file_name in (RAW_FILE, DERIVED_FILE) for record_type in RECORD_TYPES]
    # Both files feed each source: establishments are merged across them.
    return make_sources("chicago", VERSION, [folder / RAW_FILE, folder / DERIVED_FILE], plan,
                        lambda file_name: _records(folder, file_name))


def _records(folder: Path, file_name: str) -> Drafts:
    for key, est in _establishments(folder).items():
        if est.file_name == file_name:
            yield from _establishment_records(key, est)
    for insp in _inspections(folder):
        if insp.file_name == file_name:
            yield from _inspection_records(insp)


def _establishment_records(key: str, est: _Establishment) -> Drafts:
    name = est.name or f"Giấy phép số {key} (Chicago)"
    registered_at, updated_at = at_midnight(est.first_inspected), at_midnight(est.last_inspected)
    member_id = f"chicago-owner-{key}"
    yield est.line, owner_member(member_id, name, registered_at, updated_at)
    yield est.line, draft(
        "establishments", establishment_id=f"chicago-{key}", member_id=member_id, name=name, kind="business",
        address=est.address or CITY_ADDRESS, status="approved", registered_at=registered_at,
        updated_at=updated_at)


def _inspection_records(insp: _Inspection) -> Drafts:
    inspection_id = f"chicago-{insp.inspection_id}"
    establishment_id = f"chicago-{insp.establishment_key}"
    updated_at = at_midnight(insp.inspected_on)
    yield insp.line, draft(
        "inspections", inspection_id=inspection_id, establishment_id=establishment_id,
        inspected_on=insp.inspected_on, kind=inspection_kind(insp.inspection_type),
        result=inspection_result(insp.results), updated_at=updated_at)
    for position, violation in enumerate(insp.violations(), 1):
        yield insp.line, draft(
            "violations", violation_id=f"{inspection_id}-{position}", establishment_id=establishment_id,
            inspection_id=inspection_id, source="inspection", detected_on=insp.inspected_on, updated_at=updated_at,
            **violation)


def _establishments(folder: Path) -> dict[str, _Establishment]:
    """Every establishment of both files, with its first and last inspection and its latest name."""
    found: dict[str, _Establishment] = {}
    for insp in _inspections(folder):
        est = found.setdefault(insp.establishment_key, _Establishment(
            insp.file_name, insp.line, insp.inspected_on, insp.inspected_on))
        est.first_inspected = min(est.first_inspected, insp.inspected_on)
        est.last_inspected = max(est.last_inspected, insp.inspected_on)
        named_by = (insp.inspected_on, int(insp.inspection_id))
        if insp.name and named_by > est.named_by:
            est.file_name, est.line, est.name, est.address, est.named_by = (
                insp.file_name, insp.line, insp.name, insp.address, named_by)
    return found


def _inspections(folder: Path) -> Iterator[_Inspection]:
    """The raw export's inspections, then the derived table's that are not in it."""
    raw_ids = set()
    for insp in _raw_inspections(folder / RAW_FILE):
        raw_ids.add(insp.inspection_id)
        yield insp
    for insp in _derived_inspections(folder / DERIVED_FILE):
        if insp.inspection_id not in raw_ids:
            yield insp


def _raw_inspections(path: Path) -> Iterator[_Inspection]:
    for line, row in read_csv(path):
        inspection_id = row["Inspection ID"].strip()
        yield _Inspection(
            RAW_FILE, line, inspection_id, _establishment_key(row["License #"], inspection_id),
            datetime.strptime(row["Inspection Date"].strip(), "%m/%d/%Y").date(), row["Inspection Type"],
            row["Results"], partial(parse_violations, row["Violations"]), name=row["DBA Name"].strip(),
            address=_address(row))


def _derived_inspections(path: Path) -> Iterator[_Inspection]:
    for line, row in read_csv(path):
        inspection_id = row["inspection_id"].strip()
        yield _Inspection(
            DERIVED_FILE, line, inspection_id, _establishment_key(row["license_"], inspection_id),
            date.fromisoformat(row["inspection_date"].strip()), row["inspection_type"], row["results"],
            partial(_counted_violations, row))


def _counted_violations(row: dict[str, str]) -> list[dict]:
    """As many violations of each severity as the derived table counts: no number, no title, category other."""
    violations = []
    for level, column in SEVERITY_COUNT_COLUMNS.items():
        count = int(row[column])
        title = f"Suy ra từ số đếm {column} = {count} của bảng tổng hợp (không có chi tiết vi phạm)"
        violations += [{"severity": level, "category": "other", "title": title}] * count
    return violations


def _establishment_key(licence: str, inspection_id: str) -> str:
    licence = licence.strip()
    return f"nolicence-{inspection_id}" if licence in NO_LICENCE else licence


def _address(row: dict[str, str]) -> str | None:
    state_zip = " ".join(filter(None, (row["State"].strip(), row["Zip"].strip())))
    return ", ".join(filter(None, (row["Address"].strip(), row["City"].strip(), state_zip))) or None
