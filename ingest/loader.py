"""The loader: files (or an adapter's rows) through validation and normalisation into the raw tables.

Every batch is accounted for in raw.batch_log, whatever happens to it:
- loaded: its valid rows are appended to raw.<record_type>, its invalid rows to raw.quarantine (one row per
  field at fault), and rows received = rows loaded + rows quarantined;
- duplicate: the same checksum was loaded before; nothing is loaded twice;
- refused: the file cannot be read at all (format, encoding, truncation, unknown record type, a required
  column missing); nothing of it is loaded, even when the fault shows only halfway through.
A bad file never raises: the next file goes on.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ingest.contract import RECORD_TYPES, RecordType
from ingest.normalise import raw_row_maker, safe_record
from ingest.readers import UnreadableFile, read_file
from ingest.validate import BatchValidator, missing_columns, vietnam_now
from ingest.warehouse import BATCH_LOG_COLUMNS, Warehouse

CHUNK_ROWS = 10_000  # rows appended per bulk insert: memory stays bounded whatever the file size
PROGRESS_EVERY = 100_000  # rows between two progress lines
ARCHIVE, REFUSED = "archive", "refused"  # sub-folders of the landing folder

Progress = Callable[[str], None]


def _harmless(progress: Progress) -> Progress:
    """Reporting progress must never change what is loaded: a closed terminal or pipe is not a bad file."""
    def report(message: str) -> None:
        try:
            progress(message)
        except OSError:
            pass
    return report


@dataclass
class Source:
    """Rows that do not come from a landing file (a public-data adapter, an extract)."""
    name: str
    record_type: str
    checksum: str  # a fingerprint of the source: the same checksum is loaded only once
    rows: Iterable[tuple[int, dict]]
    # Called inside the batch's transaction after its rows are written, so that what the source keeps about
    # the batch (an extract's high-water mark) commits or rolls back with them.
    on_commit: Callable[[Warehouse, "BatchResult"], None] | None = None
    # Rules of this source on top of the contract, on each valid row: (field, reason) of what breaks them.
    check: Callable[[dict], list[tuple[str, str]]] | None = None


@dataclass
class BatchResult:
    """One row of raw.batch_log."""
    batch_id: str
    source_file: str
    checksum: str | None
    record_type: str | None = None
    contract_version: str | None = None
    status: str = "loaded"  # loaded | duplicate | refused
    rows_received: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    message: str | None = None
    started_at: datetime = field(default_factory=lambda: vietnam_now())
    finished_at: datetime | None = None

    def values(self) -> tuple:
        return tuple(getattr(self, name) for name, _ in BATCH_LOG_COLUMNS)

    def summary(self) -> str:
        """The one line a batch gets, in the log and on the command line (which prints nothing else for it)."""
        if self.status == "loaded":
            return (f"ĐÃ NẠP   {self.source_file} [{self.record_type}]: nhận {_count(self.rows_received)}, "
                    f"nạp {_count(self.rows_loaded)}, cách ly {_count(self.rows_quarantined)} (lô {self.batch_id})")
        if self.status == "duplicate":
            return f"BỎ QUA   {self.source_file}: {self.message}"
        return f"TỪ CHỐI  {self.source_file}: {self.message}"


def _count(number: int | float) -> str:
    return f"{number:,.0f}".replace(",", ".")  # Vietnamese digit grouping


# ---------------------------------------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------------------------------------

def ingest_path(warehouse: Warehouse, path: str | Path, hash_key: bytes,
                progress: Progress = print, file_away: bool = True) -> list[BatchResult]:
    """Ingest one file, or every file of a folder (sorted by name, sub-folders skipped).

    From a landing folder (file_away), loaded and duplicate files move to archive/, refused ones to refused/
    beside a <name>.reason.txt; a file given by its own path, or a folder that is not a landing folder, stays
    as it is.
    """
    path = Path(path)
    if not path.is_dir():
        return [ingest_file(warehouse, path, hash_key, progress)]
    results = []
    for file in landing_files(path):
        result = ingest_file(warehouse, file, hash_key, progress)
        if file_away:
            _file_away(path, file, result)
        results.append(result)
    return results


def landing_files(landing: Path) -> list[Path]:
    """Files waiting in a landing folder, by name; hidden files and Office lock files (~$…) are not exports."""
    if not landing.is_dir():
        return []
    return sorted(p for p in landing.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))


def ingest_file(warehouse: Warehouse, path: Path, hash_key: bytes, progress: Progress = print) -> BatchResult:
    progress = _harmless(progress)
    batch = _new_batch(path.name)
    try:
        batch.checksum = file_checksum(path)
        record_type = record_type_for(path.name)
        if record_type is None:
            raise UnreadableFile(path, "tên tệp không bắt đầu bằng tên một loại bản ghi của hợp đồng dữ liệu "
                                       "(ví dụ establishments_2026-01.csv; xem docs/contract.md)")
        batch.record_type, batch.contract_version = record_type.name, record_type.version
        if warehouse.is_loaded(batch.checksum):
            return _finish(warehouse, batch, "duplicate", progress)
        columns, rows = read_file(path)
        missing = missing_columns(record_type, columns) if columns is not None else []
        if missing:
            raise UnreadableFile(path, f"thiếu cột bắt buộc: {', '.join(missing)}")
    except UnreadableFile as refusal:
        return _refuse(warehouse, batch, refusal.message, progress)
    except FileNotFoundError:
        return _refuse(warehouse, batch, "không tìm thấy tệp", progress)
    except OSError as error:
        return _refuse(warehouse, batch, f"không mở được tệp ({error.strerror or error})", progress)
    return _load(warehouse, batch, record_type, rows, hash_key, progress)


def ingest_source(warehouse: Warehouse, source: Source, hash_key: bytes,
                  progress: Progress = print) -> BatchResult:
    """Rows from an adapter, through exactly the same validation, quarantine and accounting as a file."""
    progress = _harmless(progress)
    batch = _new_batch(source.name, source.checksum)
    record_type = RECORD_TYPES.get(source.record_type)
    if record_type is None:
        return _refuse(warehouse, batch, f"loại bản ghi không có trong hợp đồng dữ liệu: {source.record_type!r}",
                       progress)
    batch.record_type, batch.contract_version = record_type.name, record_type.version
    if warehouse.is_loaded(source.checksum):
        return _finish(warehouse, batch, "duplicate", progress)
    return _load(warehouse, batch, record_type, iter(source.rows), hash_key, progress, source.on_commit,
                 source.check)


def record_type_for(file_name: str) -> RecordType | None:
    """`establishments_2026-01.csv` → establishments: the longest record-type name the file name starts with."""
    stem = Path(file_name).stem.lower()
    names = [name for name in RECORD_TYPES if stem == name or stem.startswith(name + "_")]
    return RECORD_TYPES[max(names, key=len)] if names else None


def file_checksum(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


# ---------------------------------------------------------------------------------------------------------
# One batch
# ---------------------------------------------------------------------------------------------------------

def _new_batch(source_file: str, checksum: str | None = None) -> BatchResult:
    started = vietnam_now()
    return BatchResult(f"{started:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}", source_file, checksum,
                       started_at=started)


def _load(warehouse: Warehouse, batch: BatchResult, record_type: RecordType, rows: Iterator,
          hash_key: bytes, progress: Progress, on_commit=None, check=None) -> BatchResult:
    """Validate, normalise and append every row in one transaction; roll it all back if the file breaks."""
    validator = BatchValidator(record_type)
    make_row = raw_row_maker(record_type, hash_key)
    metadata = (batch.batch_id, batch.source_file)  # the loader's columns but _line and _row_hash
    loaded, quarantined = [], []
    clock = time.monotonic()
    try:
        with warehouse.transaction():
            for line, row in rows:
                batch.rows_received += 1
                clean, errors = validator.validate(row)
                if check and not errors:
                    errors = check(clean)
                if errors:
                    batch.rows_quarantined += 1
                    record = json.dumps(safe_record(record_type, row, hash_key), ensure_ascii=False, default=str)
                    quarantined += [(*metadata, line, field_name, reason, record) for field_name, reason in errors]
                else:
                    batch.rows_loaded += 1
                    loaded.append(make_row(clean) + metadata + (line, batch.started_at))
                if len(loaded) >= CHUNK_ROWS or len(quarantined) >= CHUNK_ROWS:
                    _flush(warehouse, record_type, loaded, quarantined)
                if batch.rows_received % PROGRESS_EVERY == 0:
                    rate = batch.rows_received / max(time.monotonic() - clock, 1e-9)
                    progress(f"{batch.source_file}: {_count(batch.rows_received)} dòng ({_count(rate)} dòng/giây)")
            _flush(warehouse, record_type, loaded, quarantined)
            assert batch.rows_received == batch.rows_loaded + batch.rows_quarantined
            if on_commit:
                on_commit(warehouse, batch)
            _finish(warehouse, batch, "loaded", progress)
    except UnreadableFile as refusal:
        return _refuse(warehouse, batch, _after_rows(refusal.message, batch), progress)
    except Exception as error:  # a fault while writing: this batch is rolled back, the others go on
        message = f"lỗi khi ghi vào kho ({type(error).__name__}: {error})"
        return _refuse(warehouse, batch, _after_rows(message, batch), progress)
    return batch


def _flush(warehouse: Warehouse, record_type: RecordType, loaded: list, quarantined: list) -> None:
    warehouse.append_rows(record_type.name, loaded)
    warehouse.append_quarantine(quarantined)
    loaded.clear()
    quarantined.clear()


def _after_rows(message: str, batch: BatchResult) -> str:
    if batch.rows_received:  # found mid-stream: say that the rows already read were rolled back
        return f"{message} (phát hiện khi đang đọc; không dòng nào của tệp được nạp)"
    return message


def _finish(warehouse: Warehouse, batch: BatchResult, status: str, progress: Progress) -> BatchResult:
    batch.status = status
    if status == "duplicate":
        batch.message = "đã được nạp trước đây (cùng checksum), không nạp lại"
    batch.finished_at = vietnam_now()
    warehouse.log_batch(batch.values())
    progress(batch.summary())
    return batch


def _refuse(warehouse: Warehouse, batch: BatchResult, message: str, progress: Progress) -> BatchResult:
    batch.status, batch.message, batch.finished_at = "refused", message, vietnam_now()
    batch.rows_received = batch.rows_loaded = batch.rows_quarantined = 0  # a refused file loads nothing
    with warehouse.transaction():
        warehouse.log_batch(batch.values())
    progress(batch.summary())
    return batch


# ---------------------------------------------------------------------------------------------------------
# Landing folder housekeeping
# ---------------------------------------------------------------------------------------------------------

def _file_away(landing: Path, file: Path, result: BatchResult) -> None:
    folder = landing / (REFUSED if result.status == "refused" else ARCHIVE)
    folder.mkdir(exist_ok=True)
    target = folder / file.name
    if target.exists():  # the same name delivered again: keep both
        target = folder / f"{file.stem}.{result.batch_id}{file.suffix}"
    shutil.move(file, target)
    if result.status == "refused":
        Path(f"{target}.reason.txt").write_text(
            f"{result.message}\n\nLô {result.batch_id}, {result.started_at:%d/%m/%Y %H:%M:%S}\n", encoding="utf-8")
