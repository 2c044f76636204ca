"""How numbers and dates are written for Vietnamese readers (reports, summaries, exports)."""

from datetime import date, datetime

from babel.numbers import format_decimal


def vn_number(value, decimals: int = 0) -> str:
    """1234567.5 → '1.234.567,5' (Vietnamese separators)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale="vi_VN")


def vn_date(value: date | datetime) -> str:
    """dd/mm/yyyy, with the time when there is one."""
    return value.strftime("%d/%m/%Y %H:%M" if isinstance(value, datetime) else "%d/%m/%Y")
