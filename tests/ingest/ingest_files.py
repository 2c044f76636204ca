"""Writers of small hand-made landing files in every accepted format, for the ingestion tests."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

HASH_KEY = b"test-hash-key"


def write_csv(path: Path, table: list[list], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(table)
    return path


def write_xlsx(path: Path, table: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    for cells in table:
        workbook.active.append(cells)
    workbook.save(path)
    return path


def write_jsonl(path: Path, table: list[list]) -> Path:
    header, *rows = table
    with path.open("w", encoding="utf-8") as f:
        for cells in rows:
            f.write(json.dumps({k: v for k, v in zip(header, cells) if v != ""}, ensure_ascii=False) + "\n")
    return path


def write_parquet(path: Path, table: list[list]) -> Path:
    header, *rows = table
    columns = {name: [cells[i] or None for cells in rows] for i, name in enumerate(header)}
    pq.write_table(pa.table(columns), path)
    return path


WRITERS = {
    "csv": lambda path, table: write_csv(path.with_suffix(".csv"), table),
    "csv_bom": lambda path, table: write_csv(path.with_suffix(".csv"), table, encoding="utf-8-sig"),
    "csv_utf16_tab": lambda path, table: write_csv(path.with_suffix(".csv"), table, "utf-16", "\t"),
    "xlsx": lambda path, table: write_xlsx(path.with_suffix(".xlsx"), table),
    "jsonl": lambda path, table: write_jsonl(path.with_suffix(".jsonl"), table),
    "parquet": lambda path, table: write_parquet(path.with_suffix(".parquet"), table),
}
# Line of the first data row: the header is line 1 in CSV and XLSX; JSON Lines and Parquet have no header line.
FIRST_LINE = {"csv": 2, "csv_bom": 2, "csv_utf16_tab": 2, "xlsx": 2, "jsonl": 1, "parquet": 1}


def quarantine_rows(warehouse, batch_id: str | None = None) -> list[tuple]:
    where = "where batch_id = ?" if batch_id else ""
    return warehouse.execute(f"select line, field, reason from raw.quarantine {where} order by line, field",
                             [batch_id] if batch_id else [])
