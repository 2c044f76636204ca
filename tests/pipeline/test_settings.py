"""WAREHOUSE and the libpq variables: a wrong value is a message, and no password reaches the screen or a log."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipelines.cli import main
from pipelines.settings import load_settings

SECRET = "S3cr3t-kh0ng-in-ra"


@pytest.fixture
def postgres_env(monkeypatch):
    for name, value in {"WAREHOUSE": "postgres", "PGHOST": "127.0.0.1", "PGPORT": "1", "PGDATABASE": "kho",
                        "PGUSER": "giamsat_loader", "PGPASSWORD": SECRET}.items():
        monkeypatch.setenv(name, value)


def test_the_connection_string_is_shown_without_its_password(postgres_env, tmp_path):
    settings = load_settings(tmp_path)
    assert settings.warehouse_location() == "postgresql://giamsat_loader@127.0.0.1:1/kho"
    assert SECRET not in repr(settings) and SECRET not in repr(settings.postgres)
    assert settings.postgres.connect_kwargs()["password"] == SECRET  # still handed to libpq
    assert settings.dbt_env()["PGPASSWORD"] == SECRET and settings.dbt_env()["DBT_TARGET"] == "postgres"


@pytest.mark.parametrize("command", [["export-flags"], ["report"], ["ingest", "."], ["run", "--source", "landing"]])
def test_an_unreachable_server_is_a_message_without_password_or_traceback(postgres_env, tmp_path, command):
    result = CliRunner().invoke(main, [*command, "--home", str(tmp_path)])
    assert result.exit_code == 1
    assert "Không kết nối được kho PostgreSQL postgresql://giamsat_loader@127.0.0.1:1/kho" in result.output
    assert SECRET not in result.output and "Traceback" not in result.output


def test_the_platform_connection_is_shown_without_its_password(postgres_env, tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE", "duckdb")
    monkeypatch.setenv("GIAMSAT_PLATFORM_DB", f"host=127.0.0.1 port=1 dbname=san user=doc password={SECRET}")
    result = CliRunner().invoke(main, ["extract", "--home", str(tmp_path)])
    assert result.exit_code == 1
    assert "Không kết nối được cơ sở dữ liệu của sàn postgresql://doc@127.0.0.1:1/san" in result.output
    assert SECRET not in result.output and "Traceback" not in result.output


def test_a_malformed_platform_connection_string_is_not_echoed(tmp_path, monkeypatch):
    monkeypatch.setenv("GIAMSAT_PLATFORM_DB", f"host=127.0.0.1 password='{SECRET}")  # unclosed quote
    result = CliRunner().invoke(main, ["extract", "--home", str(tmp_path)])
    assert result.exit_code == 1 and "GIAMSAT_PLATFORM_DB không hợp lệ" in result.output
    assert SECRET not in result.output and "Traceback" not in result.output


def test_extract_without_a_platform_database_says_what_to_set(tmp_path, monkeypatch):
    monkeypatch.delenv("GIAMSAT_PLATFORM_DB", raising=False)
    result = CliRunner().invoke(main, ["extract", "--home", str(tmp_path)])
    assert result.exit_code == 1 and "GIAMSAT_PLATFORM_DB" in result.output and "Traceback" not in result.output


def test_an_unknown_warehouse_is_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE", "oracle")
    result = CliRunner().invoke(main, ["report", "--home", str(tmp_path)])
    assert result.exit_code == 1
    assert "WAREHOUSE='oracle' không hợp lệ: chọn duckdb" in result.output and "Traceback" not in result.output


def test_create_roles_needs_postgres(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE", "duckdb")
    result = CliRunner().invoke(main, ["create-roles"])
    assert result.exit_code == 1 and "chỉ có trên PostgreSQL" in result.output
