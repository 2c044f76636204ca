"""The monthly operations report (báo cáo hàng tháng), first version: an XLSX built from the marts."""


from datetime import date
from pathlib import Path

import pandas as pd
from dagster import AssetExecutionContext, AssetKey, Config, MaterializeResult, asset

from ingest.warehouse import DuckDBWarehouse
from pipelines.exports import write_xlsx_sheets
from pipelines.resources import WarehouseResource


def latest_month(warehouse: DuckDBWarehouse) -> date | None:
    value = warehouse.read_frame("select max(month) as month from marts.monthly_kpis")["month"].iloc[0]
    return None if pd.isna(value) else pd.Timestamp(value).date()


def report_sections(warehouse: DuckDBWarehouse, month: date) -> dict[str, pd.DataFrame]:
    """Sheet title → table; every figure comes from a mart, so it equals the dashboards' figure."""
    previous = (pd.Timestamp(month) - pd.DateOffset(months=1)).date()
    kpis = warehouse.read_frame(f"""
        select k.province, k.label_vi as "Chỉ tiêu", k.value as "Tháng này", p.value as "Tháng trước",
               k.value - coalesce(p.value, 0) as "Thay đổi"
        from marts.monthly_kpis k
        left join marts.monthly_kpis p
          on p.province_code = k.province_code and p.indicator = k.indicator and p.month = date '{previous}'
        where k.month = date '{month}'
        order by k.province, k.indicator""").rename(columns={"province": "Tỉnh"})
    rankings = warehouse.read_frame(f"""
        select province as "Tỉnh", category as "Nhóm sản phẩm", rank as "Hạng", establishment_name as "Cơ sở",
               round(score, 1) as "Điểm", rank_change as "Thay đổi hạng"
        from marts.facility_rankings where month = date '{month}' and rank <= 10
        order by province, category, rank""")
    violations = warehouse.read_frame(f"""
        select province_code as "Mã tỉnh", category as "Loại vi phạm", severity as "Mức độ", source as "Nguồn",
               violations as "Số vi phạm", establishments as "Số cơ sở"
        from marts.violation_statistics where month = date '{month}'
        order by violations desc""")
    return {"Tổng quan": kpis, "Xếp hạng cơ sở": rankings, "Vi phạm ATTP": violations}


def build_report(duckdb_path: Path, out_dir: Path, month: date | None = None) -> Path | None:
    """Write reports/bao-cao-thang-YYYY-MM.xlsx; None when the warehouse holds no month at all."""
    warehouse = DuckDBWarehouse(duckdb_path)
    try:
        month = month or latest_month(warehouse)
        if month is None:
            return None
        sections = report_sections(warehouse, month)
    finally:
        warehouse.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"bao-cao-thang-{month:%Y-%m}.xlsx"
    title = f"Báo cáo công tác quản lý, vận hành hệ thống tháng {month:%m/%Y}"
    write_xlsx_sheets(sections, path, title=title)
    return path


class ReportConfig(Config):
    month: str = ""  # YYYY-MM; empty = the latest month in the warehouse


@asset(key=["reports", "monthly_report"], group_name="reports",
       deps=[AssetKey(["marts", name]) for name in ("monthly_kpis", "facility_rankings", "violation_statistics")],
       description="Monthly operations report for managers (XLSX)")
def monthly_report(context: AssetExecutionContext, config: ReportConfig, warehouse: WarehouseResource):
    settings = warehouse.settings()
    month = date.fromisoformat(f"{config.month}-01") if config.month else None
    path = build_report(settings.duckdb_path, settings.reports, month)
    return MaterializeResult(metadata={"path": str(path) if path else "không có dữ liệu"})
