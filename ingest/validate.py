"""Validation against the contract: the one place that parses values and words the reasons for rejecting them.

`validate_row(record_type, row)` returns (clean values, []) or (None, [(field, reason), ...]). Reasons are short
Vietnamese texts; tests and people rely on them, so they are all worded here, once. `BatchValidator` adds the
one rule that spans rows: the key (id, updated_at) is unique within a batch.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ingest.contract import Field, RecordType

# Datetimes are stored as naive local time of Vietnam (Asia/Ho_Chi_Minh), UTC+7 without daylight saving since
# 1975: a fixed offset gives the same result as the zone database, several times faster.
LOCAL_TIME = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


def vietnam_now() -> datetime:
    """Now, as the naive Vietnam time every stored moment is in (batch ids, the batch log, model metadata)."""
    return datetime.now(LOCAL_TIME).replace(tzinfo=None)

MISSING = "thiếu trường bắt buộc"
SURPLUS_CELLS = "dòng có nhiều ô hơn dòng tiêu đề"
DUPLICATE_KEY = "trùng mã và updated_at với một dòng trước trong cùng tệp"
WHOLE_ROW = "*"  # the field of a reason that concerns the whole row


# Templates of the reasons; {value} is the value at fault, quoted, unless it is personal data.
NOT_A_NUMBER = "không phải số: {value}"
NOT_AN_INTEGER = "không phải số nguyên: {value}"
TOO_LARGE = "số quá lớn: {value}"
BAD_DATE = "ngày không hợp lệ: {value}"
BAD_DATETIME = "ngày giờ không hợp lệ: {value}"
BAD_BOOL = "không phải giá trị đúng/sai: {value}"
IN_THE_FUTURE = "thời điểm trong tương lai: {value}"
NOT_ALLOWED = "giá trị không thuộc danh sách cho phép: {value}"
BAD_PATTERN = "sai định dạng: {value}"
PERSONAL_VALUE = "[dữ liệu cá nhân]"  # shown instead of a personal value: the quarantine keeps none


def below_min(limit) -> str:
    return f"nhỏ hơn giá trị tối thiểu {limit:g}: {{value}}"


def above_max(limit) -> str:
    return f"lớn hơn giá trị tối đa {limit:g}: {{value}}"


class Invalid(ValueError):
    def __init__(self, template: str, value):
        super().__init__(template.format(value=repr(value)))
        self.template, self.value = template, value

    def reason(self, personal: bool = False) -> str:
        return self.template.format(value=PERSONAL_VALUE if personal else repr(self.value))


# ---------------------------------------------------------------------------------------------------------
# Numbers: Vietnamese writing ('1.250.000 đ', '2,5') as well as machine writing ('1250000', '2.5')
# ---------------------------------------------------------------------------------------------------------

_CURRENCY = re.compile(r"\s*(đồng|vnđ|vnd|đ|₫)\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
_THOUSANDS_DOT = re.compile(r"[+-]?[1-9]\d{0,2}(?:\.\d{3})+")  # 1.250 or 1.250.000: dots group thousands
_LARGEST = Decimal(10) ** 15  # numeric(18,3) holds 15 digits before the decimal point
_SCALE = Decimal("0.001")


def parse_decimal(text: str) -> Decimal:
    """'1.250.000 đ' → 1250000, '2,5' → 2.5, '1.250,5' → 1250.5, '1250.5' → 1250.5.

    One comma is the decimal mark (Vietnamese); dots in groups of three are thousands; one dot followed by
    other than three digits is a decimal point, as machines write it.
    """
    number = _CURRENCY.sub("", text).replace(" ", "").replace("\u00a0", "")
    if not _NUMBER.fullmatch(number):
        raise Invalid(NOT_A_NUMBER, text)
    dots, commas = number.count("."), number.count(",")
    if dots and commas:  # '1.250.000,5' or '1,250,000.5': the later mark is the decimal one
        thousands = "." if number.rfind(",") > number.rfind(".") else ","
        number = number.replace(thousands, "").replace(",", ".")
    elif commas == 1:  # '2,5'
        number = number.replace(",", ".")
    elif commas or _THOUSANDS_DOT.fullmatch(number):  # '1,250,000', '1.250.000'
        number = number.replace(",", "").replace(".", "")
    if number.count(".") > 1:
        raise Invalid(NOT_A_NUMBER, text)
    return Decimal(number)


def _to_decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise Invalid(NOT_A_NUMBER, value)
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return parse_decimal(str(value))


def _checked_range(field: Field, number, shown):
    if abs(number) >= _LARGEST:
        raise Invalid(TOO_LARGE, shown)
    if field.min is not None and number < field.min:
        raise Invalid(below_min(field.min), shown)
    if field.max is not None and number > field.max:
        raise Invalid(above_max(field.max), shown)
    return number


def _decimal_parser(field: Field):
    def parse(value):
        try:
            number = _to_decimal(value).quantize(_SCALE, ROUND_HALF_UP)
        except InvalidOperation:
            raise Invalid(NOT_A_NUMBER, value) from None
        return _checked_range(field, number, value)
    return parse


def _int_parser(field: Field):
    def parse(value):
        if isinstance(value, int) and not isinstance(value, bool):
            return _checked_range(field, value, value)
        try:
            number = _to_decimal(value)
        except Invalid:
            raise Invalid(NOT_AN_INTEGER, value) from None
        if not number.is_finite() or number != number.to_integral_value():
            raise Invalid(NOT_AN_INTEGER, value)
        return _checked_range(field, int(number), value)
    return parse


# ---------------------------------------------------------------------------------------------------------
# Dates and times: ISO and dd/mm/yyyy; datetimes with a time zone are converted to Vietnam's local time
# ---------------------------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def _local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TIME).replace(tzinfo=None) if moment.tzinfo else moment


def parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    match = _ISO_DATE.fullmatch(text)
    if match:
        year, month, day = match.groups()
    else:
        match = _DMY.fullmatch(text)
        if not match or match.group(4):
            raise Invalid(BAD_DATE, value)
        day, month, year = match.group(1, 2, 3)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise Invalid(BAD_DATE, value) from None


def parse_datetime(value) -> datetime:
    if isinstance(value, datetime):
        return _local(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value)
    try:
        if text[:4].isdigit() and text[4:5] == "-":  # ISO; fromisoformat alone would take 20260105 too
            return _local(datetime.fromisoformat(text))
        match = _DMY.fullmatch(text)
        if not match:
            raise ValueError
        day, month, year, hour, minute, second = match.groups(default="0")
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError:
        raise Invalid(BAD_DATETIME, value) from None


# ---------------------------------------------------------------------------------------------------------
# Booleans, enums, lists, text
# ---------------------------------------------------------------------------------------------------------

_BOOLEANS = {"true": True, "1": True, "có": True, "co": True, "false": False, "0": False, "không": False,
             "khong": False}


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    try:
        return _BOOLEANS[str(value).strip().casefold()]
    except KeyError:
        raise Invalid(BAD_BOOL, value) from None


def _fold(text: str) -> str:
    """The form in which two spellings of an allowed value are compared: case and spacing ignored."""
    return "_".join(text.casefold().split())


def _spellings(field: Field) -> dict[str, str]:
    spellings = {_fold(value): value for value in field.allowed}
    spellings.update({_fold(alias): value for alias, value in field.aliases.items()})
    return spellings


def _enum_parser(field: Field):
    spellings = _spellings(field)

    def parse(value):
        try:
            return spellings.get(value) or spellings[_fold(str(value))]  # most values come spelled exactly
        except KeyError:
            raise Invalid(NOT_ALLOWED, value) from None
    return parse


def _list_parser(field: Field):
    spellings = _spellings(field)
    order = {value: position for position, value in enumerate(field.allowed)}

    def parse(value):
        chosen = set()
        for item in str(value).split(";"):
            if item.strip():
                try:
                    chosen.add(spellings[_fold(item)])
                except KeyError:
                    raise Invalid(NOT_ALLOWED, item.strip()) from None
        return ";".join(sorted(chosen, key=order.get)) or None
    return parse


def as_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a spreadsheet cell: 912345678.0 means 912345678
    return value if isinstance(value, str) else str(value)


def _text_parser(field: Field):
    if not field.pattern:
        return as_text
    pattern = re.compile(field.pattern)

    def parse(value):
        text = "".join(as_text(value).split())  # codes are often written in groups: '0101 234 567'
        if not pattern.fullmatch(text):
            raise Invalid(BAD_PATTERN, value)
        return text
    return parse


# A date or time up to a day after now passes: the exporting system's clock or time zone may be off a little.
FUTURE_TOLERANCE = timedelta(days=1)


def _moment_parser(parse):
    """parse_date or parse_datetime, refusing a moment in the future unless the field may lie there."""
    def factory(field: Field):
        if field.future:
            return parse

        def parse_past(value):
            moment = parse(value)
            latest = vietnam_now() + FUTURE_TOLERANCE
            if moment > (latest if isinstance(moment, datetime) else latest.date()):
                raise Invalid(IN_THE_FUTURE, value)
            return moment
        return parse_past
    return factory


_PARSER_FACTORIES = {
    "str": _text_parser, "int": _int_parser, "decimal": _decimal_parser, "enum": _enum_parser,
    "list": _list_parser, "date": _moment_parser(parse_date), "datetime": _moment_parser(parse_datetime),
    "bool": lambda field: parse_bool,
}


_PARSERS: dict[int, tuple[RecordType, list]] = {}


def _parsers(record_type: RecordType) -> list:
    """(name, required, personal, parse) per field, built once per record type (RecordType is not hashable)."""
    if id(record_type) not in _PARSERS:
        parsers = [(f.name, f.required, f.pii, _PARSER_FACTORIES[f.type](f)) for f in record_type.fields]
        _PARSERS[id(record_type)] = (record_type, parsers)  # keeping record_type alive keeps its id unique
    return _PARSERS[id(record_type)][1]


# ---------------------------------------------------------------------------------------------------------
# Rows and batches
# ---------------------------------------------------------------------------------------------------------

def missing_columns(record_type: RecordType, columns: list[str]) -> list[str]:
    """Required fields that a file's header lacks altogether (the file is then refused as a whole)."""
    present = set(columns)
    return [f.name for f in record_type.fields if f.required and f.name not in present]


