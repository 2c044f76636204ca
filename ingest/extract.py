"""Incremental extraction from the platform's operational PostgreSQL database.

The platform keeps one table per record type of the contract, named like it, with the contract's fields as
columns (`platform_ddl` writes them: the id is the primary key, `updated_at` is set on every change). One run,
for each table:

1. In one REPEATABLE READ snapshot of the platform: the rows changed since the last run's high-water mark
   minus a safety overlap, and the ids of every row (to see deletions).
2. Changes the warehouse already holds are dropped: `raw.extract_changes` keeps (record type, id, updated_at)
   of every change loaded or quarantined, so the overlap never loads one twice.
3. The rest goes through the loader as a Source: the same contract validation, quarantine and batch log as a
   file. In the same transaction the changes, the deletions (`raw.extract_deletions`) and the new high-water
   mark (`raw.extract_state`) are written. A crash anywhere before that commit leaves the warehouse as it was:
   the re-run fetches the same changes again and loads each once.

Why the overlap: a platform transaction stamps `updated_at` when it writes, but its row becomes visible only
when it commits. A row stamped before the newest `updated_at` this run saw, but committed after this run's
snapshot, would fall behind the high-water mark for ever. The next run re-reads `overlap` before the mark, so
such a row is picked up as long as its transaction took less than the overlap to commit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ingest.contract import RECORD_TYPES, SQL_TYPES, RecordType
from ingest.loader import BatchResult, Progress, Source, ingest_source
from ingest.warehouse import EXTRACT_TABLES, Warehouse, WarehouseError

DEFAULT_OVERLAP = timedelta(minutes=10)
FETCH_ROWS = 5_000  # rows per round trip of the server-side cursor
BEGINNING = datetime(1900, 1, 1)  # the mark before a table's first extract



def platform_ddl(record_type: RecordType, schema: str = "public") -> str:
    """The platform's table of a record type as the contract describes it (for tests and for the platform's
    developers): personal fields in clear, addresses as text, lists as ';'-joined text."""
    columns = [f"{f.name} {SQL_TYPES[f.type]}" + (" not null" if f.required else "") for f in record_type.fields]
    columns.append(f"primary key ({record_type.id_field})")
    return f"create table if not exists {schema}.{record_type.name} ({', '.join(columns)})"


@dataclass
class TableExtract:
    """What one run found in one table."""
    record_type: str
    since: datetime  # rows with updated_at >= since were read
    new_watermark: datetime
    fetched: int = 0
    skipped: int = 0  # already loaded by an earlier run (the overlap)
    deleted: list[str] = field(default_factory=list)
    batch: BatchResult | None = None  # None: nothing new

    def summary(self) -> str:
        head = (f"postgres:{self.record_type}: đọc {self.fetched} thay đổi từ {self.since:%d/%m/%Y %H:%M:%S}, "
                f"bỏ qua {self.skipped} đã nạp, phát hiện {len(self.deleted)} bản ghi bị xóa")
        return head + ("" if self.batch else "; không có gì mới")


def extract_platform(warehouse: Warehouse, connect_kwargs: dict, display: str, hash_key: bytes,
                     overlap: timedelta = DEFAULT_OVERLAP, schema: str = "public",
                     record_types: list[str] | None = None, progress: Progress = print) -> list[TableExtract]:
    """Extract every record type whose table exists on the platform (or the ones named)."""
    import psycopg

    try:
        platform = psycopg.connect(connect_timeout=10, **connect_kwargs)
        # One snapshot per table: its changes and its ids are read as of the same moment; nothing is written.
        platform.isolation_level, platform.read_only = psycopg.IsolationLevel.REPEATABLE_READ, True
    except psycopg.OperationalError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise WarehouseError(f"Không kết nối được cơ sở dữ liệu của sàn {display}: {reason}") from None
    try:
        present = _platform_tables(platform, schema)
        names = [n for n in (record_types or RECORD_TYPES) if n in present]
        results = []
        for name in names:
            result = extract_table(warehouse, platform, RECORD_TYPES[name], hash_key, overlap, schema, progress)
            progress(result.summary())
            results.append(result)
        return results
    finally:
        platform.close()


def _platform_tables(platform, schema: str) -> set[str]:
    rows = platform.execute("select table_name from information_schema.tables where table_schema = %s",
                            [schema]).fetchall()
    platform.rollback()
    return {name for (name,) in rows}


def extract_table(warehouse: Warehouse, platform, record_type: RecordType, hash_key: bytes,
                  overlap: timedelta, schema: str = "public", progress: Progress = print) -> TableExtract:
    name, id_field = record_type.name, record_type.id_field
    watermark = _watermark(warehouse, name)
    since = watermark - overlap if watermark > BEGINNING else BEGINNING
    seen = {(rid, at) for rid, at in warehouse.execute(
        "select record_id, updated_at from raw.extract_changes where record_type = ? and updated_at >= ?",
        [name, since])}
    known = _live_ids(warehouse, name)
    try:  # one REPEATABLE READ transaction: a row cannot be both changed and missing
        window = [(str(rid), at) for rid, at in platform.execute(
            f"select {id_field}, updated_at from {schema}.{name} where updated_at >= %s", [since])]
        ids = {str(i) for (i,) in platform.execute(f"select {id_field} from {schema}.{name}")}
        extract = TableExtract(name, since, max([watermark] + [at for _, at in window]))
        extract.deleted = sorted(known - ids)
        new = sorted(key for key in window if key not in seen)
        if not new and not extract.deleted:
            extract.fetched = extract.skipped = len(window)
            return extract
        # The batch is these changes and deletions exactly: the same ones are never logged as two batches.
        checksum = hashlib.sha256(repr((name, new, extract.deleted)).encode()).hexdigest()
        changes: list[tuple[str, datetime]] = []
        rows = _changed_rows(platform, record_type, schema, since, seen, changes, extract)

        def record(wh: Warehouse, batch: BatchResult) -> None:
            """Inside the batch's transaction: the changes, deletions and new mark commit with the rows."""
            now = batch.started_at
            wh.append_table("raw.extract_changes", EXTRACT_TABLES["raw.extract_changes"],
                           [(name, rid, at, batch.batch_id, now) for rid, at in changes])
            wh.append_table("raw.extract_deletions", EXTRACT_TABLES["raw.extract_deletions"],
                           [(name, rid, batch.batch_id, now) for rid in extract.deleted])
            wh.append_table("raw.extract_state", EXTRACT_TABLES["raw.extract_state"],
                           [(name, extract.new_watermark, batch.batch_id, now)])

        source = Source(f"postgres:{schema}.{name}@{since:%Y-%m-%dT%H:%M:%S}", name, checksum, rows,
                        on_commit=record)
        extract.batch = ingest_source(warehouse, source, hash_key, progress)
        return extract
    finally:
        platform.rollback()


