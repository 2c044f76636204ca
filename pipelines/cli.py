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


@main.command("score-reviews")
@click.argument("input_csv", metavar="INPUT.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--output", "output_csv", metavar="OUTPUT.csv", required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Tệp CSV kết quả.")
@home_option
def score_reviews(input_csv: Path, output_csv: Path, home: Path | None):
    """Chấm điểm spam cho mọi đánh giá của một tệp CSV có cột Comment và Rating (UTF-8).

    Tệp kết quả giữ mọi cột của tệp vào và thêm spam_probability (xác suất là spam), is_spam (0/1) và spam_type
    (0 không phải spam; 1 đánh giá giả, gây hiểu lầm; 2 chỉ nói về cửa hàng, giao hàng; 3 không liên quan, vô
    nghĩa). Dùng mô hình của lần chạy gần nhất trong thư mục làm việc; chưa có thì huấn luyện một mô hình từ các
    đánh giá đã gắn nhãn spam (trong kho, hoặc bộ dữ liệu ViSpamReviews)."""
    from pipelines.review_spam import NoTrainingData, ScoreError, score_csv

    progress = lambda message: click.echo(message, err=True)  # noqa: E731 - stdout stays for the result line
    try:
        counts = score_csv(input_csv, output_csv, load_settings(home), progress=progress)
    except (ScoreError, NoTrainingData) as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"Đã ghi {output_csv}: {counts['rows']} đánh giá, {counts['spam']} bị coi là spam.")


@main.command("export-flags")
@home_option
def export_flags(home: Path | None):
    """Xuất hàng đợi cảnh báo (marts.flagged_items) ra CSV và XLSX, chung và theo từng đơn vị."""
    from pipelines.exports import export_queue

    settings = load_settings(home)
    for path in export_queue(settings.duckdb_path, settings.exports):
        click.echo(path)


def parse_month(ctx, param, value: str | None):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(f"{value}-01")
    except ValueError:
        raise click.BadParameter(f"{value!r}: tháng phải có dạng YYYY-MM, ví dụ 2026-11.") from None


@main.command()
@click.option("--month", callback=parse_month, help="Tháng báo cáo YYYY-MM (mặc định: tháng gần nhất có dữ liệu).")
@click.option("--send", is_flag=True,
              help="Gửi báo cáo qua thư điện tử tới người nhận đã cấu hình (report_delivery.yaml); báo cáo đã gửi "
                   "với cùng nội dung thì không gửi lại.")
@click.option("--resend", is_flag=True, help="Gửi cả những báo cáo đã gửi trước đây (bao gồm --send).")
@home_option
def report(month, send: bool, resend: bool, home: Path | None):
    """Lập báo cáo công tác quản lý, vận hành hệ thống cho một tháng: PDF và XLSX cho từng tỉnh và từng sở,
    trong thư mục reports/ của thư mục làm việc; tùy chọn gửi qua thư điện tử."""
    from datetime import date

    from pipelines.reports import ReportError, build_report, deliver_month

    settings = load_settings(home)
    try:
        manifest = build_report(settings.duckdb_path, settings.reports, month)
        if manifest is None:
            click.echo("Kho chưa có dữ liệu tháng nào.")
            return
        for entry in manifest["reports"]:
            click.echo(f"{entry['label']}: {entry['pdf']}, {entry['xlsx']}"
                       + (" (không có hoạt động trong tháng)" if entry["is_empty"] else ""))
        if not (send or resend):
            return
        outcomes = deliver_month(settings, date.fromisoformat(f"{manifest['month']}-01"), resend=resend)
    except ReportError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    if outcomes is None:
        click.echo("Chưa cấu hình máy chủ thư (smtp.host trong report_delivery.yaml): không gửi báo cáo.", err=True)
        sys.exit(1)
    for outcome in outcomes:
        click.echo(outcome.line(), err=outcome.status == "failed")
    sys.exit(1 if any(outcome.status == "failed" for outcome in outcomes) else 0)


@main.command("ranking-check")
@click.option("--write-docs", "to_docs", is_flag=True, help="Ghi kết quả vào docs/ranking.md.")
@home_option
def ranking_check(to_docs: bool, home: Path | None):
    """Đối chiếu điểm tuân thủ của bảng xếp hạng cơ sở với xếp hạng vệ sinh chính thức của Vương quốc Anh (FHRS,
    kho đã xây bằng `giamsat run --source fhrs`): hệ số tương quan hạng Spearman."""
    from pipelines.ranking_check import check_and_print

    sys.exit(0 if check_and_print(load_settings(home), to_docs) else 1)
