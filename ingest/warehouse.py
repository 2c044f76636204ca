"""The warehouse writer: raw tables, the batch log and the quarantine.

`Warehouse` holds the SQL, written to run on DuckDB and PostgreSQL alike; a subclass supplies the connection
and the one dialect-specific operation, the bulk append (`_append`). `DuckDBWarehouse` is the embedded default,
`PostgresWarehouse` the production one. The project's SQL writes parameters as `?` on both.
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
# The incremental extract's bookkeeping (ingest/extract.py): changes loaded, deletions seen, marks.
EXTRACT_TABLES = {
    "raw.extract_state": [("record_type", "varchar"), ("watermark", "timestamp"), ("batch_id", "varchar"),
                          ("extracted_at", "timestamp")],
    "raw.extract_changes": [("record_type", "varchar"), ("record_id", "varchar"), ("updated_at", "timestamp"),
                            ("batch_id", "varchar"), ("extracted_at", "timestamp")],
    "raw.extract_deletions": [("record_type", "varchar"), ("record_id", "varchar"), ("batch_id", "varchar"),
                              ("detected_at", "timestamp")],
}

_ARROW_TYPES = {"varchar": pa.string(), "bigint": pa.int64(), "numeric(18,3)": pa.decimal128(18, 3),
                "date": pa.date32(), "timestamp": pa.timestamp("us"), "boolean": pa.bool_(),
                "integer": pa.int32(), "double precision": pa.float64()}


class WarehouseError(Exception):
    """The warehouse cannot be reached or opened; the message is for a person (and carries no password)."""


class Warehouse:
    """The tables of schema `raw`. Writes happen inside `transaction()`, one per batch."""

    placeholder = "?"
    engine = ""

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
        tables |= {"raw.batch_log": BATCH_LOG_COLUMNS, "raw.quarantine": QUARANTINE_COLUMNS, **EXTRACT_TABLES}
        for table, columns in tables.items():
            column_list = ", ".join(f"{name} {sql_type}" for name, sql_type in columns)
            self.execute(f"create table if not exists {table} ({column_list})")

    def append_rows(self, record_type: str, rows: list[tuple]) -> None:
        """Rows in the order of RecordType.raw_columns(), all but the last, _row_hash, computed here."""
        if rows:
            *columns, (last, _) = RECORD_TYPES[record_type].raw_columns()
            assert last == "_row_hash"
            self._append(f"raw.{record_type}", columns, rows, {"_row_hash": _row_hash_sql(columns)})

    def append_table(self, table: str, columns: list[tuple[str, str]], rows: list[tuple]) -> None:
        """Bulk-insert rows (in the order of `columns`) into a table of the loader's own (batch log aside)."""
        if rows:
            self._append(table, columns, rows)

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

    def has_table(self, schema: str, table: str) -> bool:
        return bool(self.execute("select count(*) from information_schema.tables "
                                 "where table_schema = ? and table_name = ?", [schema, table])[0][0])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _row_hash_sql(columns: list[tuple[str, str]]) -> str:
    """MD5 of the contract's columns (not the loader's metadata): equal content, equal hash, in any batch.
    Computed by the database, vectorised, rather than row by row in Python."""
    values = ", ".join(f"coalesce(cast({name} as varchar), '')" for name, _ in columns if not name.startswith("_"))
    return f"md5(concat_ws(chr(31), {values}))"



class DuckDBWarehouse(Warehouse):
    engine = "duckdb"

    def __init__(self, path: str | Path, read_only: bool = False):
        if read_only:  # readers (reports, exports) never create the file or its tables
            if not Path(path).exists():
                raise WarehouseError(f"Chưa có kho dữ liệu tại {path}: chạy `giamsat run` trước.")
            self.connection = duckdb.connect(str(path), read_only=True)
            return
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


class PostgresWarehouse(Warehouse):
    """The same tables on a PostgreSQL server; bulk appends go through COPY.

    `connect_kwargs` are psycopg.connect's (host, port, dbname, user, password); `display` names the database
    in messages without the password. The connection is in autocommit mode: `transaction()` opens and closes
    each batch's transaction explicitly, as on DuckDB.
    """

    engine = "postgres"

    def __init__(self, connect_kwargs: dict, display: str, read_only: bool = False):
        import psycopg
        from psycopg.types.numeric import FloatLoader

        try:
            self.connection = psycopg.connect(autocommit=True, connect_timeout=10, **connect_kwargs)
        except psycopg.OperationalError as error:
            # libpq's message names host and user, never the password; keep its first line only.
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise WarehouseError(f"Không kết nối được kho PostgreSQL {display}: {reason}") from None
        # numeric as float in frames, as DuckDB gives them (reports and checks do arithmetic on them)
        self._frame_adapters = FloatLoader
        self.display = display
        self._staged: set[str] = set()
        if not read_only:
            self.ensure_schema()

    def execute(self, sql: str, params: Sequence = ()) -> list[tuple]:
        cursor = self.connection.execute(_pyformat(sql) if params else sql, list(params) or None)
        return cursor.fetchall() if cursor.description else []

    def read_frame(self, sql: str, params: Sequence = ()):
        import pandas as pd

        with self.connection.cursor() as cursor:
            cursor.adapters.register_loader("numeric", self._frame_adapters)
            cursor.execute(_pyformat(sql) if params else sql, list(params) or None)
            names = [column.name for column in cursor.description]
            return pd.DataFrame(cursor.fetchall(), columns=names)

    def read_batches(self, sql: str, rows: int = 100_000):
        import pandas as pd

        # A server-side cursor (it lives inside a transaction) sends the rows a batch at a time.
        with self.connection.transaction(), self.connection.cursor(name="giamsat_batches") as cursor:
            cursor.adapters.register_loader("numeric", self._frame_adapters)
            cursor.execute(sql)
            names = [column.name for column in cursor.description]
            while batch := cursor.fetchmany(rows):
                yield pd.DataFrame(batch, columns=names)

    def _append(self, table: str, columns: list[tuple[str, str]], rows: list[tuple],
                computed: dict[str, str] | None = None) -> None:
        names = [name for name, _ in columns]
        computed = computed or {}
        if not computed:
            self._copy(table, names, rows)
            return
        # Computed columns: COPY into a temporary table of this session, then one insert ... select.
        stage = f"_append_{table.replace('.', '_')}"
        if stage not in self._staged:
            column_list = ", ".join(f"{name} {sql_type}" for name, sql_type in columns)
            self.execute(f"create temporary table if not exists {stage} ({column_list})")
            self._staged.add(stage)
        self.execute(f"truncate {stage}")
        self._copy(stage, names, rows)
        targets = ", ".join(names + list(computed))
        sources = ", ".join(names + list(computed.values()))
        self.execute(f"insert into {table} ({targets}) select {sources} from {stage}")

    def _copy(self, table: str, names: list[str], rows: list[tuple]) -> None:
        with self.connection.cursor() as cursor:
            with cursor.copy(f"copy {table} ({', '.join(names)}) from stdin") as copy:
                for row in rows:
                    copy.write_row(row)

    def close(self) -> None:
        self.connection.close()


def _pyformat(sql: str) -> str:
    """The project's `?` parameters as psycopg's `%s` (a literal % doubled). The SQL passed with parameters
    holds no `?` in its text."""
    return sql.replace("%", "%%").replace("?", "%s")
