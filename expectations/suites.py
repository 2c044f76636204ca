"""Great Expectations suites for the raw tables, derived from the input contract (one rule, one place)."""

from __future__ import annotations

import great_expectations as gx

from ingest.contract import RecordType


def raw_expectations(record_type: RecordType) -> list:
    """What every raw row of this record type must satisfy: schema, required fields, allowed values, ranges."""
    expectations = []
    columns = [name for name, _ in record_type.raw_columns()]
    expectations.append(gx.expectations.ExpectTableColumnsToMatchSet(column_set=columns, exact_match=True))
    for name in ("_batch_id", "_row_hash"):
        expectations.append(gx.expectations.ExpectColumnValuesToNotBeNull(column=name))
    for field in record_type.fields:
        column = f"{field.name}_hash" if field.pii else field.name
        if field.required:
            expectations.append(gx.expectations.ExpectColumnValuesToNotBeNull(column=column))
        if field.type == "enum":
            expectations.append(gx.expectations.ExpectColumnValuesToBeInSet(column=column,
                                                                             value_set=list(field.allowed)))
        if field.min is not None or field.max is not None:
            expectations.append(gx.expectations.ExpectColumnValuesToBeBetween(
                column=column, min_value=field.min, max_value=field.max))
        if field.pattern and not field.pii:
            expectations.append(gx.expectations.ExpectColumnValuesToMatchRegex(
                column=column, regex=f"^(?:{field.pattern})$"))
    return expectations
