"""The dbt commands other parts rely on: `dbt parse` (Dagster reads its manifest) and `dbt docs generate`."""

from __future__ import annotations

import json
from decimal import Decimal

import duckdb

from dbt_commands import DUCKDB_ENV, run_dbt


def test_parse_writes_the_manifest_without_a_database(tmp_path):
    # The install step parses before any warehouse exists: no connection is needed.
    run_dbt(["parse"], tmp_path, DUCKDB_ENV)
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text())
    models = {node["name"]: node for node in manifest["nodes"].values() if node["resource_type"] == "model"}
    for mart in ("facility_rankings", "approval_throughput", "violation_statistics", "inspection_outcomes",
                 "flagged_items", "monthly_kpis"):
        assert models[mart]["schema"] == "marts"
    assert models["stg_platform__members"]["schema"] == "staging"
    snapshots = {node["name"]: node for node in manifest["nodes"].values() if node["resource_type"] == "snapshot"}
    assert {name: node["schema"] for name, node in snapshots.items()} == {
        "establishments_snapshot": "snapshots", "members_snapshot": "snapshots"}
    assert not (tmp_path / DUCKDB_ENV["GIAMSAT_DUCKDB_PATH"]).exists()


def test_a_seed_that_gained_a_column_loads_into_an_older_warehouse(tmp_path):
    # a warehouse built before unit_kg had its kg column: the seed is recreated (+full_refresh), not appended to
    with duckdb.connect(str(tmp_path / DUCKDB_ENV["GIAMSAT_DUCKDB_PATH"])) as connection:
        connection.execute("create schema seeds")
        connection.execute("create table seeds.unit_kg (unit varchar)")
        connection.execute("insert into seeds.unit_kg values ('old')")
    run_dbt(["seed", "--select", "unit_kg"], tmp_path, DUCKDB_ENV)
    with duckdb.connect(str(tmp_path / DUCKDB_ENV["GIAMSAT_DUCKDB_PATH"]), read_only=True) as connection:
        rows = connection.execute("select unit, kg from seeds.unit_kg order by kg").fetchall()
    assert rows == [("g", Decimal("0.0010")), ("kg", 1), ("yen", 10), ("ta", 100), ("tan", 1000)]


def test_docs_generate_describes_every_mart_column(built_warehouse, dbt_work_dir, duckdb_env):
    # the build compiled every node already: only the catalog is left to read
    run_dbt(["docs", "generate", "--no-compile"], dbt_work_dir, duckdb_env)
    catalog = json.loads((dbt_work_dir / "target" / "catalog.json").read_text())
    manifest = json.loads((dbt_work_dir / "target" / "manifest.json").read_text())
    for key, node in manifest["nodes"].items():
        if node["resource_type"] != "model" or node["schema"] != "marts":
            continue
        built = set(catalog["nodes"][key]["columns"])
        described = {name for name, column in node["columns"].items() if column["description"]}
        assert built == described, f"{node['name']}: undescribed {built - described}, not built {described - built}"
