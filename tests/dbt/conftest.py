"""dbt test fixtures: the hand-made platform (dbt_raw_fixture.py) built once into a temporary DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import dbt_raw_fixture
from dbt_commands import run_dbt


@pytest.fixture(scope="session")
def dbt_work_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("dbt")


@pytest.fixture(scope="session")
def duckdb_env(dbt_work_dir) -> dict[str, str]:
    return {"DBT_TARGET": "duckdb", "GIAMSAT_DUCKDB_PATH": str(dbt_work_dir / "warehouse.duckdb")}


@pytest.fixture(scope="session")
def built_warehouse(dbt_work_dir, duckdb_env) -> Path:
    """The fixture loaded into raw tables and `dbt build` (seeds, models, data and unit tests) run once."""
    path = Path(duckdb_env["GIAMSAT_DUCKDB_PATH"])
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
