"""The reviewers' queue as files: CSV and XLSX of marts.flagged_items, for all and per organisation.

Only the items waiting for a reviewer (open, escalated) are exported. Reviewers read Vietnamese headers and
labels (object types, statuses), the organisation's name, and dates as dates (real dates in XLSX,
dd/mm/yyyy hh:mm in CSV). Text a spreadsheet would run as a formula is neutralised: defusedcsv prefixes it in
the CSV, and XLSX cells are always written as text, never as formulas. The columns Quyết định, Ngày quyết
định, Người duyệt and Ghi chú are left for the reviewer: the file, filled in, is what `giamsat import-decisions`
reads back.
"""


import numbers
import re
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import xlsxwriter
from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset
from defusedcsv import csv  # prefixes text a spreadsheet would run as a formula

from pipelines.ingest import open_warehouse
from pipelines.labels import DECISION_LABELS, OBJECT_TYPE_LABELS, STATUS_LABELS, fold
from pipelines.resources import WarehouseResource
from pipelines.settings import Settings
from pipelines.texts import vn_date

WAITING = ("open", "escalated")
# queue column -> header reviewers read; the decision columns at the end are theirs to fill in
QUEUE_HEADERS = {
    "object_type": "Loại đối tượng",
    "object_id": "Mã đối tượng",
    "severity_score": "Mức độ nghiêm trọng",
    "reasons": "Lý do",
    "evidence": "Bằng chứng",
    "rule_codes": "Mã quy tắc",
    "status": "Trạng thái",
    "first_flagged_at": "Gắn cờ lần đầu",
    "last_flagged_at": "Gắn cờ gần nhất",
    "org_id": "Mã đơn vị",
    "org_name": "Đơn vị phụ trách",
    "province_code": "Mã tỉnh",
}
DECISION_HEADERS = ["Quyết định", "Ngày quyết định", "Người duyệt", "Ghi chú"]
NO_ORG = ("khong-ro", "Chưa xác định đơn vị")


@contextmanager
def spreadsheet_csv(path: Path):
    """A CSV writer for files people open in a spreadsheet: text it would run as a formula is prefixed
    (defusedcsv), and the file starts with a BOM so that Excel reads the UTF-8 (Vietnamese) right; the
    project's readers (utf-8-sig) read it back as it was written."""
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        yield csv.writer(handle)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    with spreadsheet_csv(path) as writer:
        writer.writerow(frame.columns)
        for values in frame.astype(object).where(frame.notna(), "").itertuples(index=False):
            writer.writerow([vn_date(v) if isinstance(v, (date, datetime)) else v for v in values])


def write_xlsx_sheets(sheets: dict[str, pd.DataFrame], path: Path, title: str | None = None,
                      real_dates: bool = False, choices: dict[str, list[str]] | None = None) -> None:
    """One sheet per table, with a filter on the header, the header row frozen and columns as wide as their
    text (within bounds); text is always written as text, never as a formula.
    real_dates: dates as spreadsheet dates (sortable, filterable) shown dd/mm/yyyy, else as that text.
    choices: column header -> the values its cells may take, offered as a drop-down list."""
    with xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False}) as book:
        bold = book.add_format({"bold": True})
        day_format = book.add_format({"num_format": "dd/mm/yyyy"})
        moment_format = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
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
                    if _blank(value):
                        continue
                    if isinstance(value, numbers.Number) and not isinstance(value, bool):
                        sheet.write_number(row, col, float(value))
                    elif isinstance(value, (date, datetime)) and real_dates:
                        moment = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
                        is_day = not isinstance(moment, datetime)
                        sheet.write_datetime(row, col, moment, day_format if is_day else moment_format)
                    elif isinstance(value, (date, datetime)):
                        sheet.write_string(row, col, vn_date(value))
                    else:
                        sheet.write_string(row, col, str(value))
            sheet.autofilter(top, 0, top + max(len(frame), 1), max(len(frame.columns) - 1, 0))
            sheet.freeze_panes(top + 1, 0)
            for col, header in enumerate(frame.columns):
                sheet.set_column(col, col, column_width(header, frame[header]))
                if header in (choices or {}):
                    sheet.data_validation(top + 1, col, top + max(len(frame), 1), col, {
                        "validate": "list", "source": choices[header],
                        "error_title": str(header), "error_message": "Chọn một giá trị trong danh sách: "
                                                                     + ", ".join(choices[header])})


