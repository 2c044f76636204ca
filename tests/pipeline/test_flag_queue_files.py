"""The queue's files: decisions imported from a file (`giamsat import-decisions`), the export per organisation."""

from __future__ import annotations

from datetime import datetime

import duckdb
import openpyxl
import pytest
from click.testing import CliRunner

from pipelines.cli import main
from pipelines.decisions import DecisionFileError, import_decisions
from ingest.validate import LOCAL_TIME
from pipelines.exports import file_label
from pipelines.settings import load_settings

DECISIONS = """Loại đối tượng,Mã đối tượng,Quyết định,Ngày quyết định,Người duyệt,Ghi chú
Tin đăng sản phẩm,L6,Xác nhận vi phạm,25/11/2026 09:00,S1,giá sai
Tin đăng sản phẩm,L10,bac bo,25/11/2026 09:10,S1,
member,C01,escalated,2026-11-25 09:30,S3,
Tin đăng sản phẩm,L7,,,,
listing,L8,approve,25/11/2026 09:40,S1,
car,X1,dismissed,25/11/2026 09:50,S1,
listing,L9,dismissed,not a date,S1,
listing,L11,approved,25/11/2026 10:00,S1,
Khiếu nại,K1,Bác bỏ,,S2,
listing,L12,confirmed,01/01/2030 10:00,S1,
"""


@pytest.fixture
def home(tmp_path):
    (tmp_path / "decisions.csv").write_text(DECISIONS, encoding="utf-8")
    return tmp_path


def test_decisions_become_moderation_events_and_bad_rows_are_quarantined(home):
    settings = load_settings(home)
    before = datetime.now(LOCAL_TIME).replace(tzinfo=None, microsecond=0)
    outcome = import_decisions(settings, home / "decisions.csv", progress=lambda message: None)
    assert (outcome.batch.rows_received, outcome.batch.rows_loaded, outcome.batch.rows_quarantined) == (9, 4, 5)
    assert outcome.undecided == 1  # L7: exported, nobody decided yet
    assert outcome.dated_at_import == 1  # K1: decided, the date left empty
    assert outcome.quarantined == [
        (6, "decision", "giá trị không thuộc danh sách cho phép: 'approve'"),
        (7, "object_type/object_id", "loại đối tượng không có trong hàng đợi (cần Tin đăng sản phẩm, Tin cung cầu, "
                                     "Đánh giá, Tài khoản, Bình luận, Khiếu nại): 'car'"),
        (8, "decided_at", "ngày giờ không hợp lệ: 'not a date'"),
        # a moderation action, but not a reviewer's decision on a flag
        (9, "decision", "không phải quyết định (cần Xác nhận vi phạm, Bác bỏ, Chuyển cấp trên): 'approved'"),
        (11, "decided_at", "thời điểm trong tương lai: '01/01/2030 10:00'"),  # 2030 for 2026 would stretch the marts
    ]
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as connection:
        events = connection.execute("""
            select object_type, object_id, action, actor_staff_id, occurred_at, reason
            from raw.moderation_events order by _line""").fetchall()
    assert events[:3] == [
        ("flag", "listing:L6", "confirmed", "S1", datetime(2026, 11, 25, 9, 0), "giá sai"),
        ("flag", "listing:L10", "dismissed", "S1", datetime(2026, 11, 25, 9, 10), None),
        ("flag", "member:C01", "escalated", "S3", datetime(2026, 11, 25, 9, 30), None),
    ]
    complaint = events[3]
    assert complaint[:4] == ("flag", "complaint:K1", "dismissed", "S2")
    assert before <= complaint[4] <= datetime.now(LOCAL_TIME).replace(tzinfo=None)  # dated at the import


def test_the_command_reports_every_bad_row_and_imports_a_file_once(home):
    runner = CliRunner()
    first = runner.invoke(main, ["import-decisions", str(home / "decisions.csv"), "--home", str(home)])
    assert first.exit_code == 1  # some rows were quarantined
    assert "nhận 9, nạp 4, cách ly 5" in first.output and "bỏ qua 1 dòng chưa có quyết định" in first.output
    assert "1 quyết định không ghi ngày, lấy ngày giờ nhập" in first.output
    assert "dòng 6, cột decision: giá trị không thuộc danh sách cho phép: 'approve'" in first.output
    again = runner.invoke(main, ["import-decisions", str(home / "decisions.csv"), "--home", str(home)])
    assert again.exit_code == 0 and "đã nhập trước đây" in again.output


