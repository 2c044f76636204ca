"""The monthly report as a PDF for managers: A4, Vietnamese, DejaVu Sans embedded, charts drawn with fpdf2.

Every text goes through plain cells (never write_html or markdown), so a name such as `<b>x</b>` or `**x**`
written by a platform user is printed as it is.
"""

from __future__ import annotations

import importlib.util
import math
from datetime import datetime
from pathlib import Path

from fpdf import FPDF, FontFace

from pipelines.report_content import (
    BarChart, KeyFigure, MonthlyReport, Table, next_month, period_text, previous_month,
)
from pipelines.texts import vn_number

DARK = (31, 73, 125)
LIGHT = (232, 239, 247)
STRIPE = (246, 248, 251)
GREY = (96, 96, 96)
PREVIOUS_BAR = (172, 186, 206)
FONT = "DejaVu"
LINE = 4.4  # table line height, mm


def font_files() -> dict[str, Path]:
    """DejaVu Sans (full Vietnamese coverage) as shipped inside the matplotlib wheel: no system fonts needed,
    nothing downloaded. find_spec locates the package without importing it."""
    spec = importlib.util.find_spec("matplotlib")
    folder = Path(spec.submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf"
    return {"": folder / "DejaVuSans.ttf", "B": folder / "DejaVuSans-Bold.ttf",
            "I": folder / "DejaVuSans-Oblique.ttf"}


def shown(value, decimals: int = 0, signed: bool = False) -> str:
    """A number as a Vietnamese reader writes it; '—' when there is none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, str):
        return value
    text = vn_number(value, decimals)
    return f"+{text}" if signed and value > 0 else text


def change_text(figure: KeyFigure) -> str:
    delta = figure.current - figure.previous
    if delta == 0:
        return "bằng tháng trước"
    return f"{'▲' if delta > 0 else '▼'} {vn_number(abs(delta))} so với tháng trước"


class ReportPDF(FPDF):
    def __init__(self, report: MonthlyReport):
        super().__init__(format="A4")
        self.report = report
        for style, path in font_files().items():
            self.add_font(FONT, style, str(path))
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, margin=16)
        self.set_title(report.title)
        self.set_author("Kho dữ liệu giám sát sàn giao dịch nông sản, thực phẩm")
        self.set_lang("vi")
        # the same data gives the same file (the delivery log compares checksums)
        self.set_creation_date(datetime.combine(next_month(report.month), datetime.min.time()))

    def header(self):
        if self.page_no() == 1:
            return
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*GREY)
        self.cell(0, 4, f"Báo cáo tháng {self.report.month:%m/%Y} · {self.report.scope.label}")
        self.ln(7)

    def footer(self):
        self.set_y(-11)
        self.set_font(FONT, "", 7)
        self.set_text_color(*GREY)
        self.cell(self.epw / 2, 4, "Nguồn: kho dữ liệu giám sát (marts.monthly_kpis và các bảng tổng hợp)")
        self.cell(self.epw / 2, 4, f"Trang {self.page_no()}/{{nb}}", align="R")

    def room_for(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def text_line(self, text: str, size: float = 9, style: str = "", color=(0, 0, 0), height: float = 5):
        self.set_font(FONT, style, size)
        self.set_text_color(*color)
        self.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def title_block(pdf: ReportPDF, report: MonthlyReport) -> None:
    month = report.month
    pdf.set_fill_color(*DARK)
    pdf.rect(0, 0, pdf.w, 34, style="F")
    pdf.set_xy(pdf.l_margin, 9)
    pdf.text_line("BÁO CÁO CÔNG TÁC QUẢN LÝ, VẬN HÀNH HỆ THỐNG", 15, "B", (255, 255, 255), 7)
    pdf.text_line(f"Sàn giao dịch nông sản, thực phẩm · Tháng {month:%m/%Y}", 10.5, "", (255, 255, 255), 6)
    pdf.text_line(report.scope.label, 10.5, "B", (255, 255, 255), 6)
    pdf.set_y(38)
    pdf.text_line(period_text(month), 9, "", GREY)
    if report.scope.is_department:
        pdf.text_line(f"Phần duyệt thông tin và cảnh báo tính cho {report.scope.name} và các đơn vị trực thuộc; "
                      f"các chỉ tiêu khác chưa phân theo đơn vị nên là số liệu {report.scope.whole_province}.",
                      8.5, "I", GREY, 4.5)
    pdf.ln(3)


def empty_notice(pdf: ReportPDF, report: MonthlyReport) -> None:
    pdf.set_fill_color(*LIGHT)
    pdf.set_font(FONT, "B", 10)
    pdf.set_text_color(*DARK)
    pdf.multi_cell(0, 5.5, f"Tháng {report.month:%m/%Y} không ghi nhận hoạt động nào trong kho dữ liệu "
                         f"({report.scope.label}).", fill=True, padding=3, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def key_figures_block(pdf: ReportPDF, report: MonthlyReport) -> None:
    pdf.text_line("Những con số chính", 11, "B", DARK, 7)
    gap, per_row, height = 3, 4, 21
    width = (pdf.epw - gap * (per_row - 1)) / per_row
    top = pdf.get_y() + 1
    for i, figure in enumerate(report.key_figures):
        x = pdf.l_margin + (i % per_row) * (width + gap)
        y = top + (i // per_row) * (height + gap)
        pdf.set_fill_color(*LIGHT)
        pdf.rect(x, y, width, height, style="F", round_corners=True, corner_radius=1.5)
        pdf.set_xy(x + 2.5, y + 2)
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(*GREY)
        pdf.cell(width - 5, 3.5, figure.label + (" *" if figure.province_wide else ""))
        pdf.set_xy(x + 2.5, y + 6.5)
        pdf.set_font(FONT, "B", 15)
        pdf.set_text_color(*DARK)
        pdf.cell(width - 5, 7, vn_number(figure.current))
        pdf.set_xy(x + 2.5, y + 15)
        pdf.set_font(FONT, "", 6.8)
        pdf.set_text_color(*GREY)
        pdf.cell(width - 5, 3.5, change_text(figure))
    rows = math.ceil(len(report.key_figures) / per_row)
    pdf.set_xy(pdf.l_margin, top + rows * (height + gap))
    if any(figure.province_wide for figure in report.key_figures):
        pdf.text_line(f"* Số liệu {report.scope.whole_province} (chỉ tiêu chưa phân theo đơn vị).", 7.5, "I", GREY, 4)
    pdf.ln(2)


def section_heading(pdf: ReportPDF, number: int, title: str) -> None:
    pdf.room_for(45)  # a heading never ends a page alone
    pdf.ln(2)
    pdf.set_font(FONT, "B", 12)
    pdf.set_text_color(*DARK)
    pdf.cell(0, 7, f"{number}. {title}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*DARK)
    pdf.set_line_width(0.4)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
    pdf.ln(2.5)


def blank_text(table: Table) -> str | None:
    """What to write instead of a table with no rows or nothing but zeros; None when it has figures."""
    if table.frame.empty:
        return table.empty_text
    numbers = table.frame.select_dtypes("number")
    if not numbers.empty and not numbers.fillna(0).to_numpy().any():
        return "Không phát sinh trong tháng này và tháng trước."
    return None


def is_number_column(table: Table, column) -> bool:
    return str(table.frame[column].dtype) not in ("object", "str")


def shrink(wide: list[float], narrow: list[float], room: float) -> list[float]:
    """Widths between `wide` and `narrow` (each column moved the same share of the way) that fill `room`."""
    excess, give = sum(wide) - room, sum(wide) - sum(narrow)
    share = 0 if excess <= 0 else min(excess / give, 1) if give > 0 else 1
    return [w - (w - n) * share for w, n in zip(wide, narrow)]


def column_widths(pdf: ReportPDF, table: Table, cells: list[list[str]]) -> list[float]:
    """As wide as the texts; when the page is too narrow the headers wrap first, then long texts (never numbers).
    Spare width is shared out."""
    padding = 2.6
    pdf.set_font(FONT, "B", 7.3)
    headers = [str(header) for header in table.frame.columns]
    header_line = [min(pdf.get_string_width(h), 16) + padding for h in headers]  # a short header on one line
    header_word = [max(pdf.get_string_width(word) for word in h.split()) + padding for h in headers]
    pdf.set_font(FONT, "", 7.8)
    values = [max([pdf.get_string_width(row[i]) + padding for row in cells] + [0]) for i in range(len(headers))]
    numeric = [is_number_column(table, c) for c in table.frame.columns]
    natural = [max(v, line, word) for v, line, word in zip(values, header_line, header_word)]
    headers_wrapped = [max(v, word) for v, word in zip(values, header_word)]
    texts_wrapped = [max(v, word) if number else word for v, word, number in zip(values, header_word, numeric)]
    widths = shrink(natural, headers_wrapped, pdf.epw)
    if sum(headers_wrapped) > pdf.epw:
        widths = shrink(headers_wrapped, texts_wrapped, pdf.epw)
    return [width * pdf.epw / sum(widths) for width in widths]


def table_block(pdf: ReportPDF, table: Table) -> None:
    rows = len(table.frame)
    pdf.room_for(14 + LINE * 1.3 * min(max(rows, 1), 12))
    pdf.set_font(FONT, "B", 9)
    pdf.set_text_color(0, 0, 0)
    pdf.cell(0, 6, table.title, new_x="LMARGIN", new_y="NEXT")
    if table.note:
        pdf.text_line(table.note, 7.5, "I", GREY, 4)
    if blank_text(table):
        pdf.text_line(blank_text(table), 8.5, "", GREY, 5)
        pdf.ln(2)
        return
    numeric = [is_number_column(table, c) for c in table.frame.columns]
    cells = [[shown(value, table.decimals.get(column, 0), column in table.signed)
              for column, value in zip(table.frame.columns, row)]
             for row in table.frame.itertuples(index=False)]
    pdf.set_font(FONT, "", 7.8)
    pdf.set_text_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)  # the rows between the stripes take the current fill colour
    pdf.set_draw_color(200, 206, 214)
    pdf.set_line_width(0.2)
    headings = FontFace(emphasis="BOLD", color=DARK, fill_color=LIGHT, size_pt=7.3)
    with pdf.table(width=pdf.epw, col_widths=column_widths(pdf, table, cells), line_height=LINE,
                   text_align=["RIGHT" if n else "LEFT" for n in numeric], headings_style=headings,
                   borders_layout="HORIZONTAL_LINES", cell_fill_color=STRIPE, cell_fill_mode="ROWS",
                   padding=(0.8, 1.2), v_align="MIDDLE") as grid:
        header = grid.row()
        for column in table.frame.columns:
            header.cell(str(column))
        for row in cells:
            line = grid.row()
            for text in row:
                line.cell(text)
    pdf.ln(4)


def chart_block(pdf: ReportPDF, chart: BarChart, report: MonthlyReport) -> None:
    """Horizontal bars: this month (dark) above last month (light), with the values at the bar ends."""
    values = list(chart.current) + list(chart.previous)
    if not values or max(values) <= 0:
        return
    row, bar = 7.2, 2.7
    pdf.room_for(14 + row * len(chart.labels))
    pdf.set_font(FONT, "B", 9)
    pdf.set_text_color(0, 0, 0)
    pdf.cell(0, 6, chart.title, new_x="LMARGIN", new_y="NEXT")
    legend_y = pdf.get_y() + 0.5
    for i, (color, text) in enumerate(((DARK, f"Tháng {report.month:%m/%Y}"),
                                       (PREVIOUS_BAR, f"Tháng {previous_month(report.month):%m/%Y}"))):
        x = pdf.l_margin + 48 + i * 34
        pdf.set_fill_color(*color)
        pdf.rect(x, legend_y + 0.8, 4, 2.6, style="F")
        pdf.set_xy(x + 5, legend_y)
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(*GREY)
        pdf.cell(28, 4, text)
    label_width, value_width = 46, 14
    left = pdf.l_margin + label_width + 2
    scale = (pdf.epw - label_width - value_width - 2) / max(values)
    top = legend_y + 6
    for i, (label, current, previous) in enumerate(zip(chart.labels, chart.current, chart.previous)):
        y = top + i * row
        pdf.set_xy(pdf.l_margin, y)
        pdf.set_font(FONT, "", 7.8)
        pdf.set_text_color(0, 0, 0)
        pdf.cell(label_width, bar * 2 + 0.6, label, align="R")
        for offset, value, color, style in ((0, current, DARK, "B"), (bar + 0.6, previous, PREVIOUS_BAR, "")):
            pdf.set_fill_color(*color)
            pdf.rect(left, y + offset, max(value * scale, 0.4), bar, style="F")
            pdf.set_xy(left + value * scale + 1, y + offset - 0.4)
            pdf.set_font(FONT, style, 6.8)
            pdf.set_text_color(*(DARK if style else GREY))
            pdf.cell(value_width, bar + 0.8, vn_number(value))
    pdf.set_xy(pdf.l_margin, top + len(chart.labels) * row + 3)


def write_pdf(report: MonthlyReport, path: Path) -> None:
    pdf = ReportPDF(report)
    pdf.add_page()
    title_block(pdf, report)
    if report.is_empty:
        empty_notice(pdf, report)
    else:
        key_figures_block(pdf, report)
    for number, section in enumerate(report.sections, start=1):
        section_heading(pdf, number, section.title)
        for block in section.blocks:
            if isinstance(block, str):
                pdf.text_line(block, 8.5, "", GREY, 4.6)
                pdf.ln(1.5)
            elif isinstance(block, BarChart):
                chart_block(pdf, block, report)
            elif block.in_pdf:
                table_block(pdf, block)
    pdf.output(str(path))
