"""The report's figures, read back from the XLSX and from the PDF's text, equal the marts' (marts_fixture.py)."""

from datetime import date

import duckdb
import openpyxl

import marts_fixture as fx
from pipelines.report_content import SECTION_KPIS, compose_report, report_scopes
from pipelines.report_pdf import write_pdf
from pipelines.report_xlsx import write_xlsx
from pipelines.reports import build_report, open_marts
from report_files import pdf_flat, pdf_lines, pdf_text, sheet_texts, xlsx_table

THIS, LAST = "Tháng 11/2026", "Tháng 10/2026"


def kpi_model(settings, province: str) -> dict[str, tuple[int, int]]:
    """indicator -> (value in the fixture month, value in the month before), straight from marts.monthly_kpis."""
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as connection:
        rows = connection.execute("""
            select indicator, month, value from marts.monthly_kpis
            where province_code = ? and month in (?, ?)""", [province, fx.MONTH, fx.PREVIOUS]).fetchall()
    values = {(indicator, month): value for indicator, month, value in rows}
    return {indicator: (values[(indicator, fx.MONTH)], values[(indicator, fx.PREVIOUS)])
            for indicator, _ in values}


def test_one_report_per_province_and_per_department(reports):
    assert sorted(reports) == ["ORG_CT", "ORG_HN", "ORG_YT", "tinh-01", "tinh-68"]
    assert reports["ORG_YT"]["label"] == "Sở Y tế – Tỉnh Lâm Đồng"
    assert reports["ORG_HN"]["label"] == "Sở Y tế – Thành phố Hà Nội"
    assert reports["tinh-68"]["pdf"].endswith("bao-cao-thang-2026-11_tinh-68_tinh-lam-dong.pdf")
    assert reports["ORG_YT"]["xlsx"].endswith("bao-cao-thang-2026-11_org_yt_so-y-te.xlsx")


def test_xlsx_carries_every_kpi_of_the_model(settings, reports):
    expected = kpi_model(settings, "68")
    rows = xlsx_table(reports["tinh-68"]["xlsx"], "Tổng quan", "Tất cả chỉ tiêu tháng (marts.monthly_kpis)")
    assert {row["Mã chỉ tiêu"]: (row[THIS], row[LAST]) for row in rows} == expected
    assert len(rows) == len(fx.kpi_indicators())
    members = xlsx_table(reports["tinh-68"]["xlsx"], "Thành viên và cơ sở", "Đăng ký, phê duyệt và xử lý tài khoản")
    assert members[0] == {"Chỉ tiêu": "Tài khoản đăng ký mới", THIS: 1234, LAST: 1000, "Thay đổi": 234}


def test_pdf_text_carries_the_kpis_with_vietnamese_separators(settings, reports):
    lines = pdf_lines(reports["tinh-68"]["pdf"])
    expected = kpi_model(settings, "68")
    for indicator, label in [("members_registered", "Tài khoản đăng ký mới"),
                             ("establishments_approved", "Cơ sở được phê duyệt"),
                             ("complaints_received", "Khiếu nại và tranh chấp tiếp nhận"),
                             ("complaints_resolved", "Khiếu nại và tranh chấp đã giải quyết"),
                             ("violations_minor", "Vi phạm nhẹ"), ("flags_raised", "Cảnh báo phát sinh"),
                             ("incidents_reported", "Sự cố vận hành"),
                             ("policy_documents_published", "Văn bản chính sách được đăng")]:
        this, last = expected[indicator]
        change = f"+{this - last}" if this > last else str(this - last)
        assert f"{label} {this:,} {last:,} {change}".replace(",", ".") in lines, indicator
    assert "Tài khoản đăng ký mới 1.234 1.000 +234" in lines  # the same line, written out once by hand


def test_key_figures_sum_the_marts(reports):
    rows = xlsx_table(reports["tinh-68"]["xlsx"], "Tổng quan", "Những con số chính")
    figures = {row["Chỉ tiêu"]: (row[THIS], row[LAST]) for row in rows}
    assert figures["Quyết định duyệt"] == (30 + 12, 18)  # decisions_listing + decisions_review, flags apart
    assert figures["Hồ sơ chờ duyệt cuối tháng"] == (8, 4)  # = moderation_backlog
    assert figures["Vi phạm an toàn thực phẩm"] == (1 + 2 + 4, 5)
    text = pdf_text(reports["tinh-68"]["pdf"])
    assert "Quyết định duyệt\n42\n▲ 24 so với tháng trước" in text


