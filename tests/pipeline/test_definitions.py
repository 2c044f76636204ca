"""The Dagster code location: it loads, and its asset keys cannot change silently."""

from pathlib import Path

from dagster import AssetKey

from ingest.contract import RECORD_TYPES
from pipelines.definitions import defs

SNAPSHOT = Path(__file__).with_name("asset_keys.txt")


def current_keys() -> list[str]:
    return sorted("/".join(key.path) for key in defs.resolve_asset_graph().get_all_asset_keys())


def test_asset_keys_match_the_snapshot():
    """Regenerate asset_keys.txt deliberately when a table is added or renamed."""
    assert current_keys() == SNAPSHOT.read_text().split()


def test_every_record_type_has_a_raw_asset_and_a_contract_check():
    graph = defs.resolve_asset_graph()
    for name in RECORD_TYPES:
        key = AssetKey(["raw", name])
        assert key in graph.get_all_asset_keys()
        assert any(check.asset_key == key for check in graph.asset_check_keys)


def test_the_required_marts_are_assets_downstream_of_raw():
    graph = defs.resolve_asset_graph()
    for mart in ("facility_rankings", "approval_throughput", "violation_statistics", "flagged_items"):
        upstream = graph.get(AssetKey(["marts", mart])).parent_keys
        assert upstream, mart
    assert AssetKey(["raw", "listings"]) in graph.get_all_asset_keys()


def test_automation_is_declared():
    assert {s.name for s in defs.sensors} == {"landing_sensor"}
    schedule = next(s for s in defs.schedules if s.name == "daily_rebuild")
    assert (schedule.name, schedule.cron_schedule, schedule.execution_timezone) == \
        ("daily_rebuild", "0 2 * * *", "Asia/Ho_Chi_Minh")


def test_quality_checks_block_on_errors_and_record_warnings():
    """Every raw, staging and mart table has a blocking error check and a non-blocking warning check."""
    graph = defs.resolve_asset_graph()
    specs = {(spec.asset_key, spec.name): spec for checks in defs.asset_checks for spec in checks.check_specs}
    tables = [AssetKey(["raw", name]) for name in RECORD_TYPES] + [
        key for key in graph.get_all_asset_keys() if key.path[0] in ("staging", "marts")]
    for key in tables:
        assert specs[(key, "quality_errors")].blocking, key
        assert not specs[(key, "quality_warnings")].blocking, key
    assert not any(key.path[0] == "intermediate" for key, _ in specs)
