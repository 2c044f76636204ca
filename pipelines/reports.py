"""The monthly operations report (báo cáo công tác quản lý, vận hành hệ thống hàng tháng).

A PDF and an XLSX per province and per department, built only from the marts (pipelines.report_content), as a
Dagster asset partitioned by month; its delivery by e-mail as a second asset; and the schedule that builds and
delivers last month's reports on the 1st of each month at 06:00. `giamsat report --month` reaches any month.
"""

import json
import time
import unicodedata
from datetime import date
from pathlib import Path

from dagster import (
    AssetExecutionContext, AssetKey, AssetSelection, Config, DefaultScheduleStatus, Failure, MaterializeResult,
    MonthlyPartitionsDefinition, asset, build_schedule_from_partitioned_job, define_asset_job,
)

from ingest.warehouse import WarehouseError
from pipelines import delivery
from pipelines.ingest import open_warehouse
from pipelines.report_content import Marts, Scope, compose_report, month_label, report_scopes
from pipelines.report_pdf import write_pdf
from pipelines.report_xlsx import write_xlsx
from pipelines.resources import WarehouseResource
from pipelines.settings import Settings

TIMEZONE = "Asia/Ho_Chi_Minh"
# The public datasets begin in 2010 and the sample province in 12/2025; earlier months: `giamsat report --month`.
FIRST_PARTITION = "2010-01-01"
REPORT_MONTHS = MonthlyPartitionsDefinition(start_date=FIRST_PARTITION, timezone=TIMEZONE)
REPORT_MARTS = ("monthly_kpis", "approval_throughput", "violation_statistics", "flagged_items", "facility_rankings")


class ReportError(Exception):
    """A report that cannot be made or sent, with the reason for a person."""


def slug(text: str) -> str:
    """'Sở Y tế' → 'so-y-te' (file names that survive any mail client)."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


def report_stem(month: date, scope: Scope) -> str:
    return f"bao-cao-thang-{month:%Y-%m}_{scope.key.lower()}_{slug(scope.name)}"


def manifest_path(out_dir: Path, month: date) -> Path:
    return out_dir / f"bao-cao-thang-{month:%Y-%m}.json"


def open_marts(settings: Settings) -> Marts:
    try:
        marts = Marts(open_warehouse(settings, read_only=True))
    except WarehouseError as error:
        raise ReportError(str(error)) from None
    if not marts.has_table("marts", "monthly_kpis"):
        marts.close()
        raise ReportError("Kho chưa có marts.monthly_kpis: chạy `giamsat run` để xây dựng kho trước.")
    return marts


def latest_month(settings: Settings) -> date | None:
    marts = open_marts(settings)
    try:
        return marts.latest_month()
    finally:
        marts.close()


def build_report(settings: Settings, out_dir: Path, month: date | None = None) -> dict | None:
    """Write the month's PDF and XLSX for every province and department, and the month's manifest (the list
    the delivery reads). month None: the latest month in the warehouse; returns None when there is none."""
    marts = open_marts(settings)
    try:
        month = month or marts.latest_month()
        if month is None:
            return None
        reports = [compose_report(marts, scope, month) for scope in report_scopes(marts)]
    finally:
        marts.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = []
    for report in reports:
        stem = out_dir / report_stem(month, report.scope)
        pdf, xlsx = stem.with_suffix(".pdf"), stem.with_suffix(".xlsx")
        write_pdf(report, pdf)
        write_xlsx(report, xlsx)
        scope = report.scope
        entries.append({"key": scope.key, "name": scope.name, "label": scope.label,
                        "province_code": scope.province_code, "org_id": scope.org_id,
                        "pdf": str(pdf), "xlsx": str(xlsx), "is_empty": report.is_empty})
    manifest = {"month": f"{month:%Y-%m}", "month_label": month_label(month).lower(), "reports": entries}
    manifest_path(out_dir, month).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def deliver_month(settings: Settings, month: date, resend: bool = False,
                  sleep=time.sleep) -> list[delivery.Delivery] | None:
    """E-mail the month's reports (built before); None when no SMTP server is configured."""
    path = manifest_path(settings.reports, month)
    if not path.exists():
        raise ReportError(f"Chưa có báo cáo tháng {month:%m/%Y}: lập báo cáo trước (giamsat report --month "
                          f"{month:%Y-%m}).")
    config = delivery.load_config(delivery.config_path(settings.home))
    if not config.smtp.host:
        return None
    log = delivery.DeliveryLog(settings.reports / "delivery_log.jsonl")
    return delivery.deliver(json.loads(path.read_text(encoding="utf-8")), config, log, resend=resend, sleep=sleep)


