"""`giamsat`: the command line for what a person does by hand with the warehouse."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipelines.home_lock import HomeBusy, exclusive_home
from pipelines.settings import DEFAULT_HOME, Settings, SettingsError, load_settings

HOME_HELP = f"Thư mục làm việc: thư mục nhận tệp (landing/), kho DuckDB (warehouse.duckdb), báo cáo, tệp xuất. " \
            f"Mặc định: biến GIAMSAT_HOME, nếu không có thì {DEFAULT_HOME}."
home_option = click.option("--home", type=click.Path(file_okay=False, path_type=Path), help=HOME_HELP)


class UserError(click.ClickException):
    """A mistake or a state the person can fix: printed as one line, no traceback."""

    def format_message(self) -> str:
        return self.message


class Commands(click.Group):
    """Turns what a person can fix or cause (a wrong setting, an unreachable or busy warehouse, a folder
    without rights, Ctrl-C) into one clear line instead of a traceback."""

    def invoke(self, ctx):
        from ingest.warehouse import WarehouseError

        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\nĐã dừng theo yêu cầu (Ctrl-C). Tệp đang nạp dở được nạp lại ở lần chạy sau.", err=True)
            sys.exit(130)
        except (HomeBusy, SettingsError, WarehouseError) as error:
            raise UserError(str(error)) from None
        except FileNotFoundError as error:
            raise UserError(f"Không tìm thấy: {error}") from None
        except PermissionError as error:
            raise UserError(f"Không có quyền ghi hoặc đọc {error.filename}: chọn thư mục khác bằng --home "
                            f"hoặc cấp quyền cho thư mục này.") from None


def using_home(settings: Settings, doing: str):
    """The home's lock (pipelines/home_lock.py), waiting with a message on stderr."""
    return exclusive_home(settings, doing, progress=lambda message: click.echo(message, err=True))


def require_built(settings: Settings) -> None:
    if settings.warehouse == "duckdb" and not settings.duckdb_path.exists():
        raise UserError(f"Kho {settings.duckdb_path} chưa được xây: chạy `giamsat run --home {settings.home}` "
                        f"trước.")


