"""The measured stages. Each runs in a process of its own (`python -m benchmarks.stages STAGE --home DIR ...`)
and writes what it did, rows and seconds of work (imports excluded), to a JSON file; the parent process reads
the peak memory from the operating system when the process ends.

The stages of one scale share a home folder, in this order: generate (the sample province into the landing
folder), bare_duckdb (the same files loaded by DuckDB alone, into a database of its own), ingest (our loader,
which then moves the files to landing/archive), ge_checks, dbt_parse, dbt_build.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from pipelines.settings import DBT_PROJECT_DIR, Settings, load_settings

BARE_READERS = {  # how DuckDB alone reads each export format; XLSX needs the excel extension, not installed here
    ".csv": "read_csv('{path}')",
    ".jsonl": "read_json('{path}', format = 'newline_delimited')",
}
BUILT_SCHEMAS = ("staging", "intermediate", "marts")


def bench_dir(settings: Settings) -> Path:
    """Where the stages keep what is not the warehouse's own: the bare DuckDB file, dbt's target and logs."""
    return settings.home / "bench"


def raw_row_count(settings: Settings) -> int:
    import duckdb

    with duckdb.connect(str(settings.duckdb_path), read_only=True) as connection:
        tables = connection.execute("select table_name from information_schema.tables "
                                    "where table_schema = 'raw' and table_name not in ('batch_log', 'quarantine')")
        return sum(connection.execute(f"select count(*) from raw.{name}").fetchone()[0]
                   for (name,) in tables.fetchall())


def generate_stage(settings: Settings, scale: float) -> dict:
    from ingest.sample_province import generate

    began = time.monotonic()
    summary = generate(settings.landing, settings.home / "sample" / "ground_truth.csv", scale=scale)
    return {"rows": sum(summary["rows"].values()), "seconds": time.monotonic() - began,
            "rows_by_record_type": summary["rows"]}


def bare_duckdb_stage(settings: Settings, scale: float) -> dict:
    """Each landing file read by DuckDB's own reader (types sniffed) into a fresh table: the reference speed."""
    import duckdb

    database = bench_dir(settings) / "bare.duckdb"
    database.unlink(missing_ok=True)
    files, skipped = [], []
    began = time.monotonic()
    with duckdb.connect(str(database)) as connection:
        for number, path in enumerate(sorted(p for p in settings.landing.iterdir() if p.is_file())):
            reader = BARE_READERS.get(path.suffix)
            if reader is None:
                skipped.append(path.name)
                continue
            file_began = time.monotonic()
            source = reader.format(path=str(path).replace("'", "''"))
            table = f"file_{number:03d}"
            # One statement creates the table and inserts: a separate insert would sniff the file a second time.
            rows = connection.execute(f"create table {table} as select * from {source}").fetchone()[0]
            files.append({"file": path.name, "format": path.suffix[1:], "rows": rows,
                          "seconds": time.monotonic() - file_began})
    return {"rows": sum(f["rows"] for f in files), "seconds": time.monotonic() - began,
            "files": files, "skipped_files": skipped}


def ingest_stage(settings: Settings, scale: float) -> dict:
    """The landing folder through our loader, as `giamsat ingest DIR` runs it (without Dagster's imports, which
    would only add their own memory to the peak)."""
    from ingest.loader import ingest_path
    from ingest.warehouse import DuckDBWarehouse

    began = time.monotonic()
    with DuckDBWarehouse(settings.duckdb_path) as warehouse:
        results = ingest_path(warehouse, settings.landing, settings.hash_key())
    seconds = time.monotonic() - began
    files = [{"file": r.source_file, "format": Path(r.source_file).suffix[1:], "status": r.status,
              "rows": r.rows_received, "rows_loaded": r.rows_loaded, "rows_quarantined": r.rows_quarantined,
              "seconds": (r.finished_at - r.started_at).total_seconds()} for r in results]
    return {"rows": sum(f["rows"] for f in files), "seconds": seconds, "files": files,
            "rows_loaded": sum(f["rows_loaded"] for f in files),
            "rows_quarantined": sum(f["rows_quarantined"] for f in files),
            "refused_files": [r.source_file for r in results if r.status == "refused"]}


def ge_checks_stage(settings: Settings, scale: float) -> dict:
    """The Great Expectations suites on every raw table, the same asset check the main job runs."""
    from pipelines.quality import raw_contract_checks
    from pipelines.resources import WarehouseResource

    began = time.monotonic()
    outcomes = list(raw_contract_checks(warehouse=WarehouseResource(home=str(settings.home))))
    seconds = time.monotonic() - began
    return {"rows": raw_row_count(settings), "seconds": seconds,
            "failed_checks": [o.asset_key.to_user_string() for o in outcomes if not o.passed]}


def run_dbt(settings: Settings, command: str) -> tuple[int, float]:
    """The venv's dbt on this home's warehouse, with its own target and log folders (other dbt runs in the
    project folder do not disturb it, nor it them)."""
    folder = bench_dir(settings) / "dbt"
    arguments = [str(Path(sys.executable).parent / "dbt"), command, "--no-version-check",
                 "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
                 "--target-path", str(folder / "target"), "--log-path", str(folder / "logs")]
    began = time.monotonic()
    completed = subprocess.run(arguments, env=os.environ | settings.dbt_env(), check=False)
    return completed.returncode, time.monotonic() - began


def dbt_parse_stage(settings: Settings, scale: float) -> dict:
    """Reading the project, the same whatever the data: kept apart so that dbt_build measures the data work."""
    code, seconds = run_dbt(settings, "parse")
    return {"rows": None, "seconds": seconds, "dbt_exit_code": code}


def dbt_build_stage(settings: Settings, scale: float) -> dict:
    """Seeds, models and data tests; rows are the raw rows the build starts from."""
    import duckdb

    code, seconds = run_dbt(settings, "build")
    schemas = ", ".join(f"'{s}'" for s in BUILT_SCHEMAS)
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as connection:
        tables = connection.execute("select table_schema, table_name from information_schema.tables "
                                    f"where table_schema in ({schemas})").fetchall()
        rows_written = sum(connection.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in tables)
    return {"rows": raw_row_count(settings), "seconds": seconds, "dbt_exit_code": code,
            "tables_built": len(tables), "rows_written": rows_written}


STAGES = {
    "generate": generate_stage,
    "bare_duckdb": bare_duckdb_stage,
    "ingest": ingest_stage,
    "ge_checks": ge_checks_stage,
    "dbt_parse": dbt_parse_stage,
    "dbt_build": dbt_build_stage,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run one benchmark stage (called by benchmarks.ingest_build).")
    parser.add_argument("stage", choices=STAGES)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out", type=Path, required=True, help="JSON file for the stage's figures")
    args = parser.parse_args(argv)
    settings = load_settings(args.home)
    bench_dir(settings).mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(STAGES[args.stage](settings, args.scale), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
