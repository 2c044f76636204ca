"""What the command line runs: the main job in process, ingestion by hand, and the closing summary."""

from __future__ import annotations

from pathlib import Path

import click

from ingest.loader import BatchResult, ingest_path
from ingest.validate import WHOLE_ROW
from pipelines.ingest import load, open_warehouse, sample_paths
from pipelines.settings import Settings
from pipelines.texts import vn_number

QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}


QUARANTINE_LINES = 5  # reasons shown per file; raw.quarantine has every row


def print_batches(settings: Settings, results: list[BatchResult]) -> bool:
    """After the loader's own line per batch (its summary, printed as each file is done): the main reasons of
    each batch's quarantined rows. True when no file was refused."""
    quarantined = [r for r in results if r.rows_quarantined]
    if quarantined:
        with open_warehouse(settings, read_only=True) as warehouse:
            for result in quarantined:
                print_quarantine(warehouse, result)
    return all(r.status != "refused" for r in results)


def print_quarantine(warehouse, result: BatchResult) -> None:
    """A few lines: the commonest (column, reason) pairs with their count of rows and first line."""
    reasons = warehouse.execute(
        f"select field, reason, count(distinct line), min(line) from raw.quarantine "
        f"where batch_id = {warehouse.placeholder} group by field, reason order by 3 desc, 4", [result.batch_id])
    click.echo(f"  {result.source_file}: {vn_number(result.rows_quarantined)} dòng bị cách ly, lý do:", err=True)
    for field, reason, rows, first in reasons[:QUARANTINE_LINES]:
        column = "cả dòng" if field == WHOLE_ROW else f"cột {field}"
        click.echo(f"    {vn_number(rows)} dòng, {column}: {reason} (dòng đầu tiên: {first})", err=True)
    if len(reasons) > QUARANTINE_LINES:
        click.echo(f"    … và {len(reasons) - QUARANTINE_LINES} lý do khác", err=True)
    click.echo(f"    (từng dòng: bảng raw.quarantine, lô {result.batch_id})", err=True)


def ingest_files(settings: Settings, path: Path) -> bool:
    """A file or a folder; only the home's own landing folder is tidied into archive/ and refused/. False when
    a file was refused or rows were quarantined: both need the sender to correct and deliver again, as with
    `giamsat import-decisions`."""
    is_landing = path.is_dir() and path.resolve() == settings.landing.resolve()
    warehouse = open_warehouse(settings)
    try:
        results = ingest_path(warehouse, path, settings.hash_key(), progress=click.echo, file_away=is_landing)
    finally:
        warehouse.close()
    return print_batches(settings, results) and not any(r.rows_quarantined for r in results)


def extract_platform_changes(settings: Settings) -> bool:
    """`giamsat extract`: one line per table, then one per batch; False when a batch was refused."""
    from pipelines.ingest import extract

    click.echo(f"Trích xuất từ {settings.platform().display()} vào {settings.warehouse_location()}")
    warehouse = open_warehouse(settings)
    try:
        tables = extract(settings, warehouse, progress=click.echo)
    finally:
        warehouse.close()
    return print_batches(settings, [table.batch for table in tables if table.batch])


def load_source(settings: Settings, name: str, data_dir: Path | None = None) -> bool:
    return print_batches(settings, load(settings, name, progress=click.echo, data_dir=data_dir))


def execute_main_job(settings: Settings, source: str = "sample", scale: float = 1.0):
    """Run main_job in this process (DESIGN.md: in process is far faster than a process per step)."""
    from pipelines.definitions import build_definitions

    job = build_definitions(home=str(settings.home)).resolve_job_def("main_job")
    run_config = {"ops": {"raw_tables": {"config": {"source": source, "scale": scale}}}, **QUIET_LOGS}
    return job.execute_in_process(run_config=run_config, raise_on_error=False)


def run_pipeline(settings: Settings, source: str = "sample", scale: float = 1.0) -> bool:
    """Run main_job; print where the results are and a short summary."""
    open_warehouse(settings).close()  # an unreachable warehouse is one clear message, before any step starts
    result = execute_main_job(settings, source, scale)
    if not result.success:
        click.echo("Quy trình KHÔNG hoàn tất: xem các bước lỗi ở trên.", err=True)
        return False
    print_summary(settings, source)
    return True


def print_summary(settings: Settings, source: str) -> None:
    warehouse = open_warehouse(settings)
    try:
        batches = warehouse.read_frame("""
            select count(*) as batches, coalesce(sum(rows_received), 0) as received,
                   coalesce(sum(rows_loaded), 0) as loaded, coalesce(sum(rows_quarantined), 0) as quarantined,
                   count(*) filter (where status = 'refused') as refused
            from raw.batch_log""").iloc[0]
        counts = {name: warehouse.read_frame(f"select count(*) as n from marts.{name}")["n"].iloc[0]
                  for name in ("facility_rankings", "approval_throughput", "violation_statistics", "flagged_items")}
    finally:
        warehouse.close()
    reports = sorted(settings.reports.glob("bao-cao-thang-*.json"))  # one list of files per month
    click.echo("")
    click.echo(f"Hoàn tất (nguồn: {source}).")
    click.echo(f"  Kho dữ liệu:        {settings.warehouse_location()}")
    click.echo(f"  Báo cáo tháng:      {settings.reports} "
               f"({f'danh sách tệp: {reports[-1].name}' if reports else 'chưa có: kho chưa có tháng nào'})")
    click.echo(f"  Hàng đợi cảnh báo:  {settings.exports / 'hang-doi-canh-bao_tat-ca.xlsx'}")
    if source == "sample":
        click.echo(f"  Đáp án bất thường:  {sample_paths(settings)[1]}")
    click.echo(f"  Lô đã ghi nhận: {vn_number(batches.batches)} (từ chối {vn_number(batches.refused)}); "
               f"dòng nhận {vn_number(batches.received)}, nạp {vn_number(batches.loaded)}, "
               f"cách ly {vn_number(batches.quarantined)}")
    click.echo("  Số dòng: " + ", ".join(f"marts.{k} {vn_number(v)}" for k, v in counts.items()))
