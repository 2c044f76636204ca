"""The Great Expectations suites (expectations/) on the dbt fixture: clean as built, and each kind of fault
found, counted and sampled once planted in a copy."""

from __future__ import annotations

import shutil

import pytest

from expectations.runner import GxValidator, run_suite
from expectations.suites import ERROR, WARNING, model_suites, raw_suites
from ingest.contract import RECORD_TYPES
from ingest.warehouse import DuckDBWarehouse
from pipelines.resources import dbt_project


@pytest.fixture(scope="module")
def suites():
    return {s.table: s for s in raw_suites() + model_suites(dbt_project.manifest_path)}


@pytest.fixture(scope="module")
def validator():
    return GxValidator()


def test_every_raw_staging_and_mart_table_has_a_suite(suites):
    assert "raw.listings" in suites and "staging.stg_platform__listings" in suites
    assert "marts.flagged_items" in suites and "marts.flag_rule_precision" in suites
    assert not any(t.startswith("intermediate.") for t in suites)
    references = [c for c in suites["staging.stg_platform__listings"].sql_checks
                  if c.name == "expect_column_values_to_be_in_other_table"]
    assert {c.column for c in references} >= {"establishment_id -> staging.stg_platform__establishments.establishment_id"}


def test_the_fixture_passes_every_error_expectation(built_warehouse, suites, validator, tmp_path):
    path = tmp_path / "copy.duckdb"
    shutil.copy(built_warehouse, path)
    warehouse = DuckDBWarehouse(path)
    try:
        outcomes = {table: run_suite(warehouse, suite, validator) for table, suite in suites.items()}
    finally:
        warehouse.close()
    assert {t: o.description(ERROR) for t, o in outcomes.items() if not o.passed(ERROR)} == {}
    # the fixture was loaded "on" 2025-04-30: every raw and staging table with rows and a load time is stale, and
    # every raw table of the fixture has rows
    stale = {t for t, o in outcomes.items() if not o.passed(WARNING)}
    assert {f"raw.{name}" for name in RECORD_TYPES} <= stale and "staging.stg_platform__listings" in stale
    assert all(f.expectation == "expect_table_to_be_fresh" for o in outcomes.values() for f in o.failed(WARNING))


def test_planted_faults_are_counted_with_a_sample_of_their_rows(built_warehouse, suites, validator, tmp_path):
    path = tmp_path / "faulty.duckdb"
    shutil.copy(built_warehouse, path)
    warehouse = DuckDBWarehouse(path)
    try:
        warehouse.execute("update raw.reviews set rating = 9 where review_id in ('R_E3_01', 'R_E3_02')")
        warehouse.execute("update staging.stg_platform__listings set establishment_id = 'E404' where listing_id = 'L2'")
        warehouse.execute("insert into marts.flagged_items select * from marts.flagged_items where object_id = 'L6'")
        # batches of 7 rows: the counts add up across batches (memory bounded by the batch, not the table)
        reviews = run_suite(warehouse, suites["raw.reviews"], validator, batch_rows=7)
        listings = run_suite(warehouse, suites["staging.stg_platform__listings"], validator)
        queue = run_suite(warehouse, suites["marts.flagged_items"], validator)
    finally:
        warehouse.close()
    [rating] = reviews.failed(ERROR)
    assert (rating.expectation, rating.column, rating.failing_rows) == ("expect_column_values_to_be_between", "rating", 2)
    assert [row["review_id"] for row in rating.sample] == ["R_E3_01", "R_E3_02"] and rating.sample[0]["rating"] == "9"
    assert "raw.reviews: expect_column_values_to_be_between (rating): 2 dòng không đạt" in reviews.description(ERROR)
    # the project declares references as warnings (relationships with severity warn): recorded, not blocking
    [orphan] = [f for f in listings.failed(WARNING) if f.expectation == "expect_column_values_to_be_in_other_table"]
    assert orphan.failing_rows == 1 and orphan.sample == [{"establishment_id": "E404"}]
    duplicates = {f.column: f.failing_rows for f in queue.failed(ERROR)}
    assert duplicates == {"object_type, object_id": 1}
