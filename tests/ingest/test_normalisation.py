"""Keyed hashes of personal data and addresses in the 2025 administrative units (ingest.normalise)."""

from __future__ import annotations

import hashlib
import hmac

import pytest
import vietnamadminunits.converter.converter_2025 as converter

from ingest import normalise
from ingest.normalise import AddressUnits, hash_pii, normalise_address

KEY = b"test-hash-key"


def expected_hash(text: str, key: bytes = KEY) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


@pytest.mark.parametrize("written", ["0912345678", "0912 345 678", "+84 912 345 678", "+84912345678",
                                     "84912345678", "0912.345.678", "0912-345-678", "(+84) 912-345-678",
                                     "912345678", 912345678, 912345678.0])
def test_one_phone_number_written_many_ways_hashes_equal(written):
    assert hash_pii("phone", written, KEY) == expected_hash("0912345678")


def test_hashes_depend_on_the_value_and_the_key():
    assert hash_pii("phone", "0912 345 679", KEY) != hash_pii("phone", "0912 345 678", KEY)
    assert hash_pii("phone", "0912 345 678", b"another key") == expected_hash("0912345678", b"another key")
    assert hash_pii("phone", None, KEY) is None


def test_emails_and_citizen_ids_are_normalised_before_hashing():
    assert hash_pii("email", "  An.Nguyen@Example.VN ", KEY) == expected_hash("an.nguyen@example.vn")
    assert hash_pii("citizen_id", "079 012-345.678", KEY) == expected_hash("079012345678")


ADDRESSES = [
    # old province–district–ward format, with and without diacritics, abbreviated or not
    ("123 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh", ("79", "Phường Sài Gòn", "resolved")),
    ("123 Le Loi, P. Ben Nghe, Q.1, TP.HCM", ("79", "Phường Sài Gòn", "resolved")),
    ("Số 5, Xã Tân Hội, Huyện Đức Trọng, Tỉnh Lâm Đồng", ("68", "Xã Tân Hội", "resolved")),
    ("so 5 xa tan hoi huyen duc trong tinh lam dong", ("68", "Xã Tân Hội", "resolved")),
    # old format naming no district: not the new Xã Đức Trọng, named after the old district
    ("Thôn Đông, xã Tân Hội, Đức Trọng, Lâm Đồng", ("68", "Xã Tân Hội", "resolved")),
    ("Phường Dịch Vọng Hậu, Quận Cầu Giấy, Hà Nội", ("01", "Phường Cầu Giấy", "resolved")),
    ("12 Quang Trung, P12, Q. Gò Vấp, TP.HCM", ("79", "Phường An Hội Tây", "resolved")),
    ("Phuong 12, Quan Go Vap, TPHCM", ("79", "Phường An Hội Tây", "resolved")),
    # 2025 format
    ("12 Nguyễn Trãi, Phường Sài Gòn, Thành phố Hồ Chí Minh", ("79", "Phường Sài Gòn", "resolved")),
    ("12 Nguyen Trai, Phuong Sai Gon, TP HCM", ("79", "Phường Sài Gòn", "resolved")),
    ("Phường Ba Đình, Hà Nội", ("01", "Phường Ba Đình", "resolved")),
    ("Thôn 3, Xã Cư Jút, Tỉnh Lâm Đồng", ("68", "Xã Cư Jút", "resolved")),
    ("Phường Bình Thạnh, TP Hồ Chí Minh", ("79", "Phường Bình Thạnh", "resolved")),
    ("12 Nguyễn Trãi, Phường Sài Gòn, TP HCM, Việt Nam", ("79", "Phường Sài Gòn", "resolved")),
    # only the province is certain: the old district does not say which new ward
    ("Quận Ba Đình, Hà Nội", ("01", None, "province_only")),
    ("Tỉnh Hà Giang", ("08", None, "province_only")),  # merged into Tuyên Quang
    ("Khu phố lạ, Hà Nội", ("01", None, "province_only")),
    # nothing trustworthy: the library would match names inside other words ('hn' in John, 'sro' in Road)
    ("4001 W FULLERTON AVE, CHICAGO, IL 60639", (None, None, "unresolved")),
    ("1238 S CANAL ST , CHICAGO, IL 60607", (None, None, "unresolved")),
    ("7 Atkyns Road, Oxford, Oxfordshire", (None, None, "unresolved")),
    ("John Radcliffe Hospital, Headley Way, Oxford, Oxfordshire", (None, None, "unresolved")),
    ("237 Banbury Road, Oxford, Oxfordshire, OX2 7HN", (None, None, "unresolved")),  # not 'HN', Hà Nội
    ("asdkjh qwe zzz", (None, None, "unresolved")),
    ("", (None, None, "empty")),
    ("   ", (None, None, "empty")),
    (None, (None, None, "empty")),
]


@pytest.mark.parametrize("address, expected", ADDRESSES)
def test_addresses_in_both_formats(address, expected):
    units = normalise_address(address)
    assert (units.province_code, units.ward, units.status) == expected
    assert (units.ward_code is None) == (units.ward is None)


def test_a_resolved_address_carries_codes_and_full_names():
    assert normalise_address("Phường Bến Nghé, Quận 1, TP.HCM") == AddressUnits(
        "79", "Thành phố Hồ Chí Minh", "26740", "Phường Sài Gòn", "resolved")


def test_an_old_ward_split_in_2025_takes_the_default_ward_without_a_web_geocoder(monkeypatch):
    def no_geocoder(address):
        raise AssertionError(f"geocoder called for {address!r}")
    monkeypatch.setattr(converter, "get_geo_location", no_geocoder)
    for cached in (normalise.normalise_address, normalise._from_legacy, normalise._from_2025):
        cached.cache_clear()
    units = normalise_address("12 Lê Hồng Phong, Phường Bùi Hữu Nghĩa, Quận Bình Thủy, TP Cần Thơ")
    assert (units.province_code, units.ward, units.status) == ("92", "Phường Bình Thủy", "resolved")


def test_every_foreign_address_of_the_public_datasets_is_unresolved(shared_data):
    import csv

    with open(shared_data / "chicago_food_inspections" / "Food_Inspections_sample.csv", newline="") as f:
        addresses = {f"{r['Address']}, {r['City']}, {r['State']} {r['Zip']}" for r in csv.DictReader(f)}
    with open(shared_data / "uk_fsa_fhrs_oxford" / "fhrs_oxford_flat.csv", newline="") as f:
        addresses |= {", ".join(v for k, v in r.items() if (k.startswith("AddressLine") or k == "PostCode") and v)
                      for r in csv.DictReader(f)}
    statuses = {normalise_address(a).status for a in addresses if a.strip(" ,")}
    assert statuses == {"unresolved"}
