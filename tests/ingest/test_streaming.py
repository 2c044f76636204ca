"""Large files stream: memory stays bounded whatever their size (correctness guards, not benchmarks)."""

from __future__ import annotations

import sys
import tracemalloc

from ingest import loader
from ingest.loader import ingest_path
from ingest.readers import read_file
from ingest_files import HASH_KEY


def write_incidents(path, rows: int):
    with path.open("w", encoding="utf-8") as f:
        f.write("incident_id,title,severity,reported_at,resolved_at,org_id,updated_at\n")
        for i in range(rows):
            f.write(f"I{i},Sự cố số {i} của hệ thống,low,05/01/2026 10:{i % 60:02d},,O{i % 7},2026-01-05 10:00\n")
    return path


def test_live_objects_stay_flat_over_a_300k_row_file(tmp_path, warehouse, monkeypatch):
    """Counted without tracemalloc (which would make this test five times slower): Python's live small
    objects, sampled every 25,000 rows. Holding the rows would add at least 8 per row (a dict and its
    strings); streaming adds one, the hash of each row's key kept for the duplicate check."""
    rows = 300_000
    path = write_incidents(tmp_path / "incidents_large.csv", rows)
    monkeypatch.setattr(loader, "PROGRESS_EVERY", 25_000)
    samples = []
    [result] = ingest_path(warehouse, path, HASH_KEY, progress=lambda line: samples.append(sys.getallocatedblocks()))

    assert (result.status, result.rows_loaded, result.rows_quarantined) == ("loaded", rows, 0)
    assert warehouse.execute("select count(*), count(distinct incident_id) from raw.incidents") == [(rows, rows)]
    growth_per_row = (samples[-2] - samples[0]) / (rows - 25_000)  # between the first and the last progress line
    print(f"growth {growth_per_row:.2f} blocks per row")
    assert growth_per_row < 1.5


def test_streaming_peak_memory_is_a_fraction_of_holding_the_file(tmp_path, warehouse, monkeypatch):
    path = write_incidents(tmp_path / "incidents.csv", 20_000)
    monkeypatch.setattr(loader, "CHUNK_ROWS", 1_000)
    ingest_path(warehouse, write_incidents(tmp_path / "incidents_warm_up.csv", 10), HASH_KEY,
                progress=lambda line: None)  # first-use imports are not the file's memory

    tracemalloc.start()
    try:
        [result] = ingest_path(warehouse, path, HASH_KEY, progress=lambda line: None)
        _, streaming_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        held = list(read_file(path)[1])
        _, holding_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert (result.rows_loaded, len(held)) == (20_000, 20_000)
    print(f"peak {streaming_peak / 1e6:.1f} MB streaming, {holding_peak / 1e6:.1f} MB holding")
    assert streaming_peak < holding_peak / 4, (streaming_peak, holding_peak)
