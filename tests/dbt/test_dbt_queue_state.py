"""The review queue across runs (flagged_items is incremental): the fixture built on 20/04/2025, reviewers'
decisions and edits delivered, built again on 22/04/2025 (Vietnam time, var flag_run_at)."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pytest

import dbt_raw_fixture
from dbt_commands import DUCKDB_ENV, run_dbt
from dbt_raw_fixture import _event, _listing, _literal
from ingest.contract import RECORD_TYPES

FIRST_RUN, SECOND_RUN = datetime(2025, 4, 20, 8, 0), datetime(2025, 4, 22, 8, 0)


def _insert(connection, table: str, row: dict, line: int) -> None:
    columns = [name for name, _ in RECORD_TYPES[table].raw_columns()]
    metadata = {"_batch_id": "B_second", "_source_file": f"second/{table}.csv", "_line": line,
                "_loaded_at": datetime(2025, 4, 21, 12, 0), "_row_hash": f"second-{table}-{line}"}
    values = [_literal({**row, **metadata}.get(column)) for column in columns]
    connection.execute(f"insert into raw.{table} ({', '.join(columns)}) values ({', '.join(values)})")


def _build(work_dir, moment: datetime):
    run_dbt(["run", "--select", "+flagged_items", "--vars", f"{{flag_run_at: '{moment:%Y-%m-%d %H:%M:%S}'}}"],
            work_dir, DUCKDB_ENV)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("queue_state")
    path = work_dir / DUCKDB_ENV["GIAMSAT_DUCKDB_PATH"]
    with duckdb.connect(str(path)) as connection:
        dbt_raw_fixture.load(connection.execute)
    run_dbt(["seed"], work_dir, DUCKDB_ENV)
    _build(work_dir, FIRST_RUN)
    with duckdb.connect(str(path)) as connection:
        first = _queue(connection)
        # L12 (duplicate of L11) dismissed on the evidence of the first run; L3 dismissed, then edited by its
        # seller (a new version, still claiming VietGAP); L7 hidden by its seller: no longer live
        _insert(connection, "moderation_events", _event("EV_Q1", "flag", "listing:L12", "dismissed",
                                                        "2025-04-21 09:00"), 1)
        _insert(connection, "moderation_events", _event("EV_Q2", "flag", "listing:L3", "dismissed",
                                                        "2025-04-21 09:05"), 2)
        l3 = _listing("L3", "E2", "M2", "Cải thảo Trại Mát loại 1", "vegetables", 300000, "yen",
                      "2025-03-03 09:00", claims="vietgap")
        _insert(connection, "listings", {**l3, "updated_at": datetime(2025, 4, 21, 15, 0)}, 3)
        l7 = _listing("L7", "E4", "M4", "Bơ 034 Lâm Hà", "fruit", 50000, "kg", "2025-02-10 08:00", status="hidden")
        _insert(connection, "listings", {**l7, "updated_at": datetime(2025, 4, 21, 16, 0)}, 4)
    _build(work_dir, SECOND_RUN)
    with duckdb.connect(str(path), read_only=True) as connection:
        second = _queue(connection)
    return first, second


def test_a_queue_built_before_the_state_columns_is_carried_over(tmp_path):
    """A warehouse whose flagged_items predates the queue's state (no fingerprints, no decisions) builds on."""
    path = tmp_path / DUCKDB_ENV["GIAMSAT_DUCKDB_PATH"]
    with duckdb.connect(str(path)) as connection:
        dbt_raw_fixture.load(connection.execute)
    run_dbt(["seed"], tmp_path, DUCKDB_ENV)
    _build(tmp_path, FIRST_RUN)
    with duckdb.connect(str(path)) as connection:
        for column in ("decided_fingerprint", "decision_event_id", "evidence_fingerprint", "decision",
                       "decided_at", "decided_by"):
            connection.execute(f"alter table marts.flagged_items drop column {column}")
    _build(tmp_path, SECOND_RUN)
    with duckdb.connect(str(path), read_only=True) as connection:
        queue = _queue(connection)
    # the 27 of the rules on listings, reviews and accounts, and R_E1_01, K1, CM1 of the spam and food-safety rules
    assert len(queue) == 30 and queue[("listing", "L6")]["status"] == "confirmed"
    assert (queue[("listing", "L8")]["first_flagged_at"], queue[("listing", "L8")]["last_flagged_at"]) == (
        FIRST_RUN, SECOND_RUN)


def _queue(connection) -> dict[tuple, dict]:
    cursor = connection.execute("select * from marts.flagged_items")
    names = [c[0] for c in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    return {(r["object_type"], r["object_id"]): r for r in rows}


def test_an_item_still_flagged_stays_one_entry(two_runs):
    first, second = two_runs
    assert set(second) == set(first)  # nothing new, nothing dropped: one entry per item
    l6 = second[("listing", "L6")]
    assert (l6["first_flagged_at"], l6["last_flagged_at"]) == (FIRST_RUN, SECOND_RUN)
    assert l6["status"] == "confirmed"  # EV_F1 of the fixture
    assert first[("listing", "L8")]["status"] == second[("listing", "L8")]["status"] == "open"


def test_a_dismissed_item_is_not_flagged_again_on_the_same_evidence(two_runs):
    first, second = two_runs
    assert first[("listing", "L12")]["status"] == "open"
    l12 = second[("listing", "L12")]
    assert (l12["status"], l12["decision"], l12["decided_by"]) == ("dismissed", "dismissed", "S1")
    assert l12["decided_fingerprint"] == l12["evidence_fingerprint"] == first[("listing", "L12")]["evidence_fingerprint"]
    assert second[("listing", "L10")]["status"] == "dismissed"  # dismissed in the fixture, unchanged since


def test_an_edited_item_is_flagged_again_after_a_dismissal(two_runs):
    first, second = two_runs
    l3 = second[("listing", "L3")]
    assert (l3["status"], l3["decision"]) == ("open", "dismissed")
    assert l3["decided_fingerprint"] == first[("listing", "L3")]["evidence_fingerprint"] != l3["evidence_fingerprint"]
    assert l3["first_flagged_at"] == FIRST_RUN


def test_an_item_no_rule_flags_is_cleared_and_keeps_its_dates(two_runs):
    first, second = two_runs
    l7 = second[("listing", "L7")]
    assert l7["status"] == "cleared" and first[("listing", "L7")]["status"] == "open"
    assert (l7["first_flagged_at"], l7["last_flagged_at"]) == (FIRST_RUN, FIRST_RUN)
    assert l7["rule_codes"] == "unapproved_seller"