def check_scale(ctx, param, value: float) -> float:
    from pipelines.ingest import check_scale as valid_scale

    try:
        return valid_scale(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


scale_option = click.option("--scale", type=float, default=1.0, show_default=True, callback=check_scale,
                            help="Quy mô tỉnh mẫu: 1 ≈ 2.000 cơ sở trong 12 tháng (lớn hơn 0, tối đa 50).")


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Kho dữ liệu giám sát sàn giao dịch nông sản, thực phẩm: nạp dữ liệu, xây kho, cảnh báo, báo cáo."""


@main.command()
@click.option("--source", type=click.Choice(["sample", "chicago", "fhrs", "vispam", "landing", "platform"]),
              default="sample", show_default=True,
              help="Nguồn dữ liệu: tỉnh mẫu sinh ra (sample), bộ dữ liệu công khai (chicago, fhrs, vispam), "
                   "các tệp đang có trong thư mục nhận (landing) hoặc cơ sở dữ liệu của sàn (platform, "
                   "trích xuất tăng dần, xem `giamsat extract`).")
@scale_option
@home_option
def run(source: str, scale: float, home: Path | None):
    """Chạy toàn bộ quy trình: nạp dữ liệu, kiểm tra, xây kho, xuất hàng đợi cảnh báo và lập báo cáo tháng."""
    from pipelines.runner import run_pipeline

    settings = load_settings(home)
    with using_home(settings, "chạy toàn bộ quy trình"):
        ok = run_pipeline(settings, source=source, scale=scale)
    sys.exit(0 if ok else 1)


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@home_option
def ingest(path: Path, home: Path | None):
    """Nạp một tệp hoặc một thư mục tệp xuất (CSV, XLSX, JSONL, Parquet) vào lớp dữ liệu thô.

    Tên tệp bắt đầu bằng loại bản ghi, ví dụ establishments_2026-01.csv (xem docs/contract.md).
    Dòng sai hợp đồng dữ liệu được đưa vào khu cách ly kèm lý do (in ra các lý do chính); tệp không đọc được bị
    từ chối cả tệp. Mã thoát 1 khi có tệp bị từ chối hoặc dòng bị cách ly (cần sửa và gửi lại), như
    `giamsat import-decisions`."""
    from pipelines.runner import ingest_files

    settings = load_settings(home)
    with using_home(settings, "nạp tệp"):
        ok = ingest_files(settings, path)
    sys.exit(0 if ok else 1)


@main.command()
@click.option("--overlap-minutes", type=click.FloatRange(min=0), default=None,
              help="Khoảng chồng lấn an toàn (phút) đọc lại trước mốc lần trước, để không sót dòng được sửa "
                   "trong lúc trích xuất (mặc định GIAMSAT_EXTRACT_OVERLAP_MINUTES, nếu không có thì 10).")
@home_option
def extract(overlap_minutes: float | None, home: Path | None):
    """Trích xuất tăng dần từ cơ sở dữ liệu PostgreSQL của sàn (GIAMSAT_PLATFORM_DB) vào lớp dữ liệu thô:
    các dòng thay đổi từ lần trước (theo updated_at), phát hiện bản ghi bị xóa; qua cùng hợp đồng dữ liệu,
    khu cách ly và sổ lô như tệp. Chạy lại sau sự cố không nạp trùng."""
    from dataclasses import replace

    from pipelines.runner import extract_platform_changes

    settings = load_settings(home)
    if overlap_minutes is not None:
        settings = replace(settings, extract_overlap_minutes=overlap_minutes)
    with using_home(settings, "trích xuất từ sàn"):
        ok = extract_platform_changes(settings)
    sys.exit(0 if ok else 1)


@main.command("create-roles")
@click.option("--prefix", default=None,
              help="Tiền tố tên vai trò (mặc định GIAMSAT_ROLE_PREFIX, nếu không có thì giamsat): "
                   "<tiền tố>_loader, _transformer, _analyst, _dashboard.")
def create_roles(prefix: str | None):
    """Tạo (hoặc cập nhật) các vai trò PostgreSQL: nạp dữ liệu, biến đổi, phân tích viên và bảng điều khiển;
    phân tích viên và bảng điều khiển chỉ đọc các bảng marts, không đọc dữ liệu thô, khu cách ly hay cột
    dữ liệu cá nhân. Chạy bằng tài khoản quản trị (PGUSER) trên cơ sở dữ liệu của kho (PGDATABASE); chạy lại
    nhiều lần không sao. Mật khẩu của từng vai trò do người quản trị đặt riêng."""
    from pipelines.access import create_roles as create
    from pipelines.ingest import open_warehouse

    settings = load_settings()
    if settings.warehouse != "postgres":
        raise click.ClickException("Vai trò truy cập chỉ có trên PostgreSQL: đặt WAREHOUSE=postgres và các biến "
                                   "PGHOST, PGPORT, PGDATABASE, PGUSER.")
    with open_warehouse(settings) as warehouse:
        names = create(warehouse, prefix or settings.role_prefix, settings.postgres.dbname)
    click.echo(f"Đã tạo/cập nhật vai trò trên {settings.warehouse_location()}: {', '.join(names)}")


@main.command("generate-sample")
@scale_option
@click.option("--seed", type=int, default=20260101, show_default=True, help="Hạt giống ngẫu nhiên (cùng hạt → cùng dữ liệu).")
@home_option
def generate_sample(scale: float, seed: int, home: Path | None):
    """Sinh một tỉnh mẫu (tất định) vào thư mục nhận, kèm tệp đáp án các bất thường đã cài sẵn."""
    from pipelines.ingest import generate_sample, sample_paths

    settings = load_settings(home)
    generate_sample(settings, scale=scale, seed=seed, progress=click.echo)
    landing, ground_truth = sample_paths(settings)
    click.echo(f"Đã sinh tỉnh mẫu vào {landing}; đáp án bất thường: {ground_truth}")


@main.command("load-dataset")
@click.argument("name", type=click.Choice(["chicago", "fhrs", "vispam"]))
@click.option("--data-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Thư mục chứa các bộ dữ liệu công khai (mặc định ../shared/data).")
@home_option
def load_dataset(name: str, data_dir: Path | None, home: Path | None):
    """Nạp một bộ dữ liệu công khai (chicago, fhrs, vispam) qua cùng hợp đồng dữ liệu."""
    from pipelines.runner import load_source

    settings = load_settings(home)
    with using_home(settings, f"nạp bộ dữ liệu {name}"):
        ok = load_source(settings, name, data_dir=data_dir)
    sys.exit(0 if ok else 1)


@main.command("score-reviews")
@click.argument("input_csv", metavar="INPUT.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--output", "output_csv", metavar="OUTPUT.csv", required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Tệp CSV kết quả.")
@home_option
def score_reviews(input_csv: Path, output_csv: Path, home: Path | None):
    """Chấm điểm spam cho mọi đánh giá của một tệp CSV có cột Comment và Rating (UTF-8).

    Tệp kết quả giữ mọi cột của tệp vào và thêm spam_probability (xác suất là spam), is_spam (0/1) và spam_type
    (0 không phải spam; 1 đánh giá giả, gây hiểu lầm; 2 chỉ nói về cửa hàng, giao hàng; 3 không liên quan, vô
    nghĩa). Dòng không có nội dung (Comment trống) không được chấm: spam_probability để trống, is_spam và
    spam_type là 0. Tệp kết quả là CSV UTF-8 có BOM (Excel đọc đúng tiếng Việt); nội dung mà bảng tính có thể
    chạy như công thức (bắt đầu bằng =, +, -, @) được thêm dấu ' ở đầu. Dùng mô hình của lần chạy gần nhất
    trong thư mục làm việc; chưa có thì huấn luyện một mô hình từ các đánh giá đã gắn nhãn spam (trong kho,
    hoặc bộ dữ liệu ViSpamReviews)."""
    from pipelines.review_spam import NoTrainingData, ScoreError, score_csv
    from pipelines.texts import vn_number

    progress = lambda message: click.echo(message, err=True)  # noqa: E731 - stdout stays for the result line
    try:
        counts = score_csv(input_csv, output_csv, load_settings(home), progress=progress)
    except (ScoreError, NoTrainingData) as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"Đã ghi {output_csv}: {vn_number(counts['rows'])} đánh giá, {vn_number(counts['spam'])} bị coi là spam.")
    if counts["no_text"]:
        click.echo(f"{vn_number(counts['no_text'])} dòng không có nội dung (Comment trống): không chấm "
                   f"(spam_probability để trống, is_spam 0, spam_type 0)")
    if counts["bad_rating"]:
        click.echo(f"{vn_number(counts['bad_rating'])} dòng không có số sao hợp lệ (1–5): chấm theo nội dung")


@main.command("export-flags")
@home_option
def export_flags(home: Path | None):
    """Xuất hàng đợi cảnh báo (các mục chờ xử lý hoặc đã chuyển cấp trên của marts.flagged_items) ra CSV và
    XLSX, chung và theo từng đơn vị; điền cột Quyết định rồi nhập lại bằng `giamsat import-decisions`."""
    from pipelines.exports import export_queue

    settings = load_settings(home)
    require_built(settings)
    with using_home(settings, "xuất hàng đợi cảnh báo"):
        for path in export_queue(settings):
            click.echo(path)


@main.command("import-decisions")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@home_option
def import_decisions_command(file: Path, home: Path | None):
    """Nhập quyết định của người duyệt về các mục bị gắn cờ (xác nhận vi phạm, bác bỏ, chuyển cấp trên).

    Tệp CSV/XLSX có các cột object_type, object_id, decision, decided_at và tùy chọn reviewer, org_id, note.
    Dòng sai được đưa vào khu cách ly kèm số dòng và lý do; quyết định có hiệu lực ở lần xây kho tiếp theo."""
    from pipelines.decisions import DecisionFileError, import_decisions

    settings = load_settings(home)
    try:
        with using_home(settings, "nhập quyết định"):
            outcome = import_decisions(settings, file, progress=lambda message: None)
    except DecisionFileError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    batch = outcome.batch
    if batch.status == "duplicate":
        click.echo(f"BỎ QUA   {file.name}: đã nhập trước đây (cùng tổng kiểm), không nhập lại")
        return
    if batch.status == "refused":
        click.echo(f"TỪ CHỐI  {file.name}: {batch.message}", err=True)
        sys.exit(1)
    click.echo(f"ĐÃ NHẬP  {file.name}: nhận {batch.rows_received}, nạp {batch.rows_loaded}, "
               f"cách ly {batch.rows_quarantined} (lô {batch.batch_id})"
               + (f"; bỏ qua {outcome.undecided} dòng chưa có quyết định" if outcome.undecided else "")
               + (f"; {outcome.dated_at_import} quyết định không ghi ngày, lấy ngày giờ nhập"
                  if outcome.dated_at_import else ""))
    for line, field, reason in outcome.quarantined:
        click.echo(f"  dòng {line}, cột {field}: {reason}", err=True)
    for line, item in outcome.not_in_queue:
        click.echo(f"  dòng {line}: {item} không có trong hàng đợi cảnh báo (vẫn được lưu)", err=True)
    click.echo("Quyết định có hiệu lực ở lần xây kho tiếp theo (`giamsat run --source landing`).")
    sys.exit(1 if batch.rows_quarantined else 0)


@main.command("flag-accuracy")
@home_option
def flag_accuracy(home: Path | None):
    """Đo recall và precision của từng quy tắc gắn cờ trên tỉnh mẫu, so với tệp đáp án các bất thường đã cài
    (sample/ground_truth.csv); cần kho đã xây bằng `giamsat run --source sample`."""
    from pipelines.flag_accuracy import AccuracyError, format_table, measure

    settings = load_settings(home)
    try:
        with using_home(settings, "đo độ chính xác cảnh báo"):
            click.echo(format_table(*measure(settings)))
    except AccuracyError as error:
        click.echo(str(error), err=True)
        sys.exit(1)


def parse_month(ctx, param, value: str | None):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(f"{value}-01")
    except ValueError:
        raise click.BadParameter(f"{value!r}: tháng phải có dạng YYYY-MM, ví dụ 2026-11.") from None


@main.command()
@click.option("--month", callback=parse_month, help="Tháng báo cáo YYYY-MM (mặc định: tháng đã kết thúc gần nhất có dữ liệu).")
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
    require_built(settings)
    try:
        with using_home(settings, "lập báo cáo"):
            manifest = build_report(settings, settings.reports, month)
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

    settings = load_settings(home)
    require_built(settings)
    with using_home(settings, "đối chiếu xếp hạng"):
        ok = check_and_print(settings, to_docs)
    sys.exit(0 if ok else 1)
