"""Benchmark: generate, ingest and build the sample province at each scale, next to a bare DuckDB load.

    python -m benchmarks.ingest_build [--scales 1 10] [--home DIR]

For each scale, in a fresh home folder DIR/scale-<N>, each stage of benchmarks.stages runs in a process of its
own: rows, seconds of work (imports excluded), rows per second, and the peak resident memory of that process
(with its children: dbt) as the kernel reports it when the process ends. Ingestion is compared with DuckDB
loading the same files by itself (read_csv / read_json + insert into a fresh table) as a ratio of rows per
second. The table is printed at the end and written to DIR/bench/results.json and results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from benchmarks.stages import STAGES

DEFAULT_HOME = Path(tempfile.gettempdir()) / "giamsat-bench"
MARKER = ".giamsat-bench"  # a scale folder holding this was made by the benchmark and may be wiped
QUIET_TOOLS = {"DBT_VERSION_CHECK": "false", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
               "GX_ANALYTICS_ENABLED": "false", "WAREHOUSE": "duckdb"}
LABELS = {"generate": "generate", "bare_duckdb": "bare DuckDB load", "ingest": "ingest",
          "ge_checks": "GE checks", "dbt_parse": "dbt parse", "dbt_build": "dbt build"}


# ---------------------------------------------------------------------------------------------------------
# Running the stages
# ---------------------------------------------------------------------------------------------------------

def fresh_home(root: Path, scale: float) -> Path:
    home = root / f"scale-{scale:g}"
    if home.exists():
        if not (home / MARKER).exists():
            sys.exit(f"{home} exists and was not made by the benchmark: choose another --home")
        shutil.rmtree(home)
    home.mkdir(parents=True)
    (home / MARKER).touch()
    return home


def run_stage(stage: str, home: Path, scale: float) -> dict:
    """One stage in a child process; its peak RSS comes from wait4, the rusage of that child alone."""
    out = home / "bench" / f"{stage}.json"
    command = [sys.executable, "-m", "benchmarks.stages", stage, "--home", str(home), "--scale", str(scale),
               "--out", str(out)]
    load = os.getloadavg()[0]
    began = time.monotonic()
    child = subprocess.Popen(command, env=os.environ | QUIET_TOOLS)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - began
    if child.returncode != 0:
        raise RuntimeError(f"stage {stage} failed (exit code {child.returncode}); see its output above")
    figures = json.loads(out.read_text())
    rows, seconds = figures.pop("rows"), figures.pop("seconds")
    return {"stage": stage, "rows": rows, "seconds": round(seconds, 2), "wall_seconds": round(wall, 2),
            "rows_per_second": round(rows / seconds) if rows is not None and seconds > 0 else None,
            "peak_rss_mb": round(usage.ru_maxrss / 1024),  # Linux reports KiB
            "load_average_at_start": round(load, 2),
            "detail": figures}


def bench_scale(root: Path, scale: float, selected: list[str]) -> dict:
    home = fresh_home(root, scale)
    stages = []
    for number, stage in enumerate(selected, start=1):
        print(f"\n=== scale {scale:g} · {number}/{len(selected)} {LABELS[stage]} · {datetime.now():%H:%M:%S} ===",
              flush=True)
        try:
            stages.append(run_stage(stage, home, scale))
        except RuntimeError as error:  # later stages need this one: stop this scale, go on with the next
            print(error, file=sys.stderr)
            return {"scale": scale, "home": str(home), "stages": stages, "error": str(error)}
        last = stages[-1]
        print(f"--- {LABELS[stage]}: {_rows(last['rows'])} rows in {last['seconds']:.1f} s, "
              f"peak RSS {last['peak_rss_mb']} MB (load average {last['load_average_at_start']} at start)", flush=True)
    compared = {"ingest", "bare_duckdb"} <= set(selected)
    return {"scale": scale, "home": str(home), "stages": stages,
            "comparison": compare_with_bare(stages) if compared else None}


# ---------------------------------------------------------------------------------------------------------
# Ingest against bare DuckDB
# ---------------------------------------------------------------------------------------------------------

def compare_with_bare(stages: list[dict]) -> dict:
    """Our rows/s ÷ bare DuckDB rows/s, over the whole stage and per file format (from each file's own time)."""
    by_name = {s["stage"]: s for s in stages}
    ours, bare = by_name["ingest"], by_name["bare_duckdb"]
    formats = {}
    for fmt in sorted({f["format"] for f in bare["detail"]["files"]}):
        rates = [_rate([f for f in s["detail"]["files"] if f["format"] == fmt]) for s in (ours, bare)]
        formats[fmt] = {"ingest_rows_per_second": rates[0], "bare_rows_per_second": rates[1],
                        "ratio": round(rates[0] / rates[1], 4)}
    skipped = set(bare["detail"]["skipped_files"])
    return {"ratio": round(ours["rows_per_second"] / bare["rows_per_second"], 4), "by_format": formats,
            "skipped_by_bare": sorted(skipped),
            "skipped_rows": sum(f["rows"] for f in ours["detail"]["files"] if f["file"] in skipped),
            "slowest_ingest_files": sorted(({k: f[k] for k in ("file", "rows", "seconds")}
                                            for f in ours["detail"]["files"]),
                                           key=lambda f: -f["seconds"])[:5]}


def _rate(files: list[dict]) -> int:
    return round(sum(f["rows"] for f in files) / max(sum(f["seconds"] for f in files), 1e-9))


# ---------------------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------------------

def _rows(number: int | None) -> str:
    return "–" if number is None else f"{number:,}"


def markdown_table(result: dict) -> str:
    lines = ["| stage | rows | seconds | rows/s | peak RSS (MB) | process wall (s) |",
             "|---|---:|---:|---:|---:|---:|"]
    for s in result["stages"]:
        lines.append(f"| {LABELS[s['stage']]} | {_rows(s['rows'])} | {s['seconds']:.1f} | "
                     f"{_rows(s['rows_per_second'])} | {s['peak_rss_mb']:,} | {s['wall_seconds']:.1f} |")
    comparison = result.get("comparison")
    if comparison:
        per_format = ", ".join(f"{fmt.upper()} {c['ratio']:.3f}" for fmt, c in comparison["by_format"].items())
        lines.append("")
        lines.append(f"ingest ÷ bare DuckDB (rows/s): **{comparison['ratio']:.3f}** ({per_format}); "
                     f"bare DuckDB skipped {', '.join(comparison['skipped_by_bare']) or 'nothing'} "
                     f"({comparison['skipped_rows']:,} rows, no excel extension)")
    if result.get("error"):
        lines.append(f"\n**stopped:** {result['error']}")
    return "\n".join(lines)


def machine() -> dict:
    import duckdb

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {"cpus": os.cpu_count(), "memory_gb": round(memory / 2**30, 1), "platform": platform.platform(),
            "python": platform.python_version(), "duckdb": duckdb.__version__}


def write_results(root: Path, run: dict) -> Path:
    folder = root / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(json.dumps(run, ensure_ascii=False, indent=2))
    m = run["machine"]
    sections = [f"# Benchmark {run['started']}\n\n`{run['command']}` on {m['cpus']} CPUs, {m['memory_gb']} GB, "
                f"{m['platform']}, Python {m['python']}, DuckDB {m['duckdb']}; load average "
                f"{run['load_before']} before, {run['load_after']} after."]
    sections += [f"## Scale {r['scale']:g}\n\n{markdown_table(r)}" for r in run["scales"]]
    (folder / "results.md").write_text("\n\n".join(sections) + "\n")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", nargs="+", type=float, default=[1.0, 10.0],
                        help="sample-province scales to measure (default: 1 10)")
    parser.add_argument("--home", type=Path, default=DEFAULT_HOME,
                        help=f"working folder: one home per scale and bench/results.* (default: {DEFAULT_HOME})")
    parser.add_argument("--stages", nargs="+", choices=STAGES, default=list(STAGES),
                        help=f"stages to run, always in the order {' '.join(STAGES)}; each needs those before "
                             "it (bare_duckdb reads the landing files before ingest moves them to the archive)")
    args = parser.parse_args(argv)
    selected = [stage for stage in STAGES if stage in args.stages]
    root = args.home.resolve()
    arguments = sys.argv[1:] if argv is None else argv
    run = {"started": f"{datetime.now():%d/%m/%Y %H:%M}",
           "command": " ".join(["python -m benchmarks.ingest_build", *arguments]),
           "machine": machine(), "load_before": _load(), "scales": []}
    for scale in args.scales:
        run["scales"].append(bench_scale(root, scale, selected))
    run["load_after"] = _load()
    folder = write_results(root, run)
    for result in run["scales"]:
        print(f"\nScale {result['scale']:g}\n\n{markdown_table(result)}")
    print(f"\nload average {run['load_before']} before, {run['load_after']} after; "
          f"results in {folder / 'results.json'} and {folder / 'results.md'}")
    return 0 if all("error" not in r for r in run["scales"]) else 1


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
