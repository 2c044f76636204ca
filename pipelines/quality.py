"""Data-quality checks: the Great Expectations suites of expectations/ run as Dagster asset checks.

Every raw, staging and mart table has two checks: `quality_errors` (blocking: when it fails, with severity
ERROR, what depends on the table in the run does not materialise) and `quality_warnings` (severity WARN:
recorded and shown in the UI, nothing stops). Their description names the table, each failing expectation,
its count and a sample of failing rows; the metadata holds the same as data.

What "depends" means here: the raw checks run before dbt, so a raw error stops the whole dbt build; dbt builds
staging, intermediate and marts in one step, so the staging and mart checks run after it and stop what reads
the marts (the queue export, the monthly report). Inside dbt, its own tests stop dependent models.
"""

from __future__ import annotations

from dagster import AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, AssetKey, multi_asset_check

from expectations.runner import GxValidator, run_suite
from expectations.suites import ERROR, WARNING, Suite, model_suites, raw_suites
from pipelines.ingest import open_warehouse
from pipelines.resources import WarehouseResource, dbt_project
from pipelines.transform import flag_models

ERRORS, WARNINGS = "quality_errors", "quality_warnings"
RAW_SUITES = raw_suites()
MODEL_SUITES = model_suites(dbt_project.manifest_path)
# One check definition per dbt asset definition: a check over both would have to wait for flag_models, which
# waits for the spam scorer, which waits for the checks of the staging reviews: a cycle.
FLAG_KEYS = {tuple(key.path) for key in flag_models.keys}
WAREHOUSE_SUITES = [suite for suite in MODEL_SUITES if tuple(suite.asset_key) not in FLAG_KEYS]
FLAG_SUITES = [suite for suite in MODEL_SUITES if tuple(suite.asset_key) in FLAG_KEYS]


def _specs(suites: list[Suite], what: str) -> list[AssetCheckSpec]:
    specs = []
    for suite in suites:
        key = AssetKey(suite.asset_key)
        specs.append(AssetCheckSpec(ERRORS, asset=key, blocking=True,
                                    description=f"{what}: errors (blocking) — schema, required fields, allowed "
                                                f"values, ranges, uniqueness, references"))
        specs.append(AssetCheckSpec(WARNINGS, asset=key, description=f"{what}: warnings — freshness"))
    return specs


def _results(warehouse: WarehouseResource, suites: list[Suite]):
    connection = open_warehouse(warehouse.settings())
    validator = GxValidator()
    try:
        for suite in suites:
            outcome = run_suite(connection, suite, validator)
            for name, severity, dagster_severity in ((ERRORS, ERROR, AssetCheckSeverity.ERROR),
                                                     (WARNINGS, WARNING, AssetCheckSeverity.WARN)):
                yield AssetCheckResult(asset_key=AssetKey(suite.asset_key), check_name=name,
                                       passed=outcome.passed(severity), severity=dagster_severity,
                                       description=outcome.description(severity)[:4000],
                                       metadata=outcome.metadata(severity))
    finally:
        connection.close()


@multi_asset_check(specs=_specs(RAW_SUITES, "Input contract"), name="raw_contract_checks")
def raw_contract_checks(warehouse: WarehouseResource):
    """A raw row that breaks the contract means something bypassed ingestion's validation: an error."""
    yield from _results(warehouse, RAW_SUITES)


@multi_asset_check(specs=_specs(WAREHOUSE_SUITES, "dbt declarations"), name="model_quality_checks")
def model_quality_checks(warehouse: WarehouseResource):
    """The staging and mart tables against what the dbt project declares of them, plus ranges and freshness."""
    yield from _results(warehouse, WAREHOUSE_SUITES)


@multi_asset_check(specs=_specs(FLAG_SUITES, "dbt declarations"), name="flag_quality_checks")
def flag_quality_checks(warehouse: WarehouseResource):
    """The same for the tables built after the spam scorer (the flag queue and what reads it)."""
    yield from _results(warehouse, FLAG_SUITES)
