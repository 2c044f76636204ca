"""Running the project's dbt from the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dbt_raw_fixture
from pipelines.settings import DBT_PROJECT_DIR

DBT = Path(sys.executable).parent / "dbt"
# The DuckDB file relative to the folder dbt runs in: the rendered profile is then the same in every folder, so
# each run can start from the partial parse of an earlier one (a full parse of the project costs 10 to 30 s).
DUCKDB_ENV = {"DBT_TARGET": "duckdb", "GIAMSAT_DUCKDB_PATH": "warehouse.duckdb"}

_partial_parses: dict[tuple, Path] = {}  # environment -> partial_parse.msgpack of an earlier run in the session


def run_dbt(args: list[str], work_dir: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the venv's dbt on the project in work_dir, with its own target and log folders there; fail the test
    with dbt's output."""
    target = work_dir / "target"
    parsed = target / "partial_parse.msgpack"
    environment = tuple(sorted(env.items()))
    if environment in _partial_parses and not parsed.exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(_partial_parses[environment], parsed)
    command = [str(DBT), *args, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
               "--target-path", str(target)]
    full_env = os.environ | {"DBT_VERSION_CHECK": "false", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
                             "DBT_LOG_PATH": str(work_dir / "logs")} | env
    result = subprocess.run(command, cwd=work_dir, env=full_env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}")
    if parsed.exists():
        _partial_parses.setdefault(environment, parsed)
    return result


def postgres_server() -> dict[str, str]:
    """The server of the libpq variables (defaults 127.0.0.1:5432, user postgres)."""
    return {"host": os.environ.get("PGHOST", "127.0.0.1"), "port": os.environ.get("PGPORT", "5432"),
            "user": os.environ.get("PGUSER", "postgres"), "password": os.environ.get("PGPASSWORD", "")}


def build_on_postgres(server: dict[str, str], name: str, work_dir: Path) -> str:
    """Create database `name`, load the fixture and build it (seeds, snapshots, models, unit tests; the data
    tests run on the DuckDB build, whose rows the comparison holds these to). Skips when no server answers."""
    psycopg = pytest.importorskip("psycopg")
    try:
        psycopg.connect(dbname="postgres", connect_timeout=3, **server).close()
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server at {server['host']}:{server['port']}: {error}")
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f"drop database if exists {name}")
        admin.execute(f"create database {name}")
    with psycopg.connect(dbname=name, autocommit=True, **server) as connection:
        dbt_raw_fixture.load(connection.execute)
    env = {"DBT_TARGET": "postgres", "PGDATABASE": name, "PGHOST": server["host"], "PGPORT": server["port"],
           "PGUSER": server["user"], "PGPASSWORD": server["password"]}
    run_dbt(["build", "--exclude", "test_type:data"], work_dir, env)
    return name
