"""Writes the reference seeds that come from maintained libraries, so that no one types them by hand:

- seeds/vn_public_holidays.csv: Vietnamese public holidays (Tết included, substitute days off as the library
  knows them) from the `holidays` library, for HOLIDAY_YEARS;
- seeds/vn_provinces.csv, vn_wards.csv: the 34 provinces and about 3,300 wards and communes in force since
  01/07/2025, and seeds/vn_legacy_provinces.csv: each of the 63 provinces before 2025 with the 2025 province it
  became part of, from `vietnamadminunits` (the library the ingestion normalises addresses with).

Run from the repository root after upgrading either library: `.venv/bin/python dbt_project/scripts/generate_seeds.py`.
tests/dbt/test_dbt_reference_seeds.py fails when a committed seed differs from what the libraries give.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import holidays
import vietnamadminunits

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HOLIDAY_YEARS = range(2010, 2031)
ADMIN_UNITS_DIR = Path(vietnamadminunits.__file__).parent / "data"


def holiday_rows() -> list[dict]:
    """One row per public holiday (day off) in HOLIDAY_YEARS, with its Vietnamese and English name."""
    names_vi = holidays.country_holidays("VN", years=HOLIDAY_YEARS, language="vi")
    names_en = holidays.country_holidays("VN", years=HOLIDAY_YEARS, language="en_US")
    return [{"holiday_date": day.isoformat(), "holiday_name_vi": names_vi[day], "holiday_name_en": names_en[day]}
            for day in sorted(names_vi)]


def _admin_units(sql: str) -> list[tuple]:
    with sqlite3.connect(ADMIN_UNITS_DIR / "dataset.db") as connection:
        return connection.execute(sql).fetchall()


def province_rows() -> list[dict]:
    rows = _admin_units("select distinct provinceCode, province, provinceShort from admin_units order by 1")
    return [{"province_code": code, "province": name, "province_short": short} for code, name, short in rows]


def ward_rows() -> list[dict]:
    rows = _admin_units("select wardCode, ward, wardType, provinceCode from admin_units order by 1")
    return [{"ward_code": code, "ward": name, "ward_type": kind, "province_code": province}
            for code, name, kind, province in rows]


def legacy_province_rows() -> list[dict]:
    """The 63 provinces before 01/07/2025, each with the 2025 province it was merged into (or stayed)."""
    converter = json.loads((ADMIN_UNITS_DIR / "converter_2025.json").read_text(encoding="utf-8"))
    new_code = dict(_admin_units("select distinct provinceKey, provinceCode from admin_units"))
    legacy = _admin_units("select distinct provinceKey, provinceCode, province from admin_units_legacy order by 2")
    merged_into = {old: new_code[new] for new, olds in converter["DICT_PROVINCE"].items() for old in olds}
    return [{"legacy_province_code": code, "legacy_province": name, "province_code": merged_into[key]}
            for key, code, name in legacy]


SEED_ROWS = {
    "vn_public_holidays": holiday_rows,
    "vn_provinces": province_rows,
    "vn_wards": ward_rows,
    "vn_legacy_provinces": legacy_province_rows,
}


def render(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main() -> None:
    for name, rows in SEED_ROWS.items():
        path = SEEDS / f"{name}.csv"
        path.write_text(render(rows()), encoding="utf-8")
        print(path)


if __name__ == "__main__":
    main()