def test_approvals_by_object_type_equal_the_decisions_kpis(settings, reports):
    rows = {row["Loại hồ sơ"]: row for row in
            xlsx_table(reports["tinh-68"]["xlsx"], "Duyệt thông tin", "Theo loại hồ sơ")}
    kpis = kpi_model(settings, "68")
    assert rows["Tin đăng sản phẩm"]["Đã quyết định"] == kpis["decisions_listing"][0] == 30
    assert rows["Đánh giá"]["Đã quyết định"] == kpis["decisions_review"][0] == 12
    assert rows["Tin đăng sản phẩm"]["Thay đổi quyết định"] == 30 - 18
    assert rows["Tin đăng sản phẩm"]["Tồn cuối tháng"] == 5 + 2
    assert "Cảnh báo" not in rows  # reviewers' decisions on flags have their own section
    lines = pdf_lines(reports["tinh-68"]["pdf"])
    assert "Tin đăng sản phẩm 37 30 +12 24 4 2 1 7 +3" in lines
    hours = xlsx_table(reports["tinh-68"]["xlsx"], "Duyệt thông tin",
                       "Thời gian ra quyết định theo đơn vị (giờ, trung vị)")
    assert {row["Đơn vị"]: row["Tin đăng sản phẩm"] for row in hours} == {
        "Chi cục An toàn vệ sinh thực phẩm": 12.5, "Phòng Quản lý thương mại": 30.0}
    assert "Chi cục An toàn vệ sinh thực phẩm 12,5 6,8" in lines  # 6.75 hours shown with one decimal


def test_a_department_report_shows_its_own_approvals_and_the_province_kpis(reports):
    rows = {row["Loại hồ sơ"]: row for row in
            xlsx_table(reports["ORG_YT"]["xlsx"], "Duyệt thông tin", "Theo loại hồ sơ")}
    assert rows["Tin đăng sản phẩm"]["Đã quyết định"] == 20  # ORG_YT_1 only, not ORG_CT_1's 10
    flags = xlsx_table(reports["ORG_YT"]["xlsx"], "Cảnh báo", "Cảnh báo theo lý do (Sở Y tế và các đơn vị trực thuộc)")
    assert sorted((row["Lý do cảnh báo"], row[THIS]) for row in flags) == sorted(
        [(fx.DISEASE, 1), (fx.PRICE, 1), (fx.BURST, 1)])
    members = xlsx_table(reports["ORG_YT"]["xlsx"], "Thành viên và cơ sở", "Đăng ký, phê duyệt và xử lý tài khoản")
    assert members[0][THIS] == 1234  # the province's figure …
    text = pdf_flat(reports["ORG_YT"]["pdf"])
    assert "Số liệu toàn tỉnh Lâm Đồng (chỉ tiêu chưa phân theo đơn vị)." in text  # … and the report says so
    other = {row["Lý do cảnh báo"]: row for row in xlsx_table(
        reports["ORG_CT"]["xlsx"], "Cảnh báo", "Cảnh báo theo lý do (Sở Công Thương và các đơn vị trực thuộc)")}
    assert (other[fx.PHONE][THIS], other[fx.PRICE][THIS], other[fx.PRICE][LAST]) == (1, 0, 1)


def test_violations_follow_violation_statistics(reports):
    rows = xlsx_table(reports["tinh-68"]["xlsx"], "Vi phạm ATTP", "Theo loại, mức độ và nguồn phát hiện")
    columns = ["Loại vi phạm", "Mức độ", "Nguồn phát hiện", "Số vi phạm", "Số cơ sở", "Cơ sở tái phạm"]
    assert [tuple(r[c] for c in columns) for r in rows] == [
        ("Ghi nhãn", "Nhẹ", "Kiểm tra", 3, 2, 1), ("Vệ sinh", "Đáng kể", "Kiểm tra", 2, 2, 0),
        ("Chất cấm", "Nghiêm trọng", "Phản ánh", 1, 1, 0), ("Ghi nhãn", "Nhẹ", "Cảnh báo", 1, 1, 0)]
    lines = pdf_lines(reports["tinh-68"]["pdf"])
    assert "Ghi nhãn Nhẹ Kiểm tra 3 2 2 1 12,5 1" in lines
    assert "Chất cấm Nghiêm trọng Phản ánh 1 1 1 0 — 0" in lines


def test_rankings_top_bottom_and_moves(reports):
    leaders = xlsx_table(reports["tinh-68"]["xlsx"], "Xếp hạng cơ sở", "Dẫn đầu mỗi nhóm")
    assert [(r["Nhóm sản phẩm"], r["Cơ sở"], r["Điểm"], r["Thay đổi hạng"]) for r in leaders] == [
        ("Rau củ", fx.MARKUP_NAME, 91.25, 1), ("Trái cây", "Nông trại Đất Lành", 80.0, 3)]
    falls = xlsx_table(reports["tinh-68"]["xlsx"], "Xếp hạng cơ sở", "Giảm hạng nhiều nhất")
    assert [r["Cơ sở"] for r in falls] == ["Hợp tác xã Rau sạch Đà Lạt", "Vườn bơ Bảo Lộc"]
    full = xlsx_table(reports["tinh-68"]["xlsx"], "Xếp hạng cơ sở", "Bảng xếp hạng đầy đủ")
    assert len(full) == len(fx.RANKINGS)
    assert "Trái cây 1 Nông trại Đất Lành 80,00 4 +3" in pdf_lines(reports["tinh-68"]["pdf"])


