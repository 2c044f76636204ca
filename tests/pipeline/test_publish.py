"""The published copy of the warehouse that Superset reads: swapped in whole, never half-written, and a reader
that has the old copy open keeps reading it while the new one is swapped in."""

from pathlib import Path

import duckdb

from pipelines.publish import publish_duckdb


def warehouse_with(path: Path, rows: int) -> None:
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema if not exists marts")
        connection.execute("create or replace table marts.t as select range as id from range(?)", [rows])


def count(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute("select count(*) from marts.t").fetchone()[0]


def test_the_copy_has_what_the_warehouse_has_and_leaves_no_temporary_file(tmp_path):
    source, target = tmp_path / "warehouse.duckdb", tmp_path / "published" / "warehouse.duckdb"
    warehouse_with(source, 7)
    publish_duckdb(source, target)
    assert count(target) == 7
    assert sorted(p.name for p in target.parent.iterdir()) == ["warehouse.duckdb"]


def test_an_open_reader_keeps_the_old_copy_and_the_next_one_sees_the_new(tmp_path):
    source, target = tmp_path / "warehouse.duckdb", tmp_path / "published" / "warehouse.duckdb"
    warehouse_with(source, 3)
    publish_duckdb(source, target)
    with duckdb.connect(str(target), read_only=True) as reader:  # a dashboard query in flight
        warehouse_with(source, 5)
        publish_duckdb(source, target)  # the writer is not blocked by the reader
        assert reader.execute("select count(*) from marts.t").fetchone()[0] == 3
    assert count(target) == 5
