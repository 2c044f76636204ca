"""The same fixture built on PostgreSQL gives the same rows as on DuckDB, in every mart and snapshot.

Runs whenever a server answers (libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD; defaults 127.0.0.1:5432,
user postgres) and skips with a message otherwise; GIAMSAT_TEST_POSTGRES=0 turns it off. A temporary database is
created, built in the background from the start of the session (conftest.py: postgres_build) and dropped."""

from __future__ import annotations

import os
from decimal import Decimal

import duckdb
import pytest

from dbt_commands import postgres_server
from pipelines.settings import DBT_PROJECT_DIR

# every mart (models/marts and its dimensions) and the two snapshots, as [schema, table]
MARTS = [("marts", path.stem) for path in sorted((DBT_PROJECT_DIR / "models" / "marts").rglob("*.sql"))]
SNAPSHOTS = [("snapshots", "establishments_snapshot"), ("snapshots", "members_snapshot")]
# the moment of the build (Vietnam time) and what is measured from it
BUILD_TIME_COLUMNS = {"first_flagged_at", "last_flagged_at", "median_age_days", "max_age_days",
                      "items_over_overdue_days"}

pytestmark = pytest.mark.skipif(os.environ.get("GIAMSAT_TEST_POSTGRES") == "0",
                                reason="GIAMSAT_TEST_POSTGRES=0: PostgreSQL build turned off")


@pytest.fixture(scope="module")
def postgres_database(postgres_build):
    import psycopg  # build_on_postgres (conftest.py) skipped the tests already when it is missing
    name = postgres_build.result()
    with psycopg.connect(dbname=name, **postgres_server()) as connection:
        yield connection


def _rows(execute, table: str, columns: list[str]) -> list[tuple]:
    def normal(value):
        return value.normalize() if isinstance(value, Decimal) else value
    rows = execute(f"select {', '.join(columns)} from {table}").fetchall()
    return sorted((tuple(normal(v) for v in row) for row in rows), key=repr)


def test_every_mart_is_compared():
    assert len(MARTS) >= 26 and ("marts", "facility_rankings") in MARTS and ("marts", "dim_calendar") in MARTS


@pytest.mark.parametrize("schema, name", MARTS + SNAPSHOTS, ids=lambda value: value)
def test_postgres_and_duckdb_build_the_same_rows(schema, name, postgres_database, built_warehouse):
    table = f"{schema}.{name}"
    with duckdb.connect(str(built_warehouse), read_only=True) as local:
        columns = [c[0] for c in local.execute(f"select * from {table} limit 0").description
                   if c[0] not in BUILD_TIME_COLUMNS]
        expected = _rows(local.execute, table, columns)
    assert expected
    assert _rows(postgres_database.execute, table, columns) == expected
