"""The same fixture built on PostgreSQL gives the same mart rows as on DuckDB.

Runs whenever a server answers (libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD; defaults 127.0.0.1:5432,
user postgres) and skips with a message otherwise; GIAMSAT_TEST_POSTGRES=0 turns it off. A temporary database is
created and dropped."""

from __future__ import annotations

import os
from decimal import Decimal

import duckdb
import pytest

import dbt_raw_fixture
from dbt_commands import run_dbt

MARTS = ["facility_rankings", "approval_throughput", "violation_statistics", "inspection_outcomes", "flagged_items",
         "monthly_kpis"]
BUILD_TIME_COLUMNS = {"first_flagged_at", "last_flagged_at"}

pytestmark = pytest.mark.skipif(os.environ.get("GIAMSAT_TEST_POSTGRES") == "0",
                                reason="GIAMSAT_TEST_POSTGRES=0: PostgreSQL build turned off")


@pytest.fixture(scope="module")
def postgres_database(tmp_path_factory):
    psycopg = pytest.importorskip("psycopg")
    server = {"host": os.environ.get("PGHOST", "127.0.0.1"), "port": os.environ.get("PGPORT", "5432"),
              "user": os.environ.get("PGUSER", "postgres"), "password": os.environ.get("PGPASSWORD", "")}
    name = f"giamsat_dbt_test_{os.getpid()}"
    try:
        psycopg.connect(dbname="postgres", connect_timeout=3, **server).close()
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server at {server['host']}:{server['port']}: {error}")
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f"drop database if exists {name}")
        admin.execute(f"create database {name}")
    try:
        with psycopg.connect(dbname=name, autocommit=True, **server) as connection:
            dbt_raw_fixture.load(connection.execute)
        env = {"DBT_TARGET": "postgres", "PGDATABASE": name, "PGHOST": server["host"], "PGPORT": server["port"],
               "PGUSER": server["user"], "PGPASSWORD": server["password"]}
        run_dbt(["build"], tmp_path_factory.mktemp("dbt_postgres"), env)
        with psycopg.connect(dbname=name, **server) as connection:
            yield connection
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f"drop database if exists {name} with (force)")


def _rows(execute, mart: str, columns: list[str]) -> list[tuple]:
    def normal(value):
        return value.normalize() if isinstance(value, Decimal) else value
    rows = execute(f"select {', '.join(columns)} from marts.{mart}").fetchall()
    return sorted((tuple(normal(v) for v in row) for row in rows), key=repr)


@pytest.mark.parametrize("mart", MARTS)
def test_postgres_and_duckdb_build_the_same_rows(mart, postgres_database, built_warehouse):
    with duckdb.connect(str(built_warehouse), read_only=True) as local:
        columns = [c[0] for c in local.execute(f"select * from marts.{mart} limit 0").description
                   if c[0] not in BUILD_TIME_COLUMNS]
        expected = _rows(local.execute, mart, columns)
    assert expected
    assert _rows(postgres_database.execute, mart, columns) == expected
