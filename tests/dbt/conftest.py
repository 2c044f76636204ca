"""dbt test fixtures: the hand-made platform (dbt_raw_fixture.py) built once into a temporary DuckDB file, and
once into a temporary PostgreSQL database in the background (for test_dbt_postgres.py)."""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

import dbt_raw_fixture
from dbt_commands import DUCKDB_ENV, build_on_postgres, postgres_server, run_dbt

POSTGRES_TESTS = "test_dbt_postgres.py"


@pytest.fixture(scope="session")
def dbt_work_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("dbt")


@pytest.fixture(scope="session")
def duckdb_env() -> dict[str, str]:
    return DUCKDB_ENV


@pytest.fixture(scope="session")
def built_warehouse(dbt_work_dir, duckdb_env) -> Path:
    """The fixture loaded into raw tables and `dbt build` (seeds, models, snapshots, data and unit tests) run once."""
    path = dbt_work_dir / duckdb_env["GIAMSAT_DUCKDB_PATH"]
    with duckdb.connect(str(path)) as connection:
        dbt_raw_fixture.load(connection.execute)
    run_dbt(["build"], dbt_work_dir, duckdb_env)
    return path


@pytest.fixture(scope="session")
def warehouse(built_warehouse):
    """A read-only connection to the built warehouse; `query(sql)` returns rows as dicts."""
    connection = duckdb.connect(str(built_warehouse), read_only=True)

    def query(sql: str) -> list[dict]:
        cursor = connection.execute(sql)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    yield query
    connection.close()


# ---------------------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session", autouse=True)
def postgres_build(request, tmp_path_factory):
    """The PostgreSQL build, started with the session when test_dbt_postgres.py is selected, so that it runs
    while the DuckDB one does: a Future of the database name (its result re-raises a skip or failure)."""
    wanted = any(item.path.name == POSTGRES_TESTS for item in request.session.items)
    if not wanted or os.environ.get("GIAMSAT_TEST_POSTGRES") == "0":
        yield None
        return
    server, name = postgres_server(), f"giamsat_dbt_test_{os.getpid()}"
    with ThreadPoolExecutor(max_workers=1) as executor:
        build: Future = executor.submit(build_on_postgres, server, name, tmp_path_factory.mktemp("dbt_postgres"))
        yield build
        if not isinstance(build.exception(), pytest.skip.Exception):  # the database was created
            import psycopg
            with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
                admin.execute(f"drop database if exists {name} with (force)")
