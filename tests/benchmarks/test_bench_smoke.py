"""The benchmark counts what it claims: a tiny province through generate, bare DuckDB and ingest (dbt and GE are
measured too in `make bench`, but cost a minute of fixed overhead, so they are left out here)."""

import json

from benchmarks.ingest_build import main


def test_bench_counts_every_generated_row(tmp_path):
    assert main(["--scales", "0.05", "--home", str(tmp_path), "--stages", "generate", "bare_duckdb", "ingest"]) == 0

    run = json.loads((tmp_path / "bench" / "results.json").read_text())
    (scale,) = run["scales"]
    stages = {s["stage"]: s for s in scale["stages"]}
    generated = stages["generate"]["detail"]["rows_by_record_type"]  # the generator's own count, per record type
    ingest, bare = stages["ingest"], stages["bare_duckdb"]

    # Our loader received every generated row, and each one either loaded or went to quarantine.
    assert ingest["rows"] == stages["generate"]["rows"] == sum(generated.values())
    assert ingest["detail"]["rows_loaded"] + ingest["detail"]["rows_quarantined"] == ingest["rows"]
    assert ingest["detail"]["refused_files"] == []
    # DuckDB alone loaded every row but those of the one XLSX file, which it cannot read here.
    assert bare["detail"]["skipped_files"] == ["policy_documents.xlsx"]
    assert bare["rows"] == sum(generated.values()) - generated["policy_documents"]
    assert scale["comparison"]["skipped_rows"] == generated["policy_documents"]
    # The ratio is ours over bare DuckDB's rows per second.
    assert scale["comparison"]["ratio"] == round(ingest["rows_per_second"] / bare["rows_per_second"], 4)
    assert (tmp_path / "bench" / "results.md").read_text().count("| ingest |") == 1
