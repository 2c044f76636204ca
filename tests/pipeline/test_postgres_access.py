"""The four access roles on PostgreSQL (pipelines/access.py), each connecting for itself.

A database and roles of the test's own: the loader ingests a members file (one row quarantined), the transformer
builds a staging table and two marts from it (one with a personal column, as marts.member_history has), and
each role then tries what it may and may not read or write."""

from __future__ import annotations

import pytest

from ingest.loader import ingest_path
from ingest.warehouse import PostgresWarehouse
from pg_testing import admin_server, drop_roles, temporary_database, unique_name
from pipelines.access import create_roles, personal_columns, refresh_reader_grants, role_names
from pipelines.settings import Settings

PREFIX = unique_name("roles")
MEMBERS_CSV = """member_id,kind,display_name,phone,email,citizen_id,address,registered_at,status,status_reason,updated_at
M1,producer,Nguyễn Văn An,0912345678,,079123456789,"P. 1, TP. Đà Lạt, Lâm Đồng",2026-01-05 09:00,active,,2026-11-02 08:00
M2,consumer,Trần Thị Bình,+84 912 345 679,binh@example.vn,,,2026-02-01 10:00,suspended,spam,2026-11-02 08:01
M3,trader,Lê Văn Cường,,,12345,,2026-03-01 11:00,active,,2026-11-02 08:02
"""


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """The test database with the roles created (twice: the command is idempotent) and filled as the loader and
    the transformer would; yields a function that connects as one of the roles."""
    names = role_names(PREFIX)
    try:
        with temporary_database("access") as admin:
            drop_roles(admin, list(names.values()))  # left over by a killed run of the same pid
            with PostgresWarehouse(admin.connect_kwargs(), admin.display(), read_only=True) as warehouse:
                create_roles(warehouse, PREFIX, admin.dbname)
                assert create_roles(warehouse, PREFIX, admin.dbname) == list(names.values())

            def connect(kind: str, read_only: bool = True) -> PostgresWarehouse:
                server = admin.with_database(admin.dbname, names[kind])
                return PostgresWarehouse(server.connect_kwargs(), server.display(), read_only=read_only)

            landing = tmp_path_factory.mktemp("access") / "members_2026-11.csv"
            landing.write_text(MEMBERS_CSV, encoding="utf-8")
            with connect("loader", read_only=False) as loader:  # creates the raw tables as the loader
                [batch] = ingest_path(loader, landing, b"key", progress=lambda *_: None)
                assert batch.status == "loaded", batch.message
                assert (batch.rows_loaded, batch.rows_quarantined) == (2, 1)
            with connect("transformer") as transformer:
                transformer.execute("create table staging.stg_members as select member_id, status, phone_hash "
                                    "from raw.members")
                transformer.execute("create table marts.member_statistics as select status, count(*) as members "
                                    "from staging.stg_members group by status")
                transformer.execute("create table marts.member_history as select member_id, status, phone_hash "
                                    "from staging.stg_members")
            settings = Settings(home=landing.parent, warehouse="postgres", role_prefix=PREFIX,
                                postgres=admin.with_database(admin.dbname, names["transformer"]))
            assert refresh_reader_grants(settings) == ["member_history"]  # what the transform asset runs
            yield connect
    finally:  # the roles live outside the database: drop them even when the set-up failed
        drop_roles(admin_server(), list(names.values()))


def can(connect, kind: str, sql: str) -> bool:
    import psycopg

    with connect(kind) as warehouse:
        try:
            warehouse.execute(sql)
            return True
        except psycopg.errors.InsufficientPrivilege:
            return False
        except psycopg.errors.ReadOnlySqlTransaction:
            return False


READS_MARTS = "select status, members from marts.member_statistics"
READS_HISTORY = "select member_id, status from marts.member_history"
READS_PERSONAL = "select phone_hash from marts.member_history"
READS_RAW = "select * from raw.members"
READS_QUARANTINE = "select * from raw.quarantine"
READS_BATCH_LOG = "select * from raw.batch_log"
READS_STAGING = "select * from staging.stg_members"
WRITES_MARTS = "create table marts.mine as select 1 as one"
WRITES_RAW = "insert into raw.batch_log (batch_id) values ('x')"


@pytest.mark.parametrize("kind", ["analyst", "dashboard"])
@pytest.mark.parametrize("sql, allowed", [
    (READS_MARTS, True), (READS_HISTORY, True), (READS_PERSONAL, False), (READS_RAW, False),
    (READS_QUARANTINE, False), (READS_BATCH_LOG, False), (READS_STAGING, False), (WRITES_MARTS, False),
    (WRITES_RAW, False),
], ids=["marts", "marts-without-personal", "personal-column", "raw", "quarantine", "batch-log", "staging",
        "write-marts", "write-raw"])
def test_readers_read_marts_only(database, kind, sql, allowed):
    assert can(database, kind, sql) is allowed


def test_an_analyst_reads_the_marts_figures(database):
    with database("analyst") as analyst:
        assert sorted(analyst.execute(READS_MARTS)) == [("active", 1), ("suspended", 1)]
        assert sorted(analyst.execute(READS_HISTORY)) == [("M1", "active"), ("M2", "suspended")]


def test_the_dashboard_role_has_a_statement_timeout(database):
    with database("dashboard") as dashboard:
        assert dashboard.execute("show statement_timeout") == [("1min",)]


@pytest.mark.parametrize("sql, allowed", [
    (READS_RAW, True), (READS_QUARANTINE, True), (WRITES_RAW, True), (READS_MARTS, False), (WRITES_MARTS, False),
    (READS_STAGING, False),
], ids=["raw", "quarantine", "write-raw", "marts", "write-marts", "staging"])
def test_the_loader_writes_raw_only(database, sql, allowed):
    assert can(database, "loader", sql) is allowed


@pytest.mark.parametrize("sql, allowed", [
    (READS_RAW, True), (READS_QUARANTINE, True), (READS_STAGING, True), (READS_PERSONAL, True),
    (WRITES_RAW, False),
], ids=["raw", "quarantine", "staging", "personal-column", "write-raw"])
def test_the_transformer_reads_raw_and_builds_the_rest(database, sql, allowed):
    assert can(database, "transformer", sql) is allowed


def test_personal_columns_are_the_contracts_personal_fields():
    assert {"phone", "phone_hash", "email_hash", "citizen_id_hash"} <= personal_columns()
    assert "display_name" not in personal_columns() and "member_id" not in personal_columns()
