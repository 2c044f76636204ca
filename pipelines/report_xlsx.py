"""The monthly report as an XLSX beside the PDF: the same tables, one sheet per section, each table an Excel
table with its own filter buttons. Text is always written as text (never as a formula or a link)."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

import pandas as pd
import xlsxwriter

from pipelines.report_content import MonthlyReport, Section, Table, next_month, period_text


def number_format(table: Table, column: str) -> str:
    decimals = table.decimals.get(column, 0)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return f"+{pattern};-{pattern};0" if column in table.signed else pattern


def cell_value(value):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return value.item() if hasattr(value, "item") else value  # numpy scalars → Python numbers


def write_section(book: xlsxwriter.Workbook, section: Section, report: MonthlyReport, styles: dict) -> None:
    sheet = book.add_worksheet(section.sheet[:31])
    sheet.write_string(0, 0, f"{report.title} · {report.scope.label}", styles["title"])
    sheet.write_string(1, 0, f"{section.title} · {period_text(report.month)}", styles["note"])
    row, widths = 3, {}
    for block in section.blocks:
        if isinstance(block, str):
            sheet.write_string(row, 0, block, styles["note"])
            row += 2
        elif isinstance(block, Table):
            row = write_table(book, sheet, block, row, styles, widths) + 2
    for col, width in widths.items():
        sheet.set_column(col, col, min(max(width, 8), 60) + 2)


def write_table(book, sheet, table: Table, row: int, styles: dict, widths: dict) -> int:
    """Write the title, the note and the table from `row`; returns the last row used."""
    sheet.write_string(row, 0, table.title, styles["heading"])
    if table.note:
        row += 1
        sheet.write_string(row, 0, table.note, styles["note"])
    row += 1
    frame = table.frame
    if frame.empty:
        sheet.write_string(row, 0, table.empty_text, styles["note"])
        return row
    data = [[cell_value(v) for v in values] for values in frame.itertuples(index=False)]
    columns = [{"header": str(c), "format": book.add_format({"num_format": number_format(table, str(c))})}
               for c in frame.columns]
    sheet.add_table(row, 0, row + len(data), len(columns) - 1,
                    {"columns": columns, "data": data, "style": "Table Style Light 9"})
    for col, header in enumerate(frame.columns):
        longest = max([len(str(header))] + [len(str(r[col])) for r in data if r[col] is not None])
        widths[col] = max(widths.get(col, 0), longest)
    return row + len(data)


def write_xlsx(report: MonthlyReport, path: Path) -> None:
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with xlsxwriter.Workbook(str(path), options) as book:
        # the same data gives the same file (the delivery log compares checksums)
        book.set_properties({"title": report.title, "created": datetime.combine(next_month(report.month),
                                                                               datetime.min.time())})
        styles = {"title": book.add_format({"bold": True, "font_size": 13}),
                  "heading": book.add_format({"bold": True, "font_color": "#1F497D"}),
                  "note": book.add_format({"italic": True, "font_color": "#606060"})}
        for section in [report.overview, *report.sections]:
            write_section(book, section, report, styles)
