"""Reading every accepted format, and refusing files that cannot be read at all (ingest.readers)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ingest import readers
from ingest.readers import UnreadableFile, read_file
from ingest_files import write_csv, write_xlsx

TABLE = [["Incident_ID ", "title", "severity"], ["I1", "Mất điện, máy chủ", "high"], ["I2", "Chậm", "low"]]
EXPECTED = [(2, {"incident_id": "I1", "title": "Mất điện, máy chủ", "severity": "high"}),
            (3, {"incident_id": "I2", "title": "Chậm", "severity": "low"})]


def read(path):
    columns, rows = read_file(path)
    return columns, list(rows)


@pytest.mark.parametrize("encoding, delimiter", [
    ("utf-8", ","), ("utf-8-sig", ","), ("utf-8", ";"), ("utf-8", "\t"),
    ("utf-16", "\t"), ("utf-16-le", "\t"), ("utf-16-be", "\t"),
])
def test_csv_encodings_and_delimiters(tmp_path, encoding, delimiter):
    path = tmp_path / "incidents.csv"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    text = "\r\n".join(delimiter.join(f'"{c}"' if delimiter in c else c for c in row) for row in TABLE) + "\r\n"
    path.write_bytes(bom + text.encode(encoding))
    assert read(path) == (["incident_id", "title", "severity"], EXPECTED)


def test_csv_line_numbers_count_physical_lines_and_blank_rows_are_skipped(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_text('incident_id,title,severity\nI1,"hai\ndòng",high\n\n,,\nI2,Chậm,low,surplus\nI3\n',
                    encoding="utf-8")
    assert read(path)[1] == [
        (2, {"incident_id": "I1", "title": "hai\ndòng", "severity": "high"}),
        (6, {"incident_id": "I2", "title": "Chậm", "severity": "low", None: ["surplus"]}),
        (7, {"incident_id": "I3", "title": None, "severity": None}),
    ]


def test_xlsx_first_sheet_typed_cells_and_sheet_row_numbers(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["certificate_id", "issued_on", "ocop_stars", "revoked"])
    sheet.append(["C1", datetime(2026, 1, 31), 4, False])
    sheet.append([])
    sheet.append(["C2", "31/01/2026", "5", "không"])
    workbook.create_sheet("other").append(["ignored"])
    workbook.save(tmp_path / "certificates.xlsx")
    assert read(tmp_path / "certificates.xlsx") == (["certificate_id", "issued_on", "ocop_stars", "revoked"], [
        (2, {"certificate_id": "C1", "issued_on": datetime(2026, 1, 31), "ocop_stars": 4, "revoked": False}),
        (4, {"certificate_id": "C2", "issued_on": "31/01/2026", "ocop_stars": "5", "revoked": "không"}),
    ])


def test_jsonl_objects_arrays_and_line_numbers(tmp_path):
    path = tmp_path / "listings.jsonl"
    path.write_text(json.dumps({"Listing_ID": "L1", "price": 125000, "claimed_certificates": ["vietgap", "ocop"]})
                    + "\n\n" + json.dumps({"listing_id": "L2", "text": None}) + "\n", encoding="utf-8")
    assert read(path) == (None, [
        (1, {"listing_id": "L1", "price": 125000, "claimed_certificates": "vietgap;ocop"}),
        (3, {"listing_id": "L2", "text": None}),
    ])


def test_parquet_typed_columns_across_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "PARQUET_BATCH_ROWS", 2)
    moment = datetime(2026, 1, 5, 3, 0, tzinfo=timezone.utc)
    pq.write_table(pa.table({
        "violation_id": ["V1", "V2", "V3"],
        "detected_on": [date(2026, 1, 5)] * 3,
        "fine_amount": pa.array([Decimal("1500000.50"), None, Decimal("0")], pa.decimal128(12, 2)),
        "updated_at": [moment] * 3,
    }), tmp_path / "violations.parquet")
    columns, rows = read(tmp_path / "violations.parquet")
    assert columns == ["violation_id", "detected_on", "fine_amount", "updated_at"]
    assert [(line, row["violation_id"], row["fine_amount"]) for line, row in rows] == [
        (1, "V1", Decimal("1500000.50")), (2, "V2", None), (3, "V3", Decimal("0.00"))]
    assert rows[0][1]["detected_on"] == date(2026, 1, 5) and rows[0][1]["updated_at"] == moment


# ---------------------------------------------------------------------------------------------------------
# Files that cannot be read at all: one exception, a message naming the fault
# ---------------------------------------------------------------------------------------------------------

def refusal(path) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read(path)
    assert caught.value.path == path and str(caught.value).startswith(f"{path.name}: ")
    return caught.value.message


XLSX_BROKEN = "tệp XLSX bị hỏng, bị cắt cụt hoặc không phải tệp XLSX"
NOT_UTF8 = ("tệp không phải văn bản UTF-8 hoặc UTF-16 (có thể là mã TCVN3, VNI hay Windows-1258): "
            "hãy lưu lại dưới dạng CSV UTF-8")


def test_a_truncated_xlsx(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", TABLE).read_bytes()
    (tmp_path / "incidents.xlsx").write_bytes(good[: len(good) // 2])
    assert refusal(tmp_path / "incidents.xlsx") == XLSX_BROKEN


def test_text_named_xlsx(tmp_path):
    write_csv(tmp_path / "incidents.xlsx", TABLE)
    assert refusal(tmp_path / "incidents.xlsx") == XLSX_BROKEN


def test_a_truncated_parquet(tmp_path):
    pq.write_table(pa.table({"incident_id": [f"I{i}" for i in range(1000)]}), tmp_path / "good.parquet")
    good = (tmp_path / "good.parquet").read_bytes()
    (tmp_path / "incidents.parquet").write_bytes(good[:-100])
    assert refusal(tmp_path / "incidents.parquet").startswith(
        "tệp Parquet bị hỏng, bị cắt cụt hoặc không phải tệp Parquet (")


def test_csv_named_parquet(tmp_path):
    write_csv(tmp_path / "incidents.parquet", TABLE)
    assert refusal(tmp_path / "incidents.parquet").startswith("tệp Parquet bị hỏng")


def test_binary_garbage_named_csv(tmp_path):
    (tmp_path / "incidents.csv").write_bytes(bytes(range(256)) * 10)
    assert refusal(tmp_path / "incidents.csv") == "tệp chứa dữ liệu nhị phân, không phải CSV"


def test_a_spreadsheet_named_csv(tmp_path):
    write_xlsx(tmp_path / "incidents.csv", TABLE)
    assert refusal(tmp_path / "incidents.csv") == "tệp chứa dữ liệu nhị phân, không phải CSV"


def test_a_legacy_encoding_is_not_utf8(tmp_path):
    (tmp_path / "incidents.csv").write_bytes("incident_id,title\nI1,Cà phê Đà\n".encode("cp1258"))
    assert refusal(tmp_path / "incidents.csv") == NOT_UTF8


def test_invalid_utf8_deep_in_a_file_is_found_mid_stream(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_bytes(b"incident_id,title\n" + b"I1,ok\n" * 5000 + b"I2,\xff\xfe\n")
    columns, rows = read_file(path)
    with pytest.raises(UnreadableFile, match="UTF-8"):
        list(rows)


def test_a_truncated_utf16_file(tmp_path):
    path = tmp_path / "incidents.csv"
    write_csv(path, TABLE, "utf-16", "\t")
    path.write_bytes(path.read_bytes()[:-1])
    assert refusal(path) == NOT_UTF8


def test_an_empty_file_and_an_empty_header(tmp_path):
    (tmp_path / "incidents.csv").write_bytes(b"")
    assert refusal(tmp_path / "incidents.csv") == "tệp rỗng"
    (tmp_path / "incidents.csv").write_text("\n\nI1,x\n")
    assert refusal(tmp_path / "incidents.csv") == "dòng đầu tiên (tiêu đề cột) trống"


def test_a_header_with_a_repeated_column(tmp_path):
    write_csv(tmp_path / "incidents.csv", [["incident_id", "title", "Incident_ID"], ["I1", "x", "y"]])
    assert refusal(tmp_path / "incidents.csv") == "tiêu đề có cột trùng tên: 'incident_id'"


def test_invalid_json_lines(tmp_path):
    (tmp_path / "incidents.jsonl").write_text('{"incident_id": "I1"}\n{"incident_id": "I2"\n', encoding="utf-8")
    assert refusal(tmp_path / "incidents.jsonl").startswith("dòng 2 không phải JSON hợp lệ (")
    (tmp_path / "incidents.jsonl").write_text('["I1"]\n', encoding="utf-8")
    assert refusal(tmp_path / "incidents.jsonl") == "dòng 1 không phải một đối tượng JSON {...}"


def test_an_unsupported_extension(tmp_path):
    write_csv(tmp_path / "incidents.txt", TABLE)
    assert refusal(tmp_path / "incidents.txt") == (
        "định dạng '.txt' không được hỗ trợ (chỉ nhận .csv, .xlsx, .jsonl, .parquet)")
