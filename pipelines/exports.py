"""The reviewers' queue as files: CSV and XLSX of marts.flagged_items, per organisation and for all."""


import numbers
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import xlsxwriter
from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset
from defusedcsv import csv  # prefixes text a spreadsheet would run as a formula

from pipelines.ingest import open_warehouse
from pipelines.resources import WarehouseResource
from pipelines.settings import Settings
from pipelines.texts import vn_date

QUEUE_COLUMNS = ["object_type", "object_id", "rule_codes", "reasons", "evidence", "severity_score",
                 "first_flagged_at", "last_flagged_at", "status", "org_id"]


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:  # BOM: Excel then reads UTF-8 right
        writer = csv.writer(handle)
        writer.writerow(frame.columns)
        writer.writerows(frame.astype(object).where(frame.notna(), "").itertuples(index=False))


def write_xlsx_sheets(sheets: dict[str, pd.DataFrame], path: Path, title: str | None = None) -> None:
    """One sheet per table, with a filter on the header; text is always written as text, never as a formula."""
    with xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False}) as book:
        bold = book.add_format({"bold": True})
        for name, frame in sheets.items():
            sheet = book.add_worksheet(name[:31])
            top = 0
            if title:
                sheet.write_string(0, 0, title, book.add_format({"bold": True, "font_size": 13}))
                top = 2
            for col, header in enumerate(frame.columns):
                sheet.write_string(top, col, str(header), bold)
            for row, values in enumerate(frame.itertuples(index=False), start=top + 1):
                for col, value in enumerate(values):
                    if pd.isna(value):
                        continue
                    if isinstance(value, numbers.Number) and not isinstance(value, bool):
                        sheet.write_number(row, col, float(value))
                    elif isinstance(value, (date, datetime)):
                        sheet.write_string(row, col, vn_date(value))
                    else:
                        sheet.write_string(row, col, str(value))
            sheet.autofilter(top, 0, top + max(len(frame), 1), max(len(frame.columns) - 1, 0))
            sheet.freeze_panes(top + 1, 0)


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    write_xlsx_sheets({"Hàng đợi": frame}, path)


def export_queue(settings: Settings) -> list[Path]:
    """Write the whole queue and one file pair per organisation into the exports folder; returns the paths."""
    out_dir = settings.exports
    warehouse = open_warehouse(settings, read_only=True)
    try:
        queue = warehouse.read_frame(
            f"select {', '.join(QUEUE_COLUMNS)} from marts.flagged_items order by severity_score desc, object_id")
    finally:
        warehouse.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    groups = [("tat-ca", queue)] + [(str(org), part) for org, part in queue.groupby(queue["org_id"].fillna("khong-ro"))]
    for label, part in groups:
        for suffix, writer in ((".csv", write_csv), (".xlsx", write_xlsx)):
            path = out_dir / f"hang-doi-canh-bao_{label}{suffix}"
            writer(part, path)
            written.append(path)
    return written


@asset(key=["exports", "flagged_items"], deps=[AssetKey(["marts", "flagged_items"])], group_name="exports",
       description="The review queue as CSV and XLSX files, for all and per organisation")
def flagged_items_export(context: AssetExecutionContext, warehouse: WarehouseResource):
    settings = warehouse.settings()
    paths = export_queue(settings)
    return MaterializeResult(metadata={"files": len(paths), "folder": str(settings.exports)})
