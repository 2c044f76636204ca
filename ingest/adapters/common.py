"""What the public-data adapters share: the source handed to the loader, its checksum, contract-shaped records."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import NamedTuple

from ingest.contract import RECORD_TYPES

Rows = Iterator[tuple[int, dict]]  # (line in the source file, record)


class Draft(NamedTuple):
    """A record's values, made into a contract record only by the source of its type (the others skip it)."""
    record_type: str
    values: dict


Drafts = Iterator[tuple[int, Draft]]  # what an adapter yields for one of its files: (line in that file, draft)


class AdapterSource(NamedTuple):
    name: str  # "<adapter>:<file name>", shown in the batch log as the source file
    record_type: str  # a key of ingest.contract.RECORD_TYPES
    checksum: str  # sha256 of the input files, the adapter's version, the file and the record type
    rows_factory: Callable[[], Rows]  # each call reads the files again and returns a fresh iterator


def make_sources(adapter: str, version: str, inputs: list[Path], plan: list[tuple[str, str]],
                 drafts: Callable[[str], Drafts]) -> list[AdapterSource]:
    """One source per (file name, record type) of the plan, in plan order.

    `drafts(file_name)` yields every record taken from that file; each source keeps the ones of its type.
    `inputs` are all the files the records depend on: a change in any of them changes every checksum.
    """
    inputs_digest = _digest(inputs)
    return [
        AdapterSource(
            name=f"{adapter}:{file_name}",
            record_type=record_type,
            checksum=hashlib.sha256(
                f"{inputs_digest}|{adapter}|{version}|{file_name}|{record_type}".encode()).hexdigest(),
            rows_factory=partial(_select, drafts, file_name, record_type),
        )
        for file_name, record_type in plan
    ]


def _select(drafts: Callable[[str], Drafts], file_name: str, record_type: str) -> Rows:
    return ((line, record(record_type, **d.values)) for line, d in drafts(file_name) if d.record_type == record_type)


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def record(record_type: str, **values) -> dict:
    """Every contract field of the type, in contract order, as exported text; None where empty."""
    rec = dict.fromkeys(_FIELD_NAMES[record_type])
    unknown = values.keys() - rec.keys()
    if unknown:
        raise KeyError(f"{record_type} has no field {sorted(unknown)}")
    rec.update((name, as_text(value)) for name, value in values.items())
    return rec


_FIELD_NAMES = {name: [f.name for f in rt.fields] for name, rt in RECORD_TYPES.items()}


def as_text(value) -> str | None:
    """ISO 8601 for dates and times (datetime first: it is also a date), stripped text otherwise."""
    if value is None or isinstance(value, str):
        return (value or "").strip() or None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def draft(record_type: str, **values) -> Draft:
    return Draft(record_type, values)


def owner_member(member_id: str, establishment_name: str, registered_at: datetime, updated_at: datetime) -> Draft:
    """The account owning an establishment: the public datasets have no accounts, so one per establishment."""
    return draft("members", member_id=member_id, kind="trader", display_name=f"Chủ cơ sở {establishment_name}",
                 registered_at=registered_at, status="active", updated_at=updated_at)


def at_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 CSV file, streamed, each with the line it starts on (a quoted value may span lines)."""
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        reader.fieldnames  # reads the header
        start = reader.line_num + 1
        for row in reader:
            yield start, row
            start = reader.line_num + 1
