"""Data-quality checks: Great Expectations suites on the raw tables, run as Dagster asset checks."""


from dagster import AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, AssetKey, multi_asset_check

from expectations.runner import run_suite
from expectations.suites import raw_expectations
from ingest.contract import RECORD_TYPES
from pipelines.ingest import open_warehouse
from pipelines.resources import WarehouseResource

CHECK_NAME = "contract_expectations"

RAW_CHECK_SPECS = [
    AssetCheckSpec(CHECK_NAME, asset=AssetKey(["raw", name]),
                   description="Schema, required fields, allowed values and ranges of the input contract")
    for name in RECORD_TYPES
]


@multi_asset_check(specs=RAW_CHECK_SPECS, name="raw_contract_checks")
def raw_contract_checks(warehouse: WarehouseResource):
    """A raw row that breaks the contract means something bypassed ingestion's validation: an error."""
    connection = open_warehouse(warehouse.settings())
    try:
        for name, record_type in RECORD_TYPES.items():
            frame = connection.read_frame(f"select * from raw.{name}")
            outcome = run_suite(f"raw.{name}", raw_expectations(record_type), frame)
            yield AssetCheckResult(asset_key=AssetKey(["raw", name]), check_name=CHECK_NAME,
                                   passed=outcome.passed, severity=AssetCheckSeverity.ERROR,
                                   metadata=outcome.metadata())
    finally:
        connection.close()
