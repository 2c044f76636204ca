"""Every adapter's output against the input contract, checked by the test's own code (not the loader's
validator): exact fields, required values present, enum values allowed, values of the field's type; ids unique
per batch key; references resolving within the adapter's own records."""

import re
from collections import Counter
from datetime import date, datetime
from decimal import Decimal

import pytest

from ingest.adapters import ADAPTERS
from ingest.contract import RECORD_TYPES

PARSERS = {"int": int, "decimal": Decimal, "date": date.fromisoformat, "datetime": datetime.fromisoformat,
           "bool": lambda v: {"true": True, "false": False}[v.lower()], "str": str, "enum": str, "list": str}


def contract_problems(record_type: str, rec: dict) -> list[str]:
    """What breaks the contract in one record, as short texts; empty when it is valid."""
    fields = RECORD_TYPES[record_type].fields
    if list(rec) != [f.name for f in fields]:
        return [f"fields {list(rec)}"]
    problems = []
    for f in fields:
        value = rec[f.name]
        if value is None:
            if f.required:
                problems.append(f"{f.name} missing")
            continue
        if not isinstance(value, str) or value != value.strip() or not value:
            problems.append(f"{f.name}={value!r} is not stripped text")
            continue
        try:
            parsed = PARSERS[f.type](value)
        except (ValueError, KeyError, ArithmeticError):
            problems.append(f"{f.name}={value!r} is not a {f.type}")
            continue
        if f.type == "enum" and value not in f.allowed:
            problems.append(f"{f.name}={value!r} not allowed")
        if f.type == "list" and not set(value.split(";")) <= set(f.allowed):
            problems.append(f"{f.name}={value!r} not allowed")
        if (f.min is not None and parsed < f.min) or (f.max is not None and parsed > f.max):
            problems.append(f"{f.name}={value!r} out of range")
        if f.pattern and not re.fullmatch(f.pattern, value):
            problems.append(f"{f.name}={value!r} does not match {f.pattern}")
    return problems


# (record type, field, record type it refers to) for the references the adapters fill.
REFERENCES = [
    ("establishments", "member_id", "members"),
    ("inspections", "establishment_id", "establishments"),
    ("violations", "establishment_id", "establishments"),
    ("violations", "inspection_id", "inspections"),
    ("reviews", "member_id", "members"),
    ("moderation_events", "object_id", "reviews"),
]


@pytest.mark.parametrize("adapter", sorted(ADAPTERS))
def test_every_record_meets_the_contract(adapter, adapter_output):
    problems = Counter()
    for record_type, rows in adapter_output(adapter).items():
        for _, _, rec in rows:
            problems.update(f"{record_type}: {p}" for p in contract_problems(record_type, rec))
    assert not problems, problems.most_common(10)


def test_the_check_catches_what_it_should():
    good = {f.name: None for f in RECORD_TYPES["reviews"].fields} | {
        "review_id": "r1", "member_id": "m1", "rating": "5", "posted_at": "2021-01-01T00:00:00",
        "status": "approved", "updated_at": "2021-01-01T01:00:00"}
    assert contract_problems("reviews", good) == []
    assert contract_problems("reviews", good | {"rating": "6", "status": "spam", "member_id": None}) == [
        "member_id missing", "rating='6' out of range", "status='spam' not allowed"]


@pytest.mark.parametrize("adapter", sorted(ADAPTERS))
def test_ids_are_unique_and_lines_positive(adapter, adapter_output):
    for record_type, rows in adapter_output(adapter).items():
        id_field = RECORD_TYPES[record_type].id_field
        ids = Counter(rec[id_field] for _, _, rec in rows)
        assert ids.most_common(1)[0][1] == 1, (record_type, ids.most_common(3))
        assert min(line for _, line, _ in rows) >= 1


@pytest.mark.parametrize("adapter", sorted(ADAPTERS))
def test_references_resolve(adapter, adapter_output):
    output = adapter_output(adapter)
    checked = 0
    for record_type, field, target in REFERENCES:
        if record_type not in output:
            continue
        known = {rec[RECORD_TYPES[target].id_field] for _, _, rec in output[target]}
        dangling = [rec[field] for _, _, rec in output[record_type] if rec[field] not in known]
        assert not dangling, (record_type, field, dangling[:5])
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize("adapter", sorted(ADAPTERS))
def test_sources_are_repeatable_and_told_apart(adapter, shared_data):
    first, second = ADAPTERS[adapter](shared_data), ADAPTERS[adapter](shared_data)
    assert [s.checksum for s in first] == [s.checksum for s in second]
    assert len({s.checksum for s in first}) == len(first)
    assert {s.record_type for s in first} <= set(RECORD_TYPES)
    source = first[-1]
    assert next(iter(source.rows_factory())) == next(iter(source.rows_factory()))
