"""The incremental extract from the platform's PostgreSQL database (ingest/extract.py).

A platform database of its own holds the contract's `members` table (ingest.extract.platform_ddl); each test
writes a few hand-made rows, extracts into a fresh warehouse (DuckDB and PostgreSQL alike) and checks row by row
what was loaded, quarantined, skipped and found deleted."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from ingest.contract import RECORD_TYPES
from ingest.extract import extract_platform, platform_ddl
from ingest.warehouse import DuckDBWarehouse, PostgresWarehouse, Warehouse
from pg_testing import temporary_database

KEY = b"test-hash-key"
T = datetime(2026, 11, 2, 8, 0)  # platform time of the first changes
COLUMNS = ["member_id", "kind", "display_name", "phone", "email", "citizen_id", "address", "registered_at",
           "status", "status_reason", "updated_at"]


def member(member_id: str, minutes: int, name: str = "Nguyễn Văn An", citizen_id: str | None = "079123456789",
           status: str = "active") -> tuple:
    return (member_id, "producer", name, "0912 345 678", None, citizen_id, "Phường 1, TP. Đà Lạt, Lâm Đồng",
            datetime(2026, 1, 5, 9, 0), status, None, T + timedelta(minutes=minutes))


@pytest.fixture(scope="module")
def platform_server():
    with temporary_database("platform") as server:
        yield server


@pytest.fixture
def platform(platform_server):
    """A connection to the platform (autocommit) with an empty members table; `write(*rows)` inserts."""
    import psycopg

    with psycopg.connect(autocommit=True, **platform_server.connect_kwargs()) as connection:
        connection.execute("drop table if exists public.members")
        connection.execute(platform_ddl(RECORD_TYPES["members"]))
        yield connection


def write(connection, *rows: tuple) -> None:
    marks = ", ".join(["%s"] * len(COLUMNS))
    for row in rows:
        connection.execute(f"insert into members ({', '.join(COLUMNS)}) values ({marks})", row)


@pytest.fixture(params=["duckdb", "postgres"])
def warehouse(request, tmp_path):
    if request.param == "duckdb":
        wh = DuckDBWarehouse(tmp_path / "warehouse.duckdb")
        yield wh
        wh.close()
        return
    with temporary_database("extract_wh") as server:
        wh = PostgresWarehouse(server.connect_kwargs(), server.display())
        yield wh
        wh.close()


def extract(warehouse: Warehouse, server, overlap=timedelta(minutes=10)):
    return extract_platform(warehouse, server.connect_kwargs(), server.display(), KEY, overlap=overlap,
                            record_types=["members"], progress=lambda *_: None)


def loaded(warehouse: Warehouse) -> list[tuple]:
    """(member_id, updated_at, display_name) of raw.members, in order."""
    return sorted(warehouse.execute("select member_id, updated_at, display_name from raw.members"))


def test_first_extract_loads_valid_rows_and_quarantines_bad_ones(warehouse, platform, platform_server):
    write(platform, member("M1", 0), member("M2", 1), member("M3", 2, citizen_id="12345"))
    [table] = extract(warehouse, platform_server)
    batch = table.batch
    assert (batch.status, batch.rows_received, batch.rows_loaded, batch.rows_quarantined) == ("loaded", 3, 2, 1)
    assert batch.source_file == "postgres:public.members@1900-01-01T00:00:00"
    assert loaded(warehouse) == [("M1", T, "Nguyễn Văn An"), ("M2", T + timedelta(minutes=1), "Nguyễn Văn An")]
    assert warehouse.execute("select field, line from raw.quarantine") == [("citizen_id", 3)]
    # personal values arrive hashed, as from a file: the clear phone number is nowhere in the warehouse
    assert warehouse.execute("select count(*) from raw.members where phone_hash is not null")[0][0] == 2
    assert "0912" not in repr(warehouse.execute("select * from raw.members"))
    assert warehouse.execute("select record_type, watermark from raw.extract_state") == [
        ("members", T + timedelta(minutes=2))]


def test_a_rerun_without_changes_loads_nothing_again(warehouse, platform, platform_server):
    write(platform, member("M1", 0), member("M2", 1), member("M3", 2, citizen_id="12345"))
    extract(warehouse, platform_server)
    [table] = extract(warehouse, platform_server)
    assert table.batch is None and (table.fetched, table.skipped) == (3, 3)  # the overlap re-reads all three
    assert len(loaded(warehouse)) == 2
    assert warehouse.execute("select count(*) from raw.quarantine")[0][0] == 1
    assert warehouse.execute("select count(*) from raw.batch_log")[0][0] == 1


@pytest.mark.parametrize("overlap_minutes, caught", [(10, True), (0, False)])
def test_a_row_updated_while_the_extract_runs_is_caught_by_the_overlap(
        warehouse, platform, platform_server, overlap_minutes, caught):
    """M1 is stamped 08:10 by a transaction that commits only after an extract has seen M9, stamped 08:12 and
    committed at once: that extract moves its mark to 08:12. The next one finds M1 only thanks to the overlap."""
    import psycopg

    overlap = timedelta(minutes=overlap_minutes)
    write(platform, member("M1", 0), member("M2", 5))
    extract(warehouse, platform_server, overlap)
    with psycopg.connect(**platform_server.connect_kwargs()) as slow:  # a transaction still open
        slow.execute("update members set display_name = 'Trần Thị Bình', updated_at = %s where member_id = 'M1'",
                     [T + timedelta(minutes=10)])
        write(platform, member("M9", 12))
        [during] = extract(warehouse, platform_server, overlap)
        slow.commit()
    assert during.batch.rows_loaded == 1 and during.new_watermark == T + timedelta(minutes=12)
    [after] = extract(warehouse, platform_server, overlap)
    expected = [("M1", T, "Nguyễn Văn An"), ("M2", T + timedelta(minutes=5), "Nguyễn Văn An"),
                ("M9", T + timedelta(minutes=12), "Nguyễn Văn An")]
    if caught:
        expected.insert(1, ("M1", T + timedelta(minutes=10), "Trần Thị Bình"))
        assert (after.batch.rows_loaded, after.skipped) == (1, 2)  # M2 (08:05) and M9 re-read, not re-loaded
    else:
        assert after.batch is None  # missed for ever: the reason for the overlap
    assert loaded(warehouse) == expected


def test_a_deletion_is_detected_once(warehouse, platform, platform_server):
    write(platform, member("M1", 0), member("M2", 1), member("M3", 2))
    extract(warehouse, platform_server)
    platform.execute("delete from members where member_id = 'M2'")
    [table] = extract(warehouse, platform_server)
    assert table.deleted == ["M2"] and table.batch.rows_received == 0
    extract(warehouse, platform_server)
    assert warehouse.execute("select record_type, record_id from raw.extract_deletions") == [("members", "M2")]
    assert len(loaded(warehouse)) == 3  # the history stays; the deletion is recorded beside it


def test_a_crash_between_fetch_and_commit_loads_each_change_exactly_once(
        warehouse, platform, platform_server, monkeypatch):
    write(platform, member("M1", 0), member("M2", 1))
    extract(warehouse, platform_server)
    write(platform, member("M3", 3))
    platform.execute("update members set display_name = 'Lê Văn Cường', updated_at = %s where member_id = 'M1'",
                     [T + timedelta(minutes=4)])

    def crash(self, values):  # the rows are fetched and written, the batch not yet committed: the process dies
        raise SystemExit("killed")

    with monkeypatch.context() as patch:
        patch.setattr(type(warehouse), "log_batch", crash)
        with pytest.raises(SystemExit):
            extract(warehouse, platform_server)
    assert len(loaded(warehouse)) == 2  # rolled back: rows, changes and mark alike
    assert warehouse.execute("select max(watermark) from raw.extract_state")[0][0] == T + timedelta(minutes=1)
    [table] = extract(warehouse, platform_server)
    assert (table.batch.rows_loaded, table.skipped) == (2, 1)
    [again] = extract(warehouse, platform_server)
    assert again.batch is None
    assert loaded(warehouse) == [("M1", T, "Nguyễn Văn An"), ("M1", T + timedelta(minutes=4), "Lê Văn Cường"),
                                 ("M2", T + timedelta(minutes=1), "Nguyễn Văn An"),
                                 ("M3", T + timedelta(minutes=3), "Nguyễn Văn An")]
    received, loaded_rows = warehouse.execute(
        "select sum(rows_received), sum(rows_loaded) from raw.batch_log where status = 'loaded'")[0]
    assert (received, loaded_rows) == (4, 4)


def test_the_command_and_the_dagster_job_extract_into_the_home(platform, platform_server, tmp_path, monkeypatch):
    """`giamsat extract` and `platform_extract_job` read GIAMSAT_PLATFORM_DB (here a DuckDB home)."""
    from click.testing import CliRunner

    from pipelines.cli import main
    from pipelines.definitions import build_definitions
    from pipelines.ingest import open_warehouse
    from pipelines.settings import load_settings

    conninfo = " ".join(f"{k}={v}" for k, v in platform_server.connect_kwargs().items())
    monkeypatch.setenv("WAREHOUSE", "duckdb")
    monkeypatch.setenv("GIAMSAT_PLATFORM_DB", conninfo)
    write(platform, member("M1", 0), member("M2", 1))
    result = CliRunner().invoke(main, ["extract", "--home", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"Trích xuất từ {platform_server.display()} vào {tmp_path / 'warehouse.duckdb'}" in result.output
    assert "ĐÃ NẠP   postgres:public.members@1900-01-01T00:00:00 [members]: nhận 2, nạp 2, cách ly 0" in result.output
    write(platform, member("M3", 2))
    job = build_definitions(home=str(tmp_path)).resolve_job_def("platform_extract_job")
    assert job.execute_in_process().success
    with open_warehouse(load_settings(tmp_path), read_only=True) as warehouse:
        assert [m for m, _, _ in loaded(warehouse)] == ["M1", "M2", "M3"]
        assert warehouse.execute("select count(*) from raw.batch_log where status = 'loaded'") == [(2,)]
