"""The contract's rules, one record type and one value kind at a time (ingest.validate)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from ingest.contract import RECORD_TYPES, RecordType
from ingest.validate import (
    DUPLICATE_KEY, LOCAL_TIME, MISSING, SURPLUS_CELLS, BatchValidator, missing_columns, parse_decimal, validate_row,
)

PATTERN_EXAMPLES = {r"\d{2}": ("79", "79"), r"\d{10}(\d{3})?": ("0101 234 567", "0101234567"),
                    r"\d{12}": ("079 012 345 678", "079012345678")}


def example(field) -> tuple[str, object]:
    """A valid value for a field, as written in an export, and the clean value expected from it."""
    if field.pattern:
        return PATTERN_EXAMPLES[field.pattern]
    if field.type == "enum":
        return f" {field.allowed[-1].upper()} ", field.allowed[-1]
    if field.type == "list":
        return f"{field.allowed[1]}; {field.allowed[0]}", f"{field.allowed[0]};{field.allowed[1]}"
    low = int(field.min or 0)
    return {
        "str": (" Cơ sở Hương Trà ", "Cơ sở Hương Trà"),
        "int": (str(low + 1), low + 1),
        "decimal": ("1.250.000 đ", Decimal("1250000.000")),
        "date": ("31/01/2026", date(2026, 1, 31)),
        "datetime": ("31/01/2026 08:30", datetime(2026, 1, 31, 8, 30)),
        "bool": ("có", True),
    }[field.type]


def valid_row(record_type: RecordType) -> tuple[dict, dict]:
    pairs = {f.name: example(f) for f in record_type.fields}
    return {name: written for name, (written, _) in pairs.items()}, {name: clean for name, (_, clean) in pairs.items()}


@pytest.mark.parametrize("name", RECORD_TYPES)
def test_a_valid_row_of_each_record_type_passes_with_its_values_parsed(name):
    row, expected = valid_row(RECORD_TYPES[name])
    row["column_not_in_contract"] = "ignored"
    assert validate_row(RECORD_TYPES[name], row) == (expected, [])


REQUIRED = [(name, f.name) for name, rt in RECORD_TYPES.items() for f in rt.fields if f.required]


@pytest.mark.parametrize("name, field", REQUIRED)
@pytest.mark.parametrize("blank", ["", "   ", None])
def test_each_required_field_is_enforced(name, field, blank):
    row, _ = valid_row(RECORD_TYPES[name])
    row[field] = blank
    assert validate_row(RECORD_TYPES[name], row) == (None, [(field, MISSING)])


def test_every_record_type_has_a_key_of_required_fields():
    for rt in RECORD_TYPES.values():
        assert all(rt.field(name).required for name in rt.key), rt.name


def test_a_file_missing_required_columns_is_detected_by_name():
    columns = ["establishment_id", "name", "kind", "address", "status", "registered_at", "updated_at", "other"]
    assert missing_columns(RECORD_TYPES["establishments"], columns) == ["member_id"]


# ---------------------------------------------------------------------------------------------------------
# Values, on the fields of real record types
# ---------------------------------------------------------------------------------------------------------

def check(record_type: str, field: str, value):
    """(clean value, reasons) of one field, the other fields of the row valid."""
    row, _ = valid_row(RECORD_TYPES[record_type])
    row[field] = value
    clean, errors = validate_row(RECORD_TYPES[record_type], row)
    return (clean[field] if clean else None), errors


@pytest.mark.parametrize("written, number", [
    ("1.250.000 đ", "1250000"), ("1.250.000đ", "1250000"), ("1250000", "1250000"), ("1.250.000 VNĐ", "1250000"),
    ("2,5", "2.5"), ("1.250,5", "1250.5"), ("1,250,000.5", "1250000.5"), ("2.5", "2.5"), ("0.125", "0.125"),
    ("1.250", "1250"), ("1250.75", "1250.75"), ("12 500", "12500"),
])
def test_prices_written_the_vietnamese_way(written, number):
    assert check("listings", "price", written) == (Decimal(number).quantize(Decimal("0.001")), [])


@pytest.mark.parametrize("written, reason", [
    ("abc", "không phải số: 'abc'"), ("1.2.3", "không phải số: '1.2.3'"), ("12đ50", "không phải số: '12đ50'"),
    ("-3", "nhỏ hơn giá trị tối thiểu 0: '-3'"), ("1" + "0" * 15, f"số quá lớn: '1{'0' * 15}'"),
])
def test_bad_prices(written, reason):
    assert check("listings", "price", written) == (None, [("price", reason)])


def test_parse_decimal_reads_grouped_thousands_and_the_decimal_comma():
    assert parse_decimal("1.250.000,75 đồng") == Decimal("1250000.75")


@pytest.mark.parametrize("written, result", [
    ("4", (4, [])), ("4.0", (4, [])), (4, (4, [])), (4.0, (4, [])),
    ("6", (None, [("ocop_stars", "lớn hơn giá trị tối đa 5: '6'")])),
    ("2", (None, [("ocop_stars", "nhỏ hơn giá trị tối thiểu 3: '2'")])),
    ("3,5", (None, [("ocop_stars", "không phải số nguyên: '3,5'")])),
    ("bốn", (None, [("ocop_stars", "không phải số nguyên: 'bốn'")])),
])
def test_integers_and_their_range(written, result):
    assert check("certificates", "ocop_stars", written) == result


@pytest.mark.parametrize("written, day", [
    ("2026-02-28", date(2026, 2, 28)), ("28/02/2026", date(2026, 2, 28)), ("1/2/2026", date(2026, 2, 1)),
    ("29/02/2024", date(2024, 2, 29)), (datetime(2026, 2, 28, 0, 0), date(2026, 2, 28)),
])
def test_dates(written, day):
    assert check("certificates", "issued_on", written) == (day, [])


def test_a_moment_in_the_future_is_refused_unless_it_is_an_expiry_or_an_end():
    """A reviewer's slip in the year (2030 for 2026) would stretch every monthly mart to 2030."""
    now = datetime.now(LOCAL_TIME).replace(tzinfo=None)
    assert check("moderation_events", "occurred_at", "2030-01-01 10:00") == (
        None, [("occurred_at", "thời điểm trong tương lai: '2030-01-01 10:00'")])
    assert check("certificates", "issued_on", "01/01/2030") == (
        None, [("issued_on", "thời điểm trong tương lai: '01/01/2030'")])
    assert check("certificates", "expires_on", "29/02/2028") == (date(2028, 2, 29), [])
    assert check("account_sanctions", "ends_at", "2030-01-01 10:00") == (datetime(2030, 1, 1, 10, 0), [])
    # a clock a few hours ahead passes: up to a day after now
    later_today = now + timedelta(hours=12)
    assert check("moderation_events", "occurred_at", later_today) == (later_today, [])
    two_days_on = now + timedelta(days=2)
    assert check("moderation_events", "occurred_at", two_days_on)[1] == [
        ("occurred_at", f"thời điểm trong tương lai: {two_days_on!r}")]


