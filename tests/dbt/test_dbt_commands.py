"""The dbt commands other parts rely on: `dbt parse` (Dagster reads its manifest) and `dbt docs generate`."""

from __future__ import annotations

import json

from dbt_commands import run_dbt


def test_parse_writes_the_manifest_without_a_database(tmp_path):
    # The install step parses before any warehouse exists: no connection is needed.
    run_dbt(["parse"], tmp_path, {"DBT_TARGET": "duckdb", "GIAMSAT_DUCKDB_PATH": str(tmp_path / "absent.duckdb")})
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text())
    models = {node["name"]: node for node in manifest["nodes"].values() if node["resource_type"] == "model"}
    for mart in ("facility_rankings", "approval_throughput", "violation_statistics", "inspection_outcomes",
                 "flagged_items", "monthly_kpis"):
        assert models[mart]["schema"] == "marts"
    assert models["stg_platform__members"]["schema"] == "staging"
    assert not (tmp_path / "absent.duckdb").exists()


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