# ---------------------------------------------------------------------------------------------------------
# Dagster
# ---------------------------------------------------------------------------------------------------------

def partition_month(context: AssetExecutionContext) -> date | None:
    """The partition's month; without one (main_job, the nightly rebuild) None = the latest month."""
    return date.fromisoformat(context.partition_key) if context.has_partition_key else None


@asset(key=["reports", "monthly_report"], group_name="reports", partitions_def=REPORT_MONTHS,
       deps=[AssetKey(["marts", name]) for name in REPORT_MARTS],
       description="Monthly operations report (PDF + XLSX) per province and per department; a run without a "
                   "partition builds the latest month in the warehouse")
def monthly_report(context: AssetExecutionContext, warehouse: WarehouseResource):
    settings = warehouse.settings()
    try:
        manifest = build_report(settings, settings.reports, partition_month(context))
    except ReportError as error:
        raise Failure(str(error)) from error
    if manifest is None:
        return MaterializeResult(metadata={"month": "kho chưa có tháng nào"})
    return MaterializeResult(metadata={
        "month": manifest["month"], "reports": len(manifest["reports"]), "folder": str(settings.reports),
        "empty_reports": sum(r["is_empty"] for r in manifest["reports"])})


class DeliveryRunConfig(Config):
    resend: bool = False  # also send the reports already sent with the same content


@asset(key=["reports", "monthly_report_delivery"], group_name="reports", partitions_def=REPORT_MONTHS,
       deps=[monthly_report],
       description="E-mails the month's reports to the recipients configured per province and department "
                   "(report_delivery.yaml); a report already sent with the same content is not sent again")
def monthly_report_delivery(context: AssetExecutionContext, config: DeliveryRunConfig,
                            warehouse: WarehouseResource):
    settings = warehouse.settings()
    try:
        month = partition_month(context) or latest_month(settings)
        outcomes = deliver_month(settings, month, resend=config.resend) if month else []
    except ReportError as error:
        raise Failure(str(error)) from error
    if outcomes is None:
        context.log.warning("Chưa cấu hình máy chủ thư (smtp.host trong report_delivery.yaml): không gửi báo cáo.")
        return MaterializeResult(metadata={"delivery": "chưa cấu hình máy chủ thư"})
    for outcome in outcomes:
        (context.log.error if outcome.status == "failed" else context.log.info)(outcome.line())
    counts = {status: sum(o.status == status for o in outcomes)
              for status in ("sent", "already_sent", "failed", "no_recipients")}
    failed = [o.line() for o in outcomes if o.status == "failed"]
    if failed:
        raise Failure("Gửi báo cáo không thành công:\n" + "\n".join(failed), metadata=counts)
    return MaterializeResult(metadata=counts)


REPORT_ASSETS = [monthly_report, monthly_report_delivery]
# main_job and the nightly rebuild write the report but never e-mail it
REPORT_DELIVERY = AssetSelection.assets(monthly_report_delivery)

monthly_report_job = define_asset_job(
    "monthly_report_job", selection=AssetSelection.assets(*REPORT_ASSETS),
    description="Build and e-mail one month's reports (pick the month as the partition)")
monthly_report_schedule = build_schedule_from_partitioned_job(
    monthly_report_job, name="monthly_report_schedule", hour_of_day=6, day_of_month=1,
    default_status=DefaultScheduleStatus.RUNNING,
    description="Build and deliver last month's reports on the 1st of each month at 06:00 Asia/Ho_Chi_Minh")