@pytest.mark.parametrize("written", ["31/02/2026", "2026-02-30", "29/02/2027", "28-02-2026", "2026/02/28",
                                     "13/13/2026", "hôm qua", "2026-02-28T10:00"])
def test_impossible_or_unreadable_dates_are_rejected(written):
    assert check("certificates", "issued_on", written) == (None, [("issued_on", f"ngày không hợp lệ: {written!r}")])


@pytest.mark.parametrize("written, moment", [
    ("2026-01-05 10:00", datetime(2026, 1, 5, 10, 0)),
    ("2026-01-05T10:00:30", datetime(2026, 1, 5, 10, 0, 30)),
    ("2026-01-05T10:00:00+07:00", datetime(2026, 1, 5, 10, 0)),
    ("2026-01-05T03:00:00+00:00", datetime(2026, 1, 5, 10, 0)),
    ("2026-01-05T03:00:00Z", datetime(2026, 1, 5, 10, 0)),
    ("2026-01-05 20:00:00-05:00", datetime(2026, 1, 6, 8, 0)),
    ("05/01/2026 10:00", datetime(2026, 1, 5, 10, 0)),
    ("05/01/2026 10:00:30", datetime(2026, 1, 5, 10, 0, 30)),
    ("05/01/2026", datetime(2026, 1, 5)),
    ("2026-01-05", datetime(2026, 1, 5)),
])
def test_datetimes_in_every_accepted_form_in_vietnam_local_time(written, moment):
    assert check("complaints", "received_at", written) == (moment, [])


