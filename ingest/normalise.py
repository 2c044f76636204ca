"""Normalisation at ingestion: keyed hashes for personal data and addresses in the 2025 administrative units.

Personal values (phone, e-mail, citizen id) are normalised first, so that one person written two ways still
matches: '0912 345 678' and '+84 912 345 678' hash equal.

Addresses go through `vietnamadminunits`. Two traps shape the code below:
- the library matches names as substrings of the address squeezed to bare letters, so it finds 'Xã Sró'
  (Gia Lai) in '7 Atkyns Road' and 'Hà Nội' (keyword 'hn') in 'John': we keep a unit only when its name is
  spelled out in the address word for word (`_spells`), otherwise the address is 'unresolved', never guessed;
- its converter geocodes through a web service when an old ward was split and a street is given: we
  convert only the administrative part (ward, district, province) and take the library's default new ward.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from vietnamadminunits import ParseMode, convert_address, parse_address

from ingest.contract import RecordType
from ingest.validate import as_text

# ---------------------------------------------------------------------------------------------------------
# Personal data
# ---------------------------------------------------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")


def normalise_phone(text: str) -> str:
    """'+84 912 345 678', '84912345678', '0912.345.678', '912345678' (a spreadsheet lost the 0) → '0912345678'."""
    phone = _PHONE_SEPARATORS.sub("", text)
    for prefix in ("+84", "0084"):
        if phone.startswith(prefix):
            phone = "0" + phone[len(prefix):]
    if phone.startswith("84") and len(phone) == 11:
        phone = "0" + phone[2:]
    if len(phone) == 9 and phone.isdigit() and phone[0] != "0":
        phone = "0" + phone
    return phone


def normalise_email(text: str) -> str:
    return text.strip().lower()


def normalise_citizen_id(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


PII_NORMALISERS = {"phone": normalise_phone, "email": normalise_email, "citizen_id": normalise_citizen_id}


def pii_hasher(field_name: str, key: bytes) -> Callable[[object], str | None]:
    """value → HMAC-SHA256 (hex) of the value normalised for its field; None stays None."""
    normalise = PII_NORMALISERS.get(field_name, str.strip)
    keyed = hmac.new(key, digestmod=hashlib.sha256)

    def hash_value(value) -> str | None:
        if value is None:
            return None
        digest = keyed.copy()  # copying the keyed state is much faster than a new HMAC per value
        digest.update(normalise(as_text(value)).encode())
        return digest.hexdigest()
    return hash_value


def hash_pii(field_name: str, value, key: bytes) -> str | None:
    return pii_hasher(field_name, key)(value)


# ---------------------------------------------------------------------------------------------------------
# Addresses
# ---------------------------------------------------------------------------------------------------------

class AddressUnits(NamedTuple):
    province_code: str | None
    province: str | None
    ward_code: str | None
    ward: str | None
    status: str  # resolved | province_only | unresolved | empty


EMPTY = AddressUnits(None, None, None, None, "empty")
UNRESOLVED = AddressUnits(None, None, None, None, "unresolved")

# Abbreviations written in addresses, spelled out before names are compared (folded, without diacritics).
_ABBREVIATIONS = {"p": "phuong", "f": "phuong", "q": "quan", "h": "huyen", "x": "xa", "tx": "thi xa",
                  "tt": "thi tran", "tp": "thanh pho", "t": "tinh", "hcm": "ho chi minh",
                  "tphcm": "thanh pho ho chi minh", "hn": "ha noi"}
_NUMBERED_UNIT = re.compile(r"\b([pfq])(\d+)\b")  # 'P12', 'Q1': ward 12, district 1 (but 'OX2 7HN' stays)
# A district named in the address means the old province–district–ward format.
_DISTRICT_WORDS = re.compile(r"\b(quan|huyen|thi xa)\b")
_COUNTRY = {"việtnam", "vietnam", "vn"}  # a trailing country part is dropped


def _words(text: str) -> list[str]:
    """Lower-case words without diacritics, abbreviations spelled out: 'P. Bến Nghé' → phuong ben nghe."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d"))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    words = _NUMBERED_UNIT.sub(r"\1 \2", " ".join(re.findall(r"[a-z0-9]+", folded))).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words).split()


def _spells(words: list[str], *names: str | None) -> bool:
    """True when one of the names appears in the address as whole consecutive words (diacritics ignored)."""
    text = f" {' '.join(words)} "
    return any(name and f" {' '.join(_words(name))} " in text for name in names)


def _numbered(name: str | None) -> bool:
    """A ward or district known by a number ('Phường 5'): its short form '5' alone proves nothing."""
    return bool(name) and name.split()[-1].isdigit()


