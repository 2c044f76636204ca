"""`giamsat`: the command line for what a person does by hand with the warehouse."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipelines.settings import DEFAULT_HOME, load_settings

HOME_HELP = f"Thư mục làm việc: thư mục nhận tệp (landing/), kho DuckDB (warehouse.duckdb), báo cáo, tệp xuất. " \
            f"Mặc định: biến GIAMSAT_HOME, nếu không có thì {DEFAULT_HOME}."
home_option = click.option("--home", type=click.Path(file_okay=False, path_type=Path), help=HOME_HELP)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Kho dữ liệu giám sát sàn giao dịch nông sản, thực phẩm: nạp dữ liệu, xây kho, cảnh báo, báo cáo."""


@main.command()
@click.option("--source", type=click.Choice(["sample", "chicago", "fhrs", "vispam", "landing"]), default="sample",
              show_default=True,
              help="Nguồn dữ liệu: tỉnh mẫu sinh ra (sample), bộ dữ liệu công khai (chicago, fhrs, vispam) "
                   "hoặc các tệp đang có trong thư mục nhận (landing).")
@click.option("--scale", type=float, default=1.0, show_default=True,
              help="Quy mô tỉnh mẫu: 1 ≈ 2.000 cơ sở trong 12 tháng.")
@home_option
def run(source: str, scale: float, home: Path | None):
    """Chạy toàn bộ quy trình: nạp dữ liệu, kiểm tra, xây kho, xuất hàng đợi cảnh báo và lập báo cáo tháng."""
    from pipelines.runner import run_pipeline

    settings = load_settings(home)
    ok = run_pipeline(settings, source=source, scale=scale)
    sys.exit(0 if ok else 1)


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@home_option
def ingest(path: Path, home: Path | None):
    """Nạp một tệp hoặc một thư mục tệp xuất (CSV, XLSX, JSONL, Parquet) vào lớp dữ liệu thô.

    Tên tệp bắt đầu bằng loại bản ghi, ví dụ establishments_2026-01.csv (xem docs/contract.md).
    Dòng sai hợp đồng dữ liệu được đưa vào khu cách ly kèm lý do; tệp không đọc được bị từ chối cả tệp."""
    from pipelines.runner import ingest_files

    sys.exit(0 if ingest_files(load_settings(home), path) else 1)


@main.command("generate-sample")
@click.option("--scale", type=float, default=1.0, show_default=True, help="Quy mô: 1 ≈ 2.000 cơ sở.")
@click.option("--seed", type=int, default=20260101, show_default=True, help="Hạt giống ngẫu nhiên (cùng hạt → cùng dữ liệu).")
@home_option
def generate_sample(scale: float, seed: int, home: Path | None):
    """Sinh một tỉnh mẫu (tất định) vào thư mục nhận, kèm tệp đáp án các bất thường đã cài sẵn."""
    from ingest.sample_province import generate
    from pipelines.ingest import sample_paths

    settings = load_settings(home)
    landing, ground_truth = sample_paths(settings)
    summary = generate(landing, ground_truth, scale=scale, seed=seed, progress=click.echo)
    click.echo(f"Đã sinh tỉnh mẫu vào {landing}; đáp án bất thường: {ground_truth}")
    click.echo(f"Tóm tắt: {summary}")


@main.command("load-dataset")
@click.argument("name", type=click.Choice(["chicago", "fhrs", "vispam"]))
@click.option("--data-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Thư mục chứa các bộ dữ liệu công khai (mặc định ../shared/data).")
@home_option
def load_dataset(name: str, data_dir: Path | None, home: Path | None):
    """Nạp một bộ dữ liệu công khai (chicago, fhrs, vispam) qua cùng hợp đồng dữ liệu."""
    from pipelines.runner import load_source

    sys.exit(0 if load_source(load_settings(home), name, data_dir=data_dir) else 1)


@main.command("export-flags")
@home_option
def export_flags(home: Path | None):
    """Xuất hàng đợi cảnh báo (marts.flagged_items) ra CSV và XLSX, chung và theo từng đơn vị."""
    from pipelines.exports import export_queue

    settings = load_settings(home)
    for path in export_queue(settings.duckdb_path, settings.exports):
        click.echo(path)


@main.command()
@click.option("--month", help="Tháng báo cáo YYYY-MM (mặc định: tháng gần nhất có dữ liệu).")
@home_option
def report(month: str | None, home: Path | None):
    """Lập báo cáo công tác quản lý, vận hành hệ thống cho một tháng."""
    from datetime import date

    from pipelines.reports import build_report

    settings = load_settings(home)
    path = build_report(settings.duckdb_path, settings.reports, date.fromisoformat(f"{month}-01") if month else None)
    click.echo(path or "Kho chưa có dữ liệu tháng nào.")