@pytest.mark.parametrize("written", ["31/02/2026 10:00", "05/01/2026 25:00", "20260105", "hôm qua", "10:00"])
def test_bad_datetimes(written):
    assert check("complaints", "received_at", written) == (
        None, [("received_at", f"ngày giờ không hợp lệ: {written!r}")])


@pytest.mark.parametrize("written, value", [
    ("true", True), ("FALSE", False), ("1", True), ("0", False), ("có", True), ("Không", False), (1, True),
    (False, False),
])
def test_booleans(written, value):
    assert check("staff_users", "active", written) == (value, [])


def test_a_bad_boolean():
    assert check("staff_users", "active", "maybe") == (None, [("active", "không phải giá trị đúng/sai: 'maybe'")])


@pytest.mark.parametrize("written, value", [
    ("approved", "approved"), (" Approved ", "approved"), ("Changes Requested", "changes_requested"),
])
def test_enum_values_ignore_case_and_spacing(written, value):
    assert check("establishments", "status", written) == (value, [])


@pytest.mark.parametrize("written, value", [("Yến", "yen"), ("tạ", "ta"), ("Kilogram", "kg"), ("kg", "kg")])
def test_enum_aliases(written, value):
    assert check("products", "unit", written) == (value, [])


def test_an_unknown_enum_value():
    assert check("establishments", "status", "xyz") == (
        None, [("status", "giá trị không thuộc danh sách cho phép: 'xyz'")])


def test_lists_are_stored_in_the_contract_order_without_repeats():
    assert check("listings", "claimed_certificates", "OCOP; vietgap;ocop;") == ("vietgap;ocop", [])


def test_a_list_with_an_unknown_item_names_it():
    assert check("listings", "claimed_certificates", "vietgap;iso9001") == (
        None, [("claimed_certificates", "giá trị không thuộc danh sách cho phép: 'iso9001'")])


def test_patterns_match_in_full_after_removing_spaces():
    assert check("establishments", "tax_code", "0101 234 567 001") == ("0101234567001", [])
    assert check("establishments", "tax_code", "12345") == (None, [("tax_code", "sai định dạng: '12345'")])
    assert check("establishments", "tax_code", "0101234567x") == (None, [("tax_code", "sai định dạng: '0101234567x'")])


def test_text_is_nfc_normalised_and_stripped():
    decomposed = unicodedata.normalize("NFD", "  Hợp tác xã Rau sạch Đà Lạt ")
    assert check("establishments", "name", decomposed) == ("Hợp tác xã Rau sạch Đà Lạt", [])


def test_a_number_typed_into_a_spreadsheet_cell_of_a_text_field():
    assert check("establishments", "tax_code", 101234567001.0) == (
        None, [("tax_code", "sai định dạng: 101234567001.0")])
    assert check("establishments", "name", 2026.0) == ("2026", [])


def test_every_fault_of_a_row_is_reported():
    row, _ = valid_row(RECORD_TYPES["certificates"])
    row |= {"number": "", "issued_on": "31/02/2026", "type": "iso", None: ["surplus"]}
    assert validate_row(RECORD_TYPES["certificates"], row) == (None, [
        ("*", SURPLUS_CELLS), ("type", "giá trị không thuộc danh sách cho phép: 'iso'"), ("number", MISSING),
        ("issued_on", "ngày không hợp lệ: '31/02/2026'"),
    ])


def test_a_repeated_key_within_a_batch_quarantines_the_later_row():
    record_type = RECORD_TYPES["incidents"]
    validator = BatchValidator(record_type)
    first = {"incident_id": "I1", "title": "Mất kết nối", "severity": "high", "reported_at": "2026-01-05 10:00",
             "updated_at": "2026-01-05 10:00"}
    assert validator.validate(first)[1] == []
    assert validator.validate(first | {"title": "khác"}) == (None, [("incident_id", DUPLICATE_KEY)])
    assert validator.validate(first | {"updated_at": "05/01/2026 10:00:00"}) == (None, [("incident_id", DUPLICATE_KEY)])
    assert validator.validate(first | {"updated_at": "2026-01-06 10:00"})[1] == []  # a newer version
    assert validator.validate(first | {"incident_id": "I2"})[1] == []
