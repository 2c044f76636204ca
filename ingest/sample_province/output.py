"""Export files as the platform writes them: one file per record type, rows streamed as they are made.

Mostly CSV (UTF-8); a few record types in the other formats the landing folder accepts, two split by month,
and one with day-first dates as the departments' spreadsheets write them.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path

import xlsxwriter

from ingest.contract import RECORD_TYPES

FORMATS = {"comments": "jsonl", "incidents": "jsonl", "policy_documents": "xlsx"}  # the rest: csv
SPLIT_BY_MONTH = {"moderation_events": "occurred_at", "reviews": "posted_at"}  # record type -> field
DAY_FIRST = {"inspections"}  # dates written dd/mm/yyyy
ID_PREFIXES = {
    "organizations": "ORG", "staff_users": "CB", "members": "TV", "establishments": "CS", "production_areas": "VSX",
    "certificates": "GCN", "products": "SP", "listings": "TD", "supply_demand_posts": "CC", "reviews": "DG",
    "comments": "BL", "questions": "HD", "answers": "TL", "moderation_events": "KD", "complaints": "KN",
    "inspections": "KT", "violations": "VP", "account_sanctions": "XL", "incidents": "SC", "policy_documents": "VB",
}


def _number(value) -> str:
    if isinstance(value, str):
        return value  # already written the way people write it, e.g. "1.250.000 đ"
    if isinstance(value, int):
        return str(value)
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text_formatters(record_type: str) -> list[tuple[str, object]]:
    """(field, value -> text) for each contract field, in contract order; None for text already."""
    by_type = {
        "int": _number, "decimal": _number,
        "date": (lambda v: v.strftime("%d/%m/%Y")) if record_type in DAY_FIRST else date.isoformat,
        "datetime": lambda v: v.isoformat(" ", "seconds"),
        "bool": lambda v: "true" if v else "false",
        "list": ";".join,
    }
    return [(f.name, by_type.get(f.type)) for f in RECORD_TYPES[record_type].fields]


class CsvFile:
    def __init__(self, path: Path, record_type: str):
        self.columns = _text_formatters(record_type)
        self.file = path.open("w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.file, lineterminator="\n")
        self.writer.writerow([name for name, _ in self.columns])

    def write(self, row: dict):
        self.writer.writerow(["" if (v := row.get(name)) is None else fmt(v) if fmt else v
                              for name, fmt in self.columns])

    def close(self):
        self.file.close()


class JsonLinesFile:
    """Numbers and booleans as JSON values, dates as text, empty fields as null, lists joined with ';'."""

    def __init__(self, path: Path, record_type: str):
        self.columns = [(name, fmt if f.type in ("date", "datetime", "list") else None)
                        for (name, fmt), f in zip(_text_formatters(record_type), RECORD_TYPES[record_type].fields)]
        self.file = path.open("w", encoding="utf-8", newline="\n")

    def write(self, row: dict):
        record = {}
        for name, fmt in self.columns:
            value = row.get(name)
            record[name] = fmt(value) if fmt and value is not None else value
        self.file.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self):
        self.file.close()


class XlsxFile:
    """Native cell types: dates as date cells (dd/mm/yyyy), numbers as numbers. Fixed document time so that
    the same seed gives the same bytes."""

    def __init__(self, path: Path, record_type: str, created: datetime):
        self.fields = RECORD_TYPES[record_type].fields
        self.book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        self.book.set_properties({"created": created})
        self.date_format = self.book.add_format({"num_format": "dd/mm/yyyy"})
        self.time_format = self.book.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
        self.sheet = self.book.add_worksheet(record_type)
        self.sheet.write_row(0, 0, [f.name for f in self.fields])
        self.line = 0

    def write(self, row: dict):
        self.line += 1
        for column, f in enumerate(self.fields):
            value = row.get(f.name)
            if value is None:
                continue
            if isinstance(value, datetime):
                self.sheet.write_datetime(self.line, column, value, self.time_format)
            elif isinstance(value, date):
                self.sheet.write_datetime(self.line, column, datetime.combine(value, datetime.min.time()),
                                          self.date_format)
            elif f.type == "list":
                self.sheet.write_string(self.line, column, ";".join(value))
            else:
                self.sheet.write(self.line, column, value)

    def close(self):
        self.book.close()


class MonthlyFiles:
    """One CSV per month of `field`: <record_type>_<yyyy-mm>.csv."""

    def __init__(self, out_dir: Path, record_type: str, field: str):
        self.out_dir, self.record_type, self.field = out_dir, record_type, field
        self.files: dict[tuple[int, int], CsvFile] = {}

    def write(self, row: dict):
        moment = row[self.field]
        month = (moment.year, moment.month)
        if month not in self.files:
            name = f"{self.record_type}_{moment.year}-{moment.month:02d}.csv"
            self.files[month] = CsvFile(self.out_dir / name, self.record_type)
        self.files[month].write(row)

    def close(self):
        for file in self.files.values():
            file.close()


class Output:
    """All export files of one province, the ids handed out, and how many rows went where."""

    def __init__(self, out_dir: Path, created: datetime):
        out_dir.mkdir(parents=True, exist_ok=True)
        self.files = {}
        for name in RECORD_TYPES:
            fmt = FORMATS.get(name, "csv")
            if name in SPLIT_BY_MONTH:
                self.files[name] = MonthlyFiles(out_dir, name, SPLIT_BY_MONTH[name])
            elif fmt == "jsonl":
                self.files[name] = JsonLinesFile(out_dir / f"{name}.jsonl", name)
            elif fmt == "xlsx":
                self.files[name] = XlsxFile(out_dir / f"{name}.xlsx", name, created)
            else:
                self.files[name] = CsvFile(out_dir / f"{name}.csv", name)
        self.field_names = {name: {f.name for f in rt.fields} for name, rt in RECORD_TYPES.items()}
        self.rows = dict.fromkeys(RECORD_TYPES, 0)
        self.records = dict.fromkeys(RECORD_TYPES, 0)

    def new_id(self, record_type: str) -> str:
        self.records[record_type] += 1
        return f"{ID_PREFIXES[record_type]}{self.records[record_type]:06d}"

    def write(self, record_type: str, row: dict):
        if not row.keys() <= self.field_names[record_type]:
            raise ValueError(f"{record_type}: fields not in the contract: "
                             f"{sorted(row.keys() - self.field_names[record_type])}")
        self.files[record_type].write(row)
        self.rows[record_type] += 1

    def close(self):
        for file in self.files.values():
            file.close()
