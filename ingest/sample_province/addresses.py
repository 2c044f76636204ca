"""Addresses in the province, written the way people write them.

Real wards come from the `vietnamadminunits` database: the 2025 wards of Tỉnh Lâm Đồng, and the pre-2025
province–district–ward units of the three provinces merged into it (Lâm Đồng, Đắk Nông, Bình Thuận). About half
the addresses use the 2025 form, the rest the old one; some are abbreviated, some lack diacritics, a few name only
the province.
"""

from __future__ import annotations

import random
import unicodedata

from vietnamadminunits.database import query

from .vocabulary import LEGACY_PROVINCES, PROVINCE_CODE, PROVINCE_NAME, PROVINCE_SHORT, STREETS, VILLAGE_NAMES

ABBREVIATIONS = {"Thành phố": "TP.", "Thị xã": "TX.", "Huyện": "H.", "Phường": "P.", "Xã": "X.", "Thị trấn": "TT."}


def fold(text: str) -> str:
    """The text without diacritics, as typed on a keyboard without Vietnamese input."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _abbreviate(unit_type: str, name: str, short: str) -> str:
    prefix = ABBREVIATIONS.get(unit_type)
    return f"{prefix} {short}" if prefix else name


class AddressBook:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.wards = query(f"select ward, wardShort, wardType from admin_units "
                           f"where provinceCode = '{PROVINCE_CODE}' order by wardCode")
        provinces = ", ".join(f"'{p}'" for p in LEGACY_PROVINCES)
        self.legacy_wards = query(
            "select province, provinceShort, district, districtShort, districtType, ward, wardShort, wardType "
            f"from admin_units_legacy where province in ({provinces}) order by wardCode")
        assert self.wards and self.legacy_wards, "vietnamadminunits has no wards for the sample province"

    def street(self, ward_type: str) -> str:
        rng = self.rng
        if ward_type in ("Phường", "Thị trấn"):
            if rng.random() < 0.6:
                return f"Số {rng.randint(1, 250)} {rng.choice(STREETS)}"
            return f"Tổ dân phố {rng.randint(1, 20)}"
        if rng.random() < 0.6:
            return f"Thôn {rng.randint(1, 15)}"
        return f"Thôn {rng.choice(VILLAGE_NAMES)}"

    def address(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.01:
            return PROVINCE_SHORT  # only the province: cannot be resolved to a ward
        text = self._current() if roll < 0.5 else self._legacy()
        return fold(text) if rng.random() < 0.12 else text

    def _current(self) -> str:
        ward = self.rng.choice(self.wards)
        province = PROVINCE_NAME if self.rng.random() < 0.7 else PROVINCE_SHORT
        return f"{self.street(ward['wardType'])}, {ward['ward']}, {province}"

    def _legacy(self) -> str:
        rng = self.rng
        unit = rng.choice(self.legacy_wards)
        street = self.street(unit["wardType"])
        if rng.random() < 0.35:
            ward = _abbreviate(unit["wardType"], unit["ward"], unit["wardShort"])
            district = _abbreviate(unit["districtType"], unit["district"], unit["districtShort"])
            return f"{street}, {ward}, {district}, {unit['provinceShort']}"
        return f"{street}, {unit['ward']}, {unit['district']}, {unit['province']}"
