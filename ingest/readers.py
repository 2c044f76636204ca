"""Readers: stream the rows of a landing file, one reader per format, with bounded memory.

`read_file(path)` returns the file's columns (None for JSON Lines, whose objects carry their own keys) and an
iterator of (line, row). Line numbers are what a person finds when opening the file: the physical line for CSV
and JSON Lines (the CSV header is line 1), the sheet row for XLSX, the row number (from 1) for Parquet.
Values are text, or native values (int, float, Decimal, bool, date, datetime) where the format is typed;
`ingest.validate` is the one place that parses them. A row with more cells than the header keeps the surplus
under the key None, so that the validator can quarantine it rather than let its values shift silently.
Rows whose cells are all empty are not records (Excel leaves them behind) and are skipped.

A file that cannot be read at all raises UnreadableFile, possibly only mid-stream (a truncated file).
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import sys
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

Row = dict[str | None, object]
Rows = Iterator[tuple[int, Row]]

CSV_DELIMITERS = (",", ";", "\t")
PARQUET_BATCH_ROWS = 10_000

csv.field_size_limit(sys.maxsize)  # long free-text cells (listing descriptions) are legitimate


class UnreadableFile(Exception):
    """The file cannot be read at all; `message` says what is wrong, for the person who sent it."""

    def __init__(self, path: str | Path, message: str):
        self.path = Path(path)
        self.message = message
        super().__init__(f"{self.path.name}: {message}")


def read_file(path: str | Path) -> tuple[list[str] | None, Rows]:
    """Open `path` with the reader for its extension: (columns, rows). Raises UnreadableFile."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableFile(path, f"định dạng '{path.suffix}' không được hỗ trợ (chỉ nhận {', '.join(READERS)})")
    stream = _guarded(path, reader(path))
    columns = next(stream)  # each reader yields its header first: this opens the file and checks it
    return columns, (item for item in stream if not _is_blank(item[1]))


def _guarded(path: Path, stream: Iterator) -> Iterator:
    """Turn whatever a broken file makes the underlying library raise into one UnreadableFile."""
    try:
        yield from stream
    except UnreadableFile:
        raise
    except UnicodeError:
        raise UnreadableFile(path, "tệp không phải văn bản UTF-8 hoặc UTF-16 (có thể là mã TCVN3, VNI hay "
                                   "Windows-1258): hãy lưu lại dưới dạng CSV UTF-8") from None
    except (zipfile.BadZipFile, EOFError):
        raise UnreadableFile(path, "tệp XLSX bị hỏng, bị cắt cụt hoặc không phải tệp XLSX") from None
    except pa.ArrowException as error:
        raise UnreadableFile(path, f"tệp Parquet bị hỏng, bị cắt cụt hoặc không phải tệp Parquet ({error})") from None
    except csv.Error as error:
        raise UnreadableFile(path, f"tệp CSV hỏng: {error}") from None
    except Exception as error:  # any other library error on a malformed file: refuse it, never a traceback
        raise UnreadableFile(path, f"không đọc được tệp ({type(error).__name__}: {error})") from None


def _is_blank(row: Row) -> bool:
    for value in row.values():
        if value is not None and (value.__class__ is not str or value.strip()):
            return False
    return True


def _header(path: Path, cells) -> list[str]:
    columns = [unicodedata.normalize("NFC", str(cell or "")).strip().lower() for cell in cells]
    while columns and not columns[-1]:
        columns.pop()  # trailing empty header cells (formatted but unused columns)
    if not columns:
        raise UnreadableFile(path, "dòng đầu tiên (tiêu đề cột) trống")
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    if duplicates:
        raise UnreadableFile(path, f"tiêu đề có cột trùng tên: {', '.join(repr(c) for c in duplicates)}")
    return columns


def _zip_row(columns: list[str], cells) -> Row:
    """Cells to a dict; missing trailing cells are empty, surplus non-empty cells go under the key None."""
    if len(cells) == len(columns):
        return dict(zip(columns, cells))
    row: Row = dict(itertools.zip_longest(columns, cells[: len(columns)]))
    surplus = [cell for cell in cells[len(columns):] if cell is not None and str(cell).strip()]
    if surplus:
        row[None] = surplus
    return row


# ---------------------------------------------------------------------------------------------------------
# CSV: UTF-8 (with or without BOM) and the UTF-16 with BOM of Excel's "Unicode text"; delimiter , ; or TAB
# ---------------------------------------------------------------------------------------------------------

def _csv_encoding(path: Path) -> str:
    with path.open("rb") as f:
        start = f.read(4096)
    if not start:
        raise UnreadableFile(path, "tệp rỗng")
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # the codec reads the BOM and picks the byte order
    if b"\0" in start:
        raise UnreadableFile(path, "tệp chứa dữ liệu nhị phân, không phải CSV")
    return "utf-8-sig"  # also reads plain UTF-8: the BOM is optional


def read_csv(path: Path):
    with path.open(encoding=_csv_encoding(path), errors="strict", newline="") as f:
        first_line = f.readline()
        delimiter = max(CSV_DELIMITERS, key=first_line.count)
        records = csv.reader(itertools.chain([first_line], f), delimiter=delimiter)
        columns = _header(path, next(records))
        yield columns
        last_line = records.line_num
        for cells in records:
            line, last_line = last_line + 1, records.line_num  # a quoted cell may span several lines
            yield line, _zip_row(columns, cells)


# ---------------------------------------------------------------------------------------------------------
# XLSX (first sheet, header in row 1), JSON Lines, Parquet
# ---------------------------------------------------------------------------------------------------------

def read_xlsx(path: Path):
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet_rows = workbook.worksheets[0].iter_rows(min_row=1, values_only=True)
        columns = _header(path, next(sheet_rows, ()))
        yield columns
        for number, cells in enumerate(sheet_rows, start=2):
            yield number, _zip_row(columns, cells)
    finally:
        workbook.close()


def read_jsonl(path: Path):
    yield None
    with path.open(encoding="utf-8-sig", errors="strict") as f:
        for number, text in enumerate(f, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as error:
                raise UnreadableFile(path, f"dòng {number} không phải JSON hợp lệ ({error.msg})") from None
            if not isinstance(record, dict):
                raise UnreadableFile(path, f"dòng {number} không phải một đối tượng JSON {{...}}")
            yield number, {unicodedata.normalize("NFC", str(k)).strip().lower(): _json_value(v)
                           for k, v in record.items()}


def _json_value(value):
    if isinstance(value, list):  # a list field may arrive as a JSON array
        return ";".join(str(item) for item in value if item is not None)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def read_parquet(path: Path):
    with pq.ParquetFile(path) as parquet:
        columns = _header(path, parquet.schema_arrow.names)
        yield columns
        number = 0
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            for values in zip(*(column.to_pylist() for column in batch.columns)):
                number += 1
                yield number, dict(zip(columns, values))


READERS = {".csv": read_csv, ".xlsx": read_xlsx, ".jsonl": read_jsonl, ".parquet": read_parquet}
