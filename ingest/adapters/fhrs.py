"""UK Food Standards Agency hygiene ratings (FHRS269en-GB.xml, Oxford City), streamed with iterparse, as
establishments (with an owner account each) and their latest inspection with the rating and sub-scores.

- The published XML is a single line, so the "line" of a record is the position of its EstablishmentDetail
  (1 for the first).
- One inspection per establishment with a RatingDate (`fhrs-<FHRSID>-<RatingDate>`, kind routine). A rating of
  0–5 gives the result: 3 and above pass, 1–2 pass with conditions, 0 fail. Exempt or AwaitingInspection with a
  RatingDate (20 and 3 in this extract) is still emitted, as not_inspected with no rating, so that the visit is
  counted; establishments without a RatingDate (128 awaiting inspection, 4 exempt) have no inspection.
- Sub-scores (lower is better) come from Scores; they are empty when the extract has none.
- registered_at is the rating date, or the extract date when there is none; every record is as of the extract
  date (updated_at). Establishments with no address in the extract (mostly private homes, not published) are
  located at the local authority (`Oxford City`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from ingest.adapters.common import AdapterSource, Drafts, at_midnight, draft, make_sources, owner_member

FOLDER = "uk_fsa_fhrs_oxford"
XML_FILE = "FHRS269en-GB.xml"
VERSION = "1"
RECORD_TYPES = ("members", "establishments", "inspections")  # in the order they are loaded
ADDRESS_FIELDS = ("AddressLine1", "AddressLine2", "AddressLine3", "AddressLine4", "PostCode")
SCORE_FIELDS = {"hygiene_score": "ScoresHygiene", "structural_score": "ScoresStructural",
                "management_score": "ScoresConfidenceInManagement"}


def sources(data_dir: Path) -> list[AdapterSource]:
    path = data_dir / FOLDER / XML_FILE
    plan = [(XML_FILE, record_type) for record_type in RECORD_TYPES]
    return make_sources("fhrs", VERSION, [path], plan, lambda file_name: _records(path))


def rating(value: str) -> int | None:
    """The 0–5 rating; None for the other values (Exempt, AwaitingInspection, AwaitingPublication, …)."""
    return int(value) if value.isdigit() and int(value) <= 5 else None


def inspection_result(stars: int | None) -> str:
    if stars is None:
        return "not_inspected"
    return "pass" if stars >= 3 else "pass_with_conditions" if stars >= 1 else "fail"


def _records(path: Path) -> Drafts:
    extract_date = None
    for position, detail in _details(path):
        if "ExtractDate" in detail:
            extract_date = date.fromisoformat(detail["ExtractDate"])
            continue
        yield from _establishment_records(position, detail, at_midnight(extract_date))


def _establishment_records(position: int, detail: dict[str, str], as_of: datetime) -> Drafts:
    fhrs_id = detail["FHRSID"]
    establishment_id, member_id = f"fhrs-{fhrs_id}", f"fhrs-owner-{fhrs_id}"
    rated_on = date.fromisoformat(detail["RatingDate"]) if detail.get("RatingDate") else None
    registered_at = at_midnight(rated_on) if rated_on else as_of
    address = ", ".join(filter(None, (detail.get(f) for f in ADDRESS_FIELDS))) or detail["LocalAuthorityName"]
    yield position, owner_member(member_id, detail["BusinessName"], registered_at, as_of)
    yield position, draft(
        "establishments", establishment_id=establishment_id, member_id=member_id, name=detail["BusinessName"],
        kind="business", address=address, status="approved", registered_at=registered_at, updated_at=as_of)
    if rated_on:
        stars = rating(detail["RatingValue"])
        yield position, draft(
            "inspections", inspection_id=f"{establishment_id}-{rated_on.isoformat()}",
            establishment_id=establishment_id, inspected_on=rated_on, kind="routine",
            result=inspection_result(stars), rating=stars, updated_at=as_of,
            **{name: detail.get(tag) for name, tag in SCORE_FIELDS.items()})


def _details(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """The Header, then each EstablishmentDetail with its position, as {tag: text}; nested tags are joined
    (Scores/Hygiene -> ScoresHygiene). Each element is dropped once read, so memory stays flat."""
    position = 0
    for _, elem in ET.iterparse(path):
        if elem.tag not in ("Header", "EstablishmentDetail"):
            continue
        if elem.tag == "EstablishmentDetail":
            position += 1
        yield position, _flatten(elem)
        elem.clear()


def _flatten(elem: ET.Element) -> dict[str, str]:
    flat = {}
    for child in elem:
        if len(child):
            flat.update({child.tag + leaf.tag: (leaf.text or "").strip() for leaf in child})
        else:
            flat[child.tag] = (child.text or "").strip()
    return flat
