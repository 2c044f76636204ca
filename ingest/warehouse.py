"""The warehouse writer: raw tables, the batch log and the quarantine.

`Warehouse` holds the SQL, written to run on DuckDB and PostgreSQL alike; a subclass supplies the connection
and the one dialect-specific operation, the bulk append (`_append`). `DuckDBWarehouse` is the embedded default.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest.contract import RECORD_TYPES

BATCH_LOG_COLUMNS = [
    ("batch_id", "varchar"),
    ("source_file", "varchar"),
    ("checksum", "varchar"),  # SHA-256 of the file's bytes (or the adapter's fingerprint of its source)
    ("record_type", "varchar"),
    ("contract_version", "varchar"),
    ("status", "varchar"),  # loaded | duplicate | refused
    ("rows_received", "bigint"),
    ("rows_loaded", "bigint"),
    ("rows_quarantined", "bigint"),
    ("message", "varchar"),
    ("started_at", "timestamp"),
    ("finished_at", "timestamp"),
]
QUARANTINE_COLUMNS = [
    ("batch_id", "varchar"),
    ("source_file", "varchar"),
    ("line", "bigint"),
    ("field", "varchar"),
    ("reason", "varchar"),
    ("record", "varchar"),  # the rejected row as JSON, personal values replaced by their hash
]

# Arrow types of the SQL types used by the contract, for the bulk append.
_ARROW_TYPES = {"varchar": pa.string(), "bigint": pa.int64(), "numeric(18,3)": pa.decimal128(18, 3),
                "date": pa.date32(), "timestamp": pa.timestamp("us"), "boolean": pa.bool_()}


class Warehouse:
    """The tables of schema `raw`. Writes happen inside `transaction()`, one per batch."""

    placeholder = "?"

    def execute(self, sql: str, params: Sequence = ()) -> list[tuple]:
        raise NotImplementedError

    def read_frame(self, sql: str, params: Sequence = ()):
        """A query's result as a pandas DataFrame (for checks and reports)."""
        raise NotImplementedError

    def read_batches(self, sql: str, rows: int = 100_000):
        """A query's result as pandas DataFrames of at most `rows` rows each, so that memory stays bounded
        whatever the table's size (the checks). Run no other query on this warehouse until it is exhausted."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _append(self, table: str, columns: list[tuple[str, str]], rows: list[tuple],
                computed: dict[str, str] | None = None) -> None:
        """Bulk-insert rows (tuples in the order of `columns`) into `table`, plus `computed` columns given
        as SQL expressions over those columns."""
        raise NotImplementedError

    @contextmanager
    def transaction(self):
        self.execute("begin transaction")
        try:
            yield self
        except BaseException:
            self.execute("rollback")
            raise
        self.execute("commit")

    def ensure_schema(self) -> None:
        self.execute("create schema if not exists raw")
        tables = {f"raw.{rt.name}": rt.raw_columns() for rt in RECORD_TYPES.values()}
        tables |= {"raw.batch_log": BATCH_LOG_COLUMNS, "raw.quarantine": QUARANTINE_COLUMNS}
        for table, columns in tables.items():
            column_list = ", ".join(f"{name} {sql_type}" for name, sql_type in columns)
            self.execute(f"create table if not exists {table} ({column_list})")

    def append_rows(self, record_type: str, rows: list[tuple]) -> None:
        """Rows in the order of RecordType.raw_columns(), all but the last, _row_hash, computed here."""
        if rows:
            *columns, (last, _) = RECORD_TYPES[record_type].raw_columns()
            assert last == "_row_hash"
            self._append(f"raw.{record_type}", columns, rows, {"_row_hash": _row_hash_sql(columns)})

    def append_quarantine(self, rows: list[tuple]) -> None:
        if rows:
            self._append("raw.quarantine", QUARANTINE_COLUMNS, rows)

    def log_batch(self, values: Sequence) -> None:
        """One row of raw.batch_log, values in the order of BATCH_LOG_COLUMNS."""
        marks = ", ".join([self.placeholder] * len(BATCH_LOG_COLUMNS))
        self.execute(f"insert into raw.batch_log values ({marks})", list(values))

    def is_loaded(self, checksum: str) -> bool:
        sql = f"select count(*) from raw.batch_log where checksum = {self.placeholder} and status = 'loaded'"
        return self.execute(sql, [checksum])[0][0] > 0


def _row_hash_sql(columns: list[tuple[str, str]]) -> str:
    """MD5 of the contract's columns (not the loader's metadata): equal content, equal hash, in any batch.
    Computed by the database, vectorised, rather than row by row in Python."""
    values = ", ".join(f"coalesce(cast({name} as varchar), '')" for name, _ in columns if not name.startswith("_"))
    return f"md5(concat_ws(chr(31), {values}))"


class DuckDBWarehouse(Warehouse):
    def __init__(self, path: str | Path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.connection = duckdb.connect(str(path))
        self.ensure_schema()

    def execute(self, sql: str, params: Sequence = ()) -> list[tuple]:
        cursor = self.connection.execute(sql, params)
        return cursor.fetchall() if cursor.description else []

    def read_frame(self, sql: str, params: Sequence = ()):
        return self.connection.execute(sql, params).df()

    def read_batches(self, sql: str, rows: int = 100_000):
        reader = self.connection.execute(sql).to_arrow_reader(rows)
        for batch in reader:
            yield batch.to_pandas()

    def _append(self, table: str, columns: list[tuple[str, str]], rows: list[tuple],
                computed: dict[str, str] | None = None) -> None:
        # Columnar through Arrow: far faster than executemany, and DuckDB reads the table without copying.
        arrays = [pa.array(values, type=_ARROW_TYPES[sql_type])
                  for values, (_, sql_type) in zip(zip(*rows), columns)]
        names = [name for name, _ in columns]
        computed = computed or {}
        self.connection.register("_append_chunk", pa.Table.from_arrays(arrays, names=names))
        try:
            targets = ", ".join(names + list(computed))
            sources = ", ".join(names + list(computed.values()))
            self.connection.execute(f"insert into {table} ({targets}) select {sources} from _append_chunk")
        finally:
            self.connection.unregister("_append_chunk")

    def close(self) -> None:
        self.connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