def test_vietnamese_text_survives_the_round_trip(reports):
    text = pdf_flat(reports["ORG_YT"]["pdf"])
    for phrase in ["BÁO CÁO CÔNG TÁC QUẢN LÝ, VẬN HÀNH HỆ THỐNG", "Sở Y tế – Tỉnh Lâm Đồng",
                   "Kỳ báo cáo: 01/11/2026 – 30/11/2026", "Khiếu nại và tranh chấp", "Vi phạm an toàn thực phẩm",
                   "Chi cục An toàn vệ sinh thực phẩm", fx.DISEASE, "Hợp tác xã Rau sạch Đà Lạt"]:
        assert phrase in text, phrase
    texts = sheet_texts(reports["ORG_YT"]["xlsx"])
    assert "Chi cục An toàn vệ sinh thực phẩm" in texts and "Hợp tác xã Rau sạch Đà Lạt" in texts


def test_user_text_is_never_read_as_markup_or_a_formula(reports):
    assert fx.MARKUP_NAME in pdf_text(reports["tinh-68"]["pdf"])
    book = openpyxl.load_workbook(reports["tinh-68"]["xlsx"])
    cells = [c for row in book["Xếp hạng cơ sở"].iter_rows() for c in row if c.value == fx.MARKUP_NAME]
    assert cells and all(c.data_type == "s" for c in cells)  # text, not a formula


def test_every_section_has_its_sheet_and_each_table_a_filter(reports):
    book = openpyxl.load_workbook(reports["tinh-68"]["xlsx"])
    assert book.sheetnames == ["Tổng quan", "Thành viên và cơ sở", "Duyệt thông tin", "Khiếu nại", "Vi phạm ATTP",
                               "Cảnh báo", "Sự cố", "Văn bản chính sách", "Xếp hạng cơ sở"]
    tables = [t for ws in book.worksheets for t in ws.tables.values()]
    assert tables and all(t.autoFilter is not None for t in tables)


def test_the_same_data_gives_the_same_files(settings, reports, tmp_path):
    """The delivery log compares checksums: rebuilding a month must not change a byte."""
    marts = open_marts(settings)
    scope = next(s for s in report_scopes(marts) if s.key == "tinh-68")
    again = compose_report(marts, scope, fx.MONTH)
    marts.close()
    write_pdf(again, tmp_path / "again.pdf")
    write_xlsx(again, tmp_path / "again.xlsx")
    for kind in ("pdf", "xlsx"):
        assert open(reports["tinh-68"][kind], "rb").read() == (tmp_path / f"again.{kind}").read_bytes(), kind


def test_a_month_without_activity_gives_a_report_that_says_so(settings, tmp_path):
    """December 2026: nothing happened (the fixture stops in November), so the report says so and still shows
    November beside it."""
    manifest = build_report(settings, tmp_path, date(2026, 12, 1))
    assert len(manifest["reports"]) == 5 and all(r["is_empty"] for r in manifest["reports"])
    report = next(r for r in manifest["reports"] if r["key"] == "ORG_YT")
    text = pdf_flat(report["pdf"])
    assert "Tháng 12/2026 không ghi nhận hoạt động nào trong kho dữ liệu (Sở Y tế – Tỉnh Lâm Đồng)." in text
    assert "Những con số chính" not in text
    assert "Tài khoản đăng ký mới 0 1.234 -1.234" in pdf_lines(report["pdf"])
    rows = xlsx_table(report["xlsx"], "Tổng quan", "Tất cả chỉ tiêu tháng (marts.monthly_kpis)")
    assert len(rows) == len(fx.kpi_indicators()) and not any(row["Tháng 12/2026"] for row in rows)


def test_every_section_indicator_is_one_the_kpi_model_counts():
    seeded = {row["indicator"] for row in fx.kpi_indicators()}
    assert {code for codes in SECTION_KPIS.values() for code in codes} - seeded == set()


def test_the_default_month_is_the_latest_that_has_ended(settings):
    """The fixture holds 10/2026 and 11/2026. On 15/11/2026 November is still running: October's report; from
    December on, November's. A month still running would give managers half a month."""
    marts = open_marts(settings)
    try:
        assert marts.latest_month(today=date(2026, 11, 15)) == date(2026, 10, 1)
        assert marts.latest_month(today=date(2026, 12, 4)) == date(2026, 11, 1)
        assert marts.latest_month(today=date(2027, 3, 1)) == date(2026, 11, 1)
    finally:
        marts.close()