def _changed_rows(platform, record_type: RecordType, schema: str, since: datetime, seen: set,
                  changes: list, extract: TableExtract) -> Iterator[tuple[int, dict]]:
    """The window's rows not loaded before, as the loader reads a file: (line, record); each one yielded is
    noted in `changes` for the ledger."""
    columns = [f.name for f in record_type.fields]
    with platform.cursor(name=f"extract_{record_type.name}") as cursor:
        cursor.itersize = FETCH_ROWS
        cursor.execute(f"select {', '.join(columns)} from {schema}.{record_type.name} "
                       f"where updated_at >= %s order by updated_at, {record_type.id_field}", [since])
        line = 0
        for values in cursor:
            extract.fetched += 1
            row = dict(zip(columns, values))
            key = (str(row[record_type.id_field]), row["updated_at"])
            if key in seen:
                extract.skipped += 1
                continue
            line += 1
            changes.append(key)
            yield line, row


def _watermark(warehouse: Warehouse, record_type: str) -> datetime:
    value = warehouse.execute("select max(watermark) from raw.extract_state where record_type = ?",
                              [record_type])[0][0]
    return value or BEGINNING


def _live_ids(warehouse: Warehouse, record_type: str) -> set[str]:
    """Ids this extract has loaded and not seen deleted since (a re-created id counts again)."""
    rows = warehouse.execute("""
        select c.record_id from raw.extract_changes as c
        left join (select record_id, max(detected_at) as detected_at from raw.extract_deletions
                   where record_type = ? group by record_id) as d on d.record_id = c.record_id
        where c.record_type = ?
        group by c.record_id
        having max(c.extracted_at) > coalesce(max(d.detected_at), cast('1900-01-01' as timestamp))""",
                             [record_type, record_type])
    return {rid for (rid,) in rows}