def validate_row(record_type: RecordType, row: dict) -> tuple[dict | None, list[tuple[str, str]]]:
    """Clean values of the contract's fields (extra columns ignored), or None and the reasons."""
    clean, errors = {}, []
    if row.get(None):
        errors.append((WHOLE_ROW, SURPLUS_CELLS))
    for name, required, personal, parse in _parsers(record_type):
        value = row.get(name)
        if value.__class__ is str:  # text is NFC and stripped; blank is missing (ASCII is NFC already)
            value = (value if value.isascii() else unicodedata.normalize("NFC", value)).strip() or None
            if value is not None and parse is as_text:
                clean[name] = value
                continue
        if value is None:
            if required:
                errors.append((name, MISSING))
            clean[name] = None
            continue
        try:
            clean[name] = parse(value)
        except Invalid as error:
            errors.append((name, error.reason(personal)))
            continue
        if clean[name] is None and required:
            errors.append((name, MISSING))  # a list of separators only: ';'
    return (None, errors) if errors else (clean, [])


class BatchValidator:
    """Validates the rows of one batch in order; a row repeating an earlier row's key is quarantined."""

    def __init__(self, record_type: RecordType):
        self.record_type = record_type
        self.id_field, self.time_field = record_type.key
        # Python's hash of the key rather than the key itself: ~60 bytes per row instead of ~200, the only
        # state that grows with the file (a 64-bit collision is astronomically unlikely within one batch).
        self._seen_keys: set[int] = set()

    def validate(self, row: dict) -> tuple[dict | None, list[tuple[str, str]]]:
        clean, errors = validate_row(self.record_type, row)
        if clean is not None:
            key = hash((clean[self.id_field], clean[self.time_field]))
            if key in self._seen_keys:
                return None, [(self.id_field, DUPLICATE_KEY)]
            self._seen_keys.add(key)
        return clean, errors