def column_width(header, values: pd.Series) -> float:
    """Characters of the longest of the header and the first rows' values, between 8 and 60 (long texts
    such as the evidence are then cut at the cell's edge, whole in the cell)."""
    sample = [vn_date(v) if isinstance(v, (date, datetime)) else str(v) for v in values.head(200) if not _blank(v)]
    return max(8, min(60, max([len(str(header)), *map(len, sample)]) + 2))


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """The queue sheet; its decision column offers the labels `giamsat import-decisions` reads."""
    write_xlsx_sheets({"Hàng đợi": frame}, path, real_dates=True,
                      choices={DECISION_HEADERS[0]: list(DECISION_LABELS.values())})


def read_queue(settings: Settings) -> pd.DataFrame:
    """The waiting items, most severe first, with the organisation's name; codes as Vietnamese labels."""
    columns = ", ".join(f"queue.{c}" for c in QUEUE_HEADERS if c != "org_name")
    warehouse = open_warehouse(settings, read_only=True)
    try:
        queue = warehouse.read_frame(f"""
            select {columns}, organizations.org_name
            from marts.flagged_items as queue
            left join marts.dim_organizations as organizations
                on queue.org_id = organizations.org_id
            where queue.status in ({', '.join(f"'{s}'" for s in WAITING)})
            order by queue.severity_score desc, queue.object_type, queue.object_id""")
    finally:
        warehouse.close()
    queue["object_type"] = queue["object_type"].map(OBJECT_TYPE_LABELS).fillna(queue["object_type"])
    queue["status"] = queue["status"].map(STATUS_LABELS).fillna(queue["status"])
    for column in ("first_flagged_at", "last_flagged_at"):
        queue[column] = [None if pd.isna(v) else v.to_pydatetime() for v in queue[column]]
    queue = queue[list(QUEUE_HEADERS)].astype(object)
    for header in DECISION_HEADERS:
        queue[header] = None
    return queue.rename(columns=QUEUE_HEADERS)


def file_label(org_id: str, org_name: str | None) -> str:
    """A readable file name part: the organisation's name without diacritics, then its id."""
    name = re.sub(r"[^a-z0-9]+", "-", fold(org_name or "")).strip("-")
    return f"{name}_{org_id}" if name else str(org_id)


def export_queue(settings: Settings, out_dir: Path | None = None) -> list[Path]:
    """Write the whole queue and one file pair per organisation; returns the paths written."""
    queue = read_queue(settings)
    out_dir = out_dir or settings.exports
    out_dir.mkdir(parents=True, exist_ok=True)
    org_id, org_name = QUEUE_HEADERS["org_id"], QUEUE_HEADERS["org_name"]
    groups = [("tat-ca", queue)]
    keys = queue[org_id].where(queue[org_id].notna(), NO_ORG[0])
    for org, part in queue.groupby(keys, sort=True):
        groups.append((NO_ORG[0] if org == NO_ORG[0] else file_label(org, part[org_name].iloc[0]), part))
    written = []
    for label, part in groups:
        for suffix, writer in ((".csv", write_csv), (".xlsx", write_xlsx)):
            path = out_dir / f"hang-doi-canh-bao_{label}{suffix}"
            writer(part, path)
            written.append(path)
    return written


@asset(key=["exports", "flagged_items"], deps=[AssetKey(["marts", "flagged_items"])], group_name="exports",
       description="The review queue (items waiting for a reviewer) as CSV and XLSX files, for all and per "
                   "organisation")
def flagged_items_export(context: AssetExecutionContext, warehouse: WarehouseResource):
    settings = warehouse.settings()
    paths = export_queue(settings)
    return MaterializeResult(metadata={"files": len(paths), "folder": str(settings.exports)})
