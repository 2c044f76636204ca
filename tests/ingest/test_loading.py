"""Files and adapter rows into the raw tables: quarantine, refusals, re-delivery, accounting (ingest.loader)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

import pytest

from ingest import loader
from ingest.loader import Source, ingest_path, ingest_source, record_type_for
from ingest.readers import UnreadableFile
from ingest.validate import DUPLICATE_KEY, MISSING
from ingest_files import FIRST_LINE, HASH_KEY, WRITERS, quarantine_rows, write_csv, write_xlsx

NOT_UTF8 = ("tệp không phải văn bản UTF-8 hoặc UTF-16 (có thể là mã TCVN3, VNI hay Windows-1258): "
            "hãy lưu lại dưới dạng CSV UTF-8")


def phone_hash(digits: str) -> str:
    return hmac.new(HASH_KEY, digits.encode(), hashlib.sha256).hexdigest()


ESTABLISHMENTS = [
    ["establishment_id", "member_id", "name", "kind", "tax_code", "address", "phone", "main_category", "org_id",
     "status", "registered_at", "approved_at", "updated_at", "ghi_chu"],
    ["E1", "M1", "Hợp tác xã Rau sạch", "production", "0101234567",
     "12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh", "0912 345 678", "vegetables", "O1", "approved",
     "05/01/2026 08:30", "2026-01-06T09:00:00+07:00", "2026-01-06 09:00", "cột thừa"],
    ["E2", "M2", "Cơ sở Chè Thái", "business", "", "Phường Sài Gòn, Thành phố Hồ Chí Minh", "+84 912 345 678",
     "Tea_Coffee", "", "pending", "2026-01-05", "", "2026-01-06", ""],
    ["E3", "M3", "", "production", "", "Hà Nội", "", "", "", "pending", "2026-01-05", "", "2026-01-06", ""],
    ["E4", "M4", "Cơ sở 4", "business", "", "Hà Nội", "", "", "", "pending", "hôm qua", "", "2026-01-06", ""],
    ["E5", "M5", "Cơ sở 5", "factory", "", "Hà Nội", "", "", "", "pending", "2026-01-05", "", "2026-01-06", ""],
    ["E6", "M6", "Cơ sở 6", "business", "", "Hà Nội", "", "", "", "approved", "2026-01-05", "31/02/2026 10:00",
     "2026-01-06", ""],
    ["E1", "M1", "Hợp tác xã Rau sạch", "production", "", "Hà Nội", "", "", "", "approved", "2026-01-05", "",
     "06/01/2026 09:00", ""],  # the key of the first row, written another way
    ["E7", "M7", "Chicago Grill", "business", "0101 234 567 001", "4001 W FULLERTON AVE, CHICAGO, IL 60639", "",
     "other", "", "approved", "2026-01-05", "", "2026-01-06", ""],
]


@pytest.mark.parametrize("file_format", WRITERS)
def test_each_format_loads_the_good_rows_and_quarantines_the_bad_ones(tmp_path, warehouse, file_format):
    path = WRITERS[file_format](tmp_path / "establishments_2026-01", ESTABLISHMENTS)
    [result] = ingest_path(warehouse, path, HASH_KEY, progress=lambda line: None)

    first = FIRST_LINE[file_format]  # line of data row 0
    assert (result.status, result.rows_received, result.rows_loaded, result.rows_quarantined) == ("loaded", 8, 3, 5)
    assert quarantine_rows(warehouse) == [
        (first + 2, "name", MISSING),
        (first + 3, "registered_at", "ngày giờ không hợp lệ: 'hôm qua'"),
        (first + 4, "kind", "giá trị không thuộc danh sách cho phép: 'factory'"),
        (first + 5, "approved_at", "ngày giờ không hợp lệ: '31/02/2026 10:00'"),
        (first + 6, "establishment_id", DUPLICATE_KEY),
    ]
    assert warehouse.execute("""
        select _line, establishment_id, tax_code, phone_hash, address_province_code, address_ward, address_status,
               main_category, approved_at
        from raw.establishments order by _line""") == [
        (first, "E1", "0101234567", phone_hash("0912345678"), "79", "Phường Sài Gòn", "resolved", "vegetables",
         datetime(2026, 1, 6, 9, 0)),
        (first + 1, "E2", None, phone_hash("0912345678"), "79", "Phường Sài Gòn", "resolved", "tea_coffee", None),
        (first + 7, "E7", "0101234567001", None, None, None, "unresolved", "other", None),
    ]
    assert path.exists()  # a file given by its own path stays where it is


def test_an_impossible_date_in_a_date_field(tmp_path, warehouse):
    path = write_csv(tmp_path / "certificates.csv", [
        ["certificate_id", "establishment_id", "type", "number", "issuer", "issued_on", "updated_at"],
        ["C1", "E1", "vietgap", "VG-01", "Sở Nông nghiệp và Môi trường", "28/02/2026", "2026-03-01"],
        ["C2", "E1", "ocop", "OC-02", "UBND tỉnh", "31/02/2026", "2026-03-01"],
    ])
    [result] = ingest_path(warehouse, path, HASH_KEY, progress=lambda line: None)
    assert (result.rows_loaded, result.rows_quarantined) == (1, 1)
    assert quarantine_rows(warehouse) == [(3, "issued_on", "ngày không hợp lệ: '31/02/2026'")]


def test_a_csv_cut_in_the_middle_of_a_row_quarantines_only_that_row(tmp_path, warehouse):
    path = tmp_path / "incidents.csv"
    path.write_text("incident_id,title,severity,reported_at,updated_at\n"
                    "I1,Mất kết nối,high,2026-01-05 10:00,2026-01-05 10:00\nI2,Chậm,lo", encoding="utf-8")
    [result] = ingest_path(warehouse, path, HASH_KEY, progress=lambda line: None)
    assert (result.status, result.rows_loaded, result.rows_quarantined) == ("loaded", 1, 1)
    assert quarantine_rows(warehouse) == [
        (3, "reported_at", MISSING), (3, "severity", "giá trị không thuộc danh sách cho phép: 'lo'"),
        (3, "updated_at", MISSING)]


# ---------------------------------------------------------------------------------------------------------
# Refused files: recorded, moved aside with the reason, nothing loaded, the other files go on
# ---------------------------------------------------------------------------------------------------------

INCIDENTS = [["incident_id", "title", "severity", "reported_at", "updated_at"],
             ["I1", "Mất kết nối", "high", "2026-01-05 10:00", "2026-01-05 10:00"],
             ["I2", "Chậm", "low", "2026-01-06 10:00", "2026-01-06 10:00"]]


def test_a_landing_folder_with_every_kind_of_refusal(tmp_path, warehouse):
    landing = tmp_path / "landing"
    landing.mkdir()
    good_xlsx = write_xlsx(tmp_path / "good.xlsx", INCIDENTS).read_bytes()
    (landing / "certificates_cut.xlsx").write_bytes(good_xlsx[: len(good_xlsx) // 2])
    (landing / "incidents_cut.parquet").write_bytes(b"PAR1" + b"\0" * 50)
    (landing / "members_text.xlsx").write_text("member_id,kind\nM1,producer\n")
    write_csv(landing / "inventory_2026.csv", INCIDENTS)
    write_csv(landing / "establishments_no_member.csv", [[c for c in ESTABLISHMENTS[0] if c != "member_id"]])
    write_csv(landing / "incidents_good.csv", INCIDENTS)
    (landing / "archive").mkdir()
    write_csv(landing / "archive" / "incidents_old.csv", INCIDENTS)  # sub-folders are not read
    write_csv(landing / ".incidents_hidden.csv", INCIDENTS)

    results = ingest_path(warehouse, landing, HASH_KEY, progress=lambda line: None)

    assert [(r.source_file, r.status, r.record_type) for r in results] == [
        ("certificates_cut.xlsx", "refused", "certificates"),
        ("establishments_no_member.csv", "refused", "establishments"),
        ("incidents_cut.parquet", "refused", "incidents"),
        ("incidents_good.csv", "loaded", "incidents"),
        ("inventory_2026.csv", "refused", None),
        ("members_text.xlsx", "refused", "members"),
    ]
    messages = {r.source_file: r.message for r in results if r.status == "refused"}
    assert messages["certificates_cut.xlsx"] == "tệp XLSX bị hỏng, bị cắt cụt hoặc không phải tệp XLSX"
    assert messages["members_text.xlsx"] == "tệp XLSX bị hỏng, bị cắt cụt hoặc không phải tệp XLSX"
    assert messages["incidents_cut.parquet"].startswith("tệp Parquet bị hỏng, bị cắt cụt hoặc không phải tệp Parquet")
    assert messages["establishments_no_member.csv"] == "thiếu cột bắt buộc: member_id"
    assert messages["inventory_2026.csv"] == ("tên tệp không bắt đầu bằng tên một loại bản ghi của hợp đồng dữ liệu "
                                             "(ví dụ establishments_2026-01.csv; xem docs/contract.md)")
    assert all(r.rows_received == r.rows_loaded == r.rows_quarantined == 0 for r in results if r.status == "refused")

    assert sorted(p.name for p in landing.iterdir()) == [".incidents_hidden.csv", "archive", "refused"]
    assert sorted(p.name for p in (landing / "archive").iterdir()) == ["incidents_good.csv", "incidents_old.csv"]
    refused = landing / "refused"
    assert sorted(p.name for p in refused.iterdir()) == sorted(
        name + suffix for name in messages for suffix in ("", ".reason.txt"))
    assert (refused / "establishments_no_member.csv.reason.txt").read_text(encoding="utf-8").startswith(
        "thiếu cột bắt buộc: member_id\n")

    assert warehouse.execute("select count(*) from raw.incidents") == [(2,)]
    assert warehouse.execute("select status, count(*) from raw.batch_log group by 1 order by 1") == [
        ("loaded", 1), ("refused", 5)]


def test_a_path_that_does_not_exist_is_refused_not_raised(tmp_path, warehouse):
    [result] = ingest_path(warehouse, tmp_path / "incidents.csv", HASH_KEY, progress=lambda line: None)
    assert (result.status, result.message) == ("refused", "không tìm thấy tệp")


def test_a_file_that_breaks_after_many_rows_loads_nothing(tmp_path, warehouse, monkeypatch):
    monkeypatch.setattr(loader, "CHUNK_ROWS", 1000)  # several chunks are appended before the fault
    path = tmp_path / "incidents.csv"
    good_rows = "".join(f"I{i},Sự cố {i},low,2026-01-05 10:00,2026-01-05 10:00\n" for i in range(5000))
    path.write_bytes(("incident_id,title,severity,reported_at,updated_at\n" + good_rows).encode() + b"I9,\xff,low\n")
    [result] = ingest_path(warehouse, path, HASH_KEY, progress=lambda line: None)
    assert result.status == "refused"
    assert result.message == f"{NOT_UTF8} (phát hiện khi đang đọc; không dòng nào của tệp được nạp)"
    assert warehouse.execute("select count(*) from raw.incidents") == [(0,)]
    assert warehouse.execute("select count(*) from raw.quarantine") == [(0,)]
    assert warehouse.execute("select status, rows_received from raw.batch_log") == [("refused", 0)]


# ---------------------------------------------------------------------------------------------------------
# Re-delivery and accounting
# ---------------------------------------------------------------------------------------------------------

def test_the_same_file_delivered_again_loads_nothing_twice(tmp_path, warehouse):
    first = write_csv(tmp_path / "incidents_2026-01.csv", INCIDENTS)
    again = write_csv(tmp_path / "incidents_2026-01_resent.csv", INCIDENTS)
    results = [ingest_path(warehouse, path, HASH_KEY, progress=lambda line: None)[0] for path in (first, first, again)]
    assert [(r.status, r.rows_loaded) for r in results] == [("loaded", 2), ("duplicate", 0), ("duplicate", 0)]
    assert results[1].message == "đã được nạp trước đây (cùng checksum), không nạp lại"
    assert warehouse.execute("select count(*) from raw.incidents") == [(2,)]


def test_a_file_delivered_again_to_the_landing_folder_is_archived_beside_the_first(tmp_path, warehouse):
    landing = tmp_path / "landing"
    landing.mkdir()
    write_csv(landing / "incidents.csv", INCIDENTS)
    ingest_path(warehouse, landing, HASH_KEY, progress=lambda line: None)
    write_csv(landing / "incidents.csv", INCIDENTS)
    [result] = ingest_path(warehouse, landing, HASH_KEY, progress=lambda line: None)
    assert result.status == "duplicate"
    assert sorted(p.name for p in (landing / "archive").iterdir()) == sorted([
        "incidents.csv", f"incidents.{result.batch_id}.csv"])


def test_every_batch_reconciles_with_the_tables(tmp_path, warehouse):
    landing = tmp_path / "landing"
    landing.mkdir()
    WRITERS["csv"](landing / "establishments_a", ESTABLISHMENTS)
    WRITERS["xlsx"](landing / "establishments_b", ESTABLISHMENTS[:4])
    write_csv(landing / "incidents.csv", INCIDENTS + [INCIDENTS[1], ["I3", "", "urgent", "", ""]])
    write_csv(landing / "nothing.csv", INCIDENTS)
    ingest_path(warehouse, landing, HASH_KEY, progress=lambda line: None)

    batches = warehouse.execute("""
        select b.source_file, b.status, b.rows_received, b.rows_loaded, b.rows_quarantined,
               (select count(*) from raw.establishments e where e._batch_id = b.batch_id)
             + (select count(*) from raw.incidents i where i._batch_id = b.batch_id),
               (select count(distinct q.line) from raw.quarantine q where q.batch_id = b.batch_id)
        from raw.batch_log b order by b.source_file""")
    assert batches == [
        ("establishments_a.csv", "loaded", 8, 3, 5, 3, 5),
        ("establishments_b.xlsx", "loaded", 3, 2, 1, 2, 1),
        ("incidents.csv", "loaded", 4, 2, 2, 2, 2),
        ("nothing.csv", "refused", 0, 0, 0, 0, 0),
    ]
    assert all(received == loaded + quarantined for _, _, received, loaded, quarantined, _, _ in batches)


def test_no_personal_value_survives_anywhere_in_the_raw_schema(tmp_path, warehouse):
    members = [
        ["member_id", "kind", "display_name", "phone", "email", "citizen_id", "address", "registered_at", "status",
         "updated_at"],
        ["M1", "producer", "Nguyễn Văn An", "0912 345 678", "An.Nguyen@Example.vn", "079012345678",
         "Xã Cư Jút, Lâm Đồng", "2026-01-05", "active", "2026-01-05"],
        ["M2", "trader", "Trần Thị Bình", "+84 912 345 678", "", "", "", "2026-01-05", "active", "2026-01-05"],
        ["M3", "consumer", "Lê Văn Cường", "0912345678", "an.nguyen@example.vn", "07901234567", "",
         "2026-01-05", "active", "2026-01-05"],  # a citizen id one digit short: quarantined
        ["M4", "alien", "Phạm Thị Dung", "+84 987 654 321", "dung@example.vn", "", "", "2026-01-05", "active",
         "2026-01-05"],  # an unknown kind: quarantined
    ]
    [result] = ingest_path(warehouse, write_csv(tmp_path / "members.csv", members), HASH_KEY,
                           progress=lambda line: None)
    assert (result.rows_loaded, result.rows_quarantined) == (2, 2)
    assert warehouse.execute("select member_id, phone_hash from raw.members order by 1") == [
        ("M1", phone_hash("0912345678")), ("M2", phone_hash("0912345678"))]

    texts = []
    for table, column in warehouse.execute("""
            select table_name, column_name from information_schema.columns
            where table_schema = 'raw' and data_type = 'VARCHAR'"""):
        texts += [value for (value,) in warehouse.execute(f"select {column} from raw.{table}") if value]
    personal = ["912345678", "912 345 678", "987 654 321", "An.Nguyen", "an.nguyen", "dung@", "07901234567"]
    assert any("Nguyễn Văn An" in text for text in texts)  # the scan does see the loaded and quarantined rows
    assert [text for text in texts if any(value in text for value in personal)] == []
    assert warehouse.execute("select field, reason from raw.quarantine order by line") == [
        ("citizen_id", "sai định dạng: [dữ liệu cá nhân]"), ("kind", "giá trị không thuộc danh sách cho phép: 'alien'")]


# ---------------------------------------------------------------------------------------------------------
# Adapter rows, file names, progress
# ---------------------------------------------------------------------------------------------------------

def incident(number: int, **changes) -> tuple[int, dict]:
    row = {"incident_id": f"I{number}", "title": "Sự cố", "severity": "low", "reported_at": "2026-01-05 10:00",
           "updated_at": "2026-01-05 10:00"}
    return number, row | changes


def test_adapter_rows_go_through_the_same_rules(warehouse):
    source = Source("chicago:food_inspections.csv", "incidents", "abc123",
                    [incident(1), incident(2, severity="huge"), incident(3)])
    result = ingest_source(warehouse, source, HASH_KEY, progress=lambda line: None)
    assert (result.status, result.rows_received, result.rows_loaded, result.rows_quarantined) == ("loaded", 3, 2, 1)
    assert quarantine_rows(warehouse) == [(2, "severity", "giá trị không thuộc danh sách cho phép: 'huge'")]
    assert warehouse.execute("select _source_file, _line from raw.incidents order by 2") == [
        ("chicago:food_inspections.csv", 1), ("chicago:food_inspections.csv", 3)]
    again = ingest_source(warehouse, source, HASH_KEY, progress=lambda line: None)
    assert (again.status, again.rows_loaded) == ("duplicate", 0)


def test_adapter_sources_that_cannot_be_loaded_are_refused(warehouse):
    unknown = ingest_source(warehouse, Source("x", "inventory", "c1", []), HASH_KEY, progress=lambda line: None)
    assert (unknown.status, unknown.message) == ("refused", "loại bản ghi không có trong hợp đồng dữ liệu: 'inventory'")

    def breaking_rows():
        yield incident(1)
        raise UnreadableFile("fhrs.xml", "tệp XML bị cắt cụt")
    broken = ingest_source(warehouse, Source("fhrs:fhrs.xml", "incidents", "c2", breaking_rows()), HASH_KEY,
                           progress=lambda line: None)
    assert (broken.status, broken.message) == (
        "refused", "tệp XML bị cắt cụt (phát hiện khi đang đọc; không dòng nào của tệp được nạp)")
    assert warehouse.execute("select count(*) from raw.incidents") == [(0,)]


@pytest.mark.parametrize("file_name, record_type", [
    ("establishments_2026-01.csv", "establishments"), ("establishments.csv", "establishments"),
    ("Moderation_Events.JSONL", "moderation_events"), ("staff_users_hanoi.xlsx", "staff_users"),
    ("establishmentsx.csv", None), ("inventory.csv", None), ("establishments-2026.csv", None),
])
def test_the_record_type_comes_from_the_file_name(file_name, record_type):
    found = record_type_for(file_name)
    assert (found.name if found else None) == record_type


def test_progress_lines_report_rows_per_second(tmp_path, warehouse, monkeypatch):
    monkeypatch.setattr(loader, "PROGRESS_EVERY", 2)
    lines = []
    ingest_path(warehouse, write_csv(tmp_path / "incidents.csv", INCIDENTS + [incident(3)[1].values()]),
                HASH_KEY, progress=lines.append)
    assert len(lines) == 2 and lines[0].startswith("incidents.csv: 2 dòng (") and lines[0].endswith(" dòng/giây)")
    assert lines[1].startswith("ĐÃ NẠP   incidents.csv [incidents]: nhận 3, nạp 3, cách ly 0 (lô ")


def test_equal_content_has_an_equal_row_hash_in_any_batch(tmp_path, warehouse):
    ingest_path(warehouse, write_csv(tmp_path / "incidents_a.csv", INCIDENTS), HASH_KEY, progress=lambda line: None)
    ingest_path(warehouse, write_xlsx(tmp_path / "incidents_b.xlsx", INCIDENTS[:2]), HASH_KEY,
                progress=lambda line: None)
    hashes = warehouse.execute("select incident_id, _source_file, _row_hash from raw.incidents order by 1, 2")
    assert [(i, f) for i, f, _ in hashes] == [("I1", "incidents_a.csv"), ("I1", "incidents_b.xlsx"),
                                              ("I2", "incidents_a.csv")]
    assert hashes[0][2] == hashes[1][2] != hashes[2][2]
    assert len(hashes[0][2]) == 32


def test_a_closed_output_pipe_does_not_turn_a_load_into_a_refusal(tmp_path):
    """`giamsat ingest … | head -1` closes the pipe: the batch must still be logged once, as what it was."""
    from ingest.loader import ingest_file
    from ingest.warehouse import DuckDBWarehouse

    def broken_pipe(message):
        raise BrokenPipeError(32, "Broken pipe")

    export = tmp_path / "incidents.csv"
    export.write_text("incident_id,title,severity,reported_at,updated_at\n"
                      "I1,Mất kết nối,low,2026-01-05 08:00,2026-01-05 08:00\n", encoding="utf-8")
    warehouse = DuckDBWarehouse(tmp_path / "w.duckdb")
    try:
        first = ingest_file(warehouse, export, b"k", progress=broken_pipe)
        again = ingest_file(warehouse, export, b"k", progress=broken_pipe)
        log = warehouse.execute("select batch_id, status, rows_loaded from raw.batch_log order by started_at")
    finally:
        warehouse.close()
    assert (first.status, first.rows_loaded, again.status) == ("loaded", 1, "duplicate")
    assert [row[1:] for row in log] == [("loaded", 1), ("duplicate", 0)]
    assert len({row[0] for row in log}) == 2
