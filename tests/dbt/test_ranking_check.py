"""The compliance part of the facility ranking against the UK hygiene ratings (pipelines/ranking_check.py).

The FHRS dataset goes through the pipeline's own path (the adapter and the contract into raw, then the dbt models
up to facility_rankings; `giamsat run --source fhrs` adds the checks, exports and report); the expected counts
come from the published CSV with the csv module."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from dbt_commands import DUCKDB_ENV, run_dbt
from ingest.adapters import ADAPTERS
from ingest.loader import Source, ingest_source
from ingest.warehouse import DuckDBWarehouse
from pipelines.ranking_check import DOCS, END_MARKER, START_MARKER, RankingCheck, docs_section, measure, write_docs
from pipelines.settings import load_settings

# measured 0.977 on the Oxford extract (docs/ranking.md); the test allows a little less, not a regression
MINIMUM_SPEARMAN = 0.97


@pytest.fixture(scope="module")
def fhrs_check(shared_data, tmp_path_factory) -> RankingCheck:
    settings = load_settings(tmp_path_factory.mktemp("fhrs"))
    # what `giamsat load-dataset fhrs` does (pipelines.ingest.load), without importing Dagster
    warehouse = DuckDBWarehouse(settings.duckdb_path)
    try:
        results = [ingest_source(warehouse, Source(s.name, s.record_type, s.checksum, s.rows_factory()),
                                 settings.hash_key(), progress=lambda *_: None)
                   for s in ADAPTERS["fhrs"](shared_data)]
    finally:
        warehouse.close()
    assert {r.status for r in results} == {"loaded"}
    # the warehouse file of the home, named relative to it (dbt runs in the home)
    assert settings.duckdb_path == settings.home / DUCKDB_ENV["GIAMSAT_DUCKDB_PATH"]
    run_dbt(["build", "--select", "+facility_rankings", "--exclude", "resource_type:test"], settings.home, DUCKDB_ENV)
    return measure(settings)


def test_compliance_ranks_like_the_official_rating(fhrs_check, shared_data):
    with open(shared_data / "uk_fsa_fhrs_oxford" / "fhrs_oxford_flat.csv", encoding="utf-8-sig") as handle:
        rated = [r for r in csv.DictReader(handle) if r["RatingDate"] and r["RatingValue"].isdigit()]
    # every establishment with a 0-5 rating is approved and ranked in the extract's last month, October 2020
    assert (fhrs_check.month, fhrs_check.establishments) == (date(2020, 10, 1), len(rated)) == (date(2020, 10, 1), 1271)
    assert fhrs_check.spearman >= MINIMUM_SPEARMAN
    # the inspection findings are what makes the part follow the rating: results alone rank far worse
    assert fhrs_check.spearman_without_findings < 0.5


def test_docs_carry_the_measured_figures(fhrs_check):
    assert docs_section(fhrs_check) in DOCS.read_text(encoding="utf-8"), \
        "run: python -m pipelines.ranking_check --home <a home built with --source fhrs> --write-docs"


def test_write_docs_replaces_only_its_section(tmp_path):
    path = tmp_path / "ranking.md"
    path.write_text(f"# Xếp hạng\n\ntrước\n{START_MARKER}\ncũ\n{END_MARKER}\nsau\n", encoding="utf-8")
    check = RankingCheck(month=date(2020, 10, 1), establishments=1271, spearman=0.97712,
                         spearman_without_findings=0.41)
    write_docs(check, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Xếp hạng\n\ntrước\n") and text.endswith(f"{END_MARKER}\nsau\n")
    assert "**0,977**" in text and "0,410" in text and "1.271 cơ sở" in text and "cũ" not in text


def test_a_home_without_official_ratings_is_one_vietnamese_line_and_exit_1(tmp_path):
    """A warehouse built from other data (the sample province has no FHRS rating): nothing is measured."""
    import duckdb
    from click.testing import CliRunner

    from pipelines.cli import main

    settings = load_settings(tmp_path)
    with duckdb.connect(str(settings.duckdb_path)) as connection:
        connection.execute("create schema marts; create schema staging")
        connection.execute("create table marts.facility_rankings (establishment_id varchar, month date, "
                           "compliance_score double, violations_weighted double, inspections_weighted double)")
        connection.execute("insert into marts.facility_rankings values ('E1', '2026-11-01', 90, 5, 5)")
        connection.execute("create table staging.stg_platform__inspections (inspection_id varchar, "
                           "establishment_id varchar, inspected_on date, rating integer)")
        connection.execute("insert into staging.stg_platform__inspections values ('I1', 'E1', '2026-11-02', null)")
    result = CliRunner().invoke(main, ["ranking-check", "--home", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Không đo được: {settings.warehouse_location()}: 0 cơ sở có xếp hạng và xếp hạng vệ sinh chính thức (FHRS), "
        f"cần ít nhất 3: xây kho từ bộ dữ liệu FHRS trước (giamsat run --source fhrs --home {tmp_path})"]