def test_a_file_without_the_needed_columns_is_refused_clearly(home):
    (home / "wrong.csv").write_text("id,quyết định\nL6,xác nhận vi phạm\n", encoding="utf-8")
    with pytest.raises(DecisionFileError, match="thiếu cột bắt buộc object_type, object_id, decided_at"):
        import_decisions(load_settings(home), home / "wrong.csv")
    result = CliRunner().invoke(main, ["import-decisions", str(home / "wrong.csv"), "--home", str(home)])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_export_file_names_carry_the_organisation_name():
    assert file_label("ORG000011", "Chi cục An toàn vệ sinh thực phẩm") == "chi-cuc-an-toan-ve-sinh-thuc-pham_ORG000011"
    assert file_label("ORG9", None) == "ORG9"


def test_queue_files_neutralise_formulas_and_keep_real_dates(tmp_path):
    import csv

    import pandas as pd

    from pipelines.exports import write_csv, write_xlsx

    flagged = datetime(2026, 12, 4, 4, 48)
    frame = pd.DataFrame({"Mã đối tượng": ["L1"], "Bằng chứng": ["=HYPERLINK(\"http://x\",\"bấm\")"],
                          "Gắn cờ lần đầu": [flagged], "Mức độ nghiêm trọng": [85]}).astype(object)
    write_csv(frame, tmp_path / "q.csv")
    write_xlsx(frame, tmp_path / "q.xlsx")
    with (tmp_path / "q.csv").open(encoding="utf-8-sig", newline="") as handle:
        row = list(csv.DictReader(handle))[0]
    assert row["Bằng chứng"].startswith("'=") and row["Gắn cờ lần đầu"] == "04/12/2026 04:48"
    sheet = openpyxl.load_workbook(tmp_path / "q.xlsx").active
    evidence, moment, score = sheet["B2"], sheet["C2"], sheet["D2"]
    assert evidence.data_type == "s" and evidence.value == "=HYPERLINK(\"http://x\",\"bấm\")"
    assert moment.value == flagged and moment.number_format == "dd/mm/yyyy hh:mm"
    assert score.value == 85


def test_the_queue_sheet_offers_the_decisions_import_reads(tmp_path):
    """A drop-down on Quyết định with the labels of pipelines/labels.py, which import-decisions accepts; the
    header row frozen; columns as wide as their text, within 8 and 60 characters."""
    import pandas as pd

    from pipelines.exports import DECISION_HEADERS, write_xlsx

    frame = pd.DataFrame({"Mã đối tượng": ["L1", "L2"], "Bằng chứng": ["x" * 300, "ngắn"],
                          "Gắn cờ lần đầu": [datetime(2026, 12, 4, 4, 48)] * 2,
                          **{header: [None, None] for header in DECISION_HEADERS}}).astype(object)
    write_xlsx(frame, tmp_path / "q.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "q.xlsx").active
    [validation] = sheet.data_validations.dataValidation
    assert validation.type == "list" and str(validation.sqref) == "D2:D3"  # Quyết định, the two rows
    assert validation.formula1 == '"Xác nhận vi phạm,Bác bỏ,Chuyển cấp trên"'
    assert sheet.freeze_panes == "A2"
    widths = {column: sheet.column_dimensions[column].width for column in "ABCD"}
    # openpyxl reads xlsxwriter's widths back with the cell padding (+0.71)
    assert [round(w) for w in widths.values()] == [15, 61, 19, 13]


def test_the_drop_down_labels_are_the_ones_import_decisions_reads():
    """The labels of the drop-down are the ones import-decisions reads (one place: pipelines/labels.py)."""
    from pipelines.decisions import DECISIONS
    from pipelines.labels import DECISION_LABELS, fold

    assert {DECISIONS[fold(label)] for label in DECISION_LABELS.values()} == {"confirmed", "dismissed", "escalated"}
