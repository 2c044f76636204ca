"""The hand-made warehouse (marts_fixture.py) and the fixture month's reports, built once per session."""

from pathlib import Path

import pytest

import marts_fixture
from pipelines.reports import build_report
from pipelines.settings import load_settings


@pytest.fixture(scope="session")
def report_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("report_home")
    marts_fixture.build(home / "warehouse.duckdb")
    return home


@pytest.fixture(scope="session")
def settings(report_home):
    return load_settings(report_home)


@pytest.fixture(scope="session")
def manifest(settings) -> dict:
    """The fixture month's reports: {'month', 'month_label', 'reports': [{key, name, label, pdf, xlsx, …}]}."""
    return build_report(settings, settings.reports, marts_fixture.MONTH)


@pytest.fixture(scope="session")
def reports(manifest) -> dict[str, dict]:
    """The manifest's reports by scope key: 'tinh-68', 'tinh-01', 'ORG_YT', 'ORG_CT', 'ORG_HN'."""
    return {report["key"]: report for report in manifest["reports"]}