def _units(unit, words: list[str], full_ward_name: bool = False) -> AddressUnits:
    """The library's answer, kept only as far as the address spells it out.

    `full_ward_name`: the short name is not enough ('Quận Ba Đình' does not name 'Phường Ba Đình')."""
    if not _spells(words, unit.province, unit.short_province):
        return UNRESOLVED
    short_ward = None if full_ward_name or _numbered(unit.ward) else unit.short_ward
    if unit.ward and _spells(words, unit.ward, short_ward):
        return AddressUnits(unit.province_code, unit.province, unit.ward_code, unit.ward, "resolved")
    return AddressUnits(unit.province_code, unit.province, None, None, "province_only")


@lru_cache(maxsize=100_000)
def _from_2025(region: str, full_ward_name: bool = False) -> AddressUnits:
    return _units(parse_address(region, mode=ParseMode.FROM_2025), _words(region), full_ward_name)


@lru_cache(maxsize=100_000)
def _from_legacy(region: str) -> AddressUnits:
    """Old province–district–ward text: checked against its own wording, then converted to the 2025 units."""
    old = parse_address(region, mode=ParseMode.LEGACY)
    checked = _units(old, _words(region))
    if checked.status == "unresolved":
        return UNRESOLVED
    parts = [old.ward, old.district, old.province] if checked.status == "resolved" else [old.province]
    new = convert_address(", ".join(part for part in parts if part))  # no street: see the module docstring
    if not new.province_code:
        return UNRESOLVED
    status = "resolved" if new.ward_code else "province_only"
    return AddressUnits(new.province_code, new.province, new.ward_code, new.ward, status)


def _first_found(*readings) -> AddressUnits:
    """The first reading that finds a ward, else the first that finds a province; each runs only if needed."""
    found = UNRESOLVED
    for read in readings:
        units = read()
        if units.status == "resolved":
            return units
        if found.status == "unresolved":
            found = units
    return found


@lru_cache(maxsize=20_000)
def normalise_address(text: str | None) -> AddressUnits:
    """Province and ward (2025 units) of an address in either format; the text itself is kept by the caller.

    Only the last parts are parsed (ward, district, province): the street does not help and would make every
    address different, defeating the caches. An address naming a district is read as the old format first;
    otherwise a 2025 ward spelled in full wins, then an old ward, then a 2025 ward named without its type
    ('Xã Tân Hội, Đức Trọng, Lâm Đồng' is the old Huyện Đức Trọng, not the new Xã Đức Trọng).
    """
    if not text or not text.strip():
        return EMPTY
    parts = [part.strip() for part in text.split(",") if part.strip()]
    while len(parts) > 1 and "".join(parts[-1].casefold().split()) in _COUNTRY:
        parts.pop()
    legacy_region, region = ", ".join(parts[-3:]), ", ".join(parts[-2:])
    try:
        if _DISTRICT_WORDS.search(" ".join(_words(legacy_region))):
            return _first_found(lambda: _from_legacy(legacy_region), lambda: _from_2025(region, full_ward_name=True))
        return _first_found(lambda: _from_2025(region, full_ward_name=True), lambda: _from_legacy(legacy_region),
                            lambda: _from_2025(region))
    except Exception:  # the library failing on one odd address must not refuse the whole file
        return UNRESOLVED


# ---------------------------------------------------------------------------------------------------------
# Rows: clean values to the raw table's columns; a rejected row made safe to keep in quarantine
# ---------------------------------------------------------------------------------------------------------

def raw_row_maker(record_type: RecordType, key: bytes) -> Callable[[dict], tuple]:
    """A function from clean values to the contract part of a raw row, in RecordType.raw_columns() order.

    The row is put together from parts, each a tuple: a run of fields stored as they are (one itemgetter,
    in C: this is the hot path), or the columns of one personal or address field."""
    parts, plain = [], []

    def end_plain_run():
        if plain:
            getter = itemgetter(*plain)
            parts.append((lambda clean: (getter(clean),)) if len(plain) == 1 else getter)
            plain.clear()

    for f in record_type.fields:
        if f.pii or f.address:
            end_plain_run()
            parts.append(_pii_columns(f.name, key) if f.pii else _address_columns(f.name))
        else:
            plain.append(f.name)
    end_plain_run()

    def make_row(clean: dict) -> tuple:
        row = ()
        for part in parts:
            row += part(clean)
        return row
    return parts[0] if len(parts) == 1 else make_row


def _pii_columns(name: str, key: bytes):
    hash_value = pii_hasher(name, key)
    return lambda clean: (hash_value(clean[name]),)


def _address_columns(name: str):
    return lambda clean: (clean[name], *normalise_address(clean[name]))


def safe_record(record_type: RecordType, row: dict, key: bytes) -> dict:
    """The contract's fields of a received row as they came, personal values replaced by their hash."""
    return {f.name: hash_pii(f.name, row.get(f.name) or None, key) if f.pii else row.get(f.name)
            for f in record_type.fields}
