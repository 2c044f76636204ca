"""Fixtures of the ingestion tests: a fresh DuckDB warehouse per test."""

from __future__ import annotations

import pytest

from ingest.warehouse import DuckDBWarehouse


@pytest.fixture
def warehouse(tmp_path):
    with DuckDBWarehouse(tmp_path / "warehouse.duckdb") as w:
        yield w
