"""Great Expectations suites for the raw, staging and mart tables: one rule, one place.

- raw tables: from the input contract (schema, required fields, allowed values, ranges, patterns), the key's
  uniqueness within a batch, and freshness;
- staging and marts: from what the dbt project declares (the yml tests of dbt_project/models, read from its
  manifest: not_null, accepted_values, unique, unique_combination_of_columns, relationships), their documented
  columns (schema), the contract's ranges for staging columns of the same name, MART_RANGES, and freshness.

Column expectations are Great Expectations objects, validated batch by batch on pandas frames (memory stays
bounded); what spans the whole table (uniqueness, references between tables, freshness) is counted by the
warehouse in SQL, with a sample of failing rows. Each expectation has a severity: an error blocks what depends
on the table, a warning is recorded and shown.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import great_expectations as gx

from ingest.contract import RECORD_TYPES, RecordType

ERROR, WARNING = "error", "warning"
# Freshness: a raw or staging table whose newest load is older than this many days is a warning (a delivery is
# late), not an error (the data that is there is still right).
FRESHNESS_DAYS = 35
# Ranges of mart columns that no dbt test states (inclusive; None = open).
MART_RANGES = {
    "flagged_items": {"severity_score": (1, 100), "rule_count": (1, None)},
    "flag_rule_precision": {"precision": (0, 1), "decided": (0, None)},
    "flag_queue_age": {"items": (1, None), "median_age_days": (0, None)},
    "facility_rankings": {"score": (0, 100), "rank": (1, None)},
}


@dataclass(frozen=True)
class SqlCheck:
    """An expectation the warehouse counts: `failing` selects the failing rows (its count is the failure)."""
    name: str  # a Great Expectations expectation type, for one vocabulary in the messages
    column: str | None
    failing: str  # SQL selecting the failing rows (a sample is shown)
    severity: str = ERROR
    requires: tuple[str, ...] = ()  # columns of the table it reads: not run when one is missing


@dataclass(frozen=True)
class Expectation:
    """A Great Expectations expectation run on each batch of rows."""
    gx: object
    severity: str = ERROR

    @property
    def name(self) -> str:
        return self.gx.expectation_type if hasattr(self.gx, "expectation_type") else type(self.gx).__name__

    @property
    def column(self) -> str | None:
        return getattr(self.gx, "column", None)


@dataclass
class Suite:
    table: str  # schema.name
    columns: list[str]  # every column the table must have (schema), exact for raw tables
    exact_columns: bool
    id_columns: list[str]  # shown with each failing row of the sample
    expectations: list[Expectation] = field(default_factory=list)
    sql_checks: list[SqlCheck] = field(default_factory=list)

    @property
    def asset_key(self) -> list[str]:
        return self.table.split(".")


# ---------------------------------------------------------------------------------------------------------
# raw tables
# ---------------------------------------------------------------------------------------------------------

def raw_expectations(record_type: RecordType) -> list:
    """What every raw row of this record type must satisfy: required fields, allowed values, ranges, patterns
    (Great Expectations objects)."""
    expectations = [gx.expectations.ExpectColumnValuesToNotBeNull(column=name) for name in ("_batch_id", "_row_hash")]
    for f in record_type.fields:
        column = f"{f.name}_hash" if f.pii else f.name
        if f.required:
            expectations.append(gx.expectations.ExpectColumnValuesToNotBeNull(column=column))
        if f.type == "enum":
            expectations.append(gx.expectations.ExpectColumnValuesToBeInSet(column=column, value_set=list(f.allowed)))
        if f.min is not None or f.max is not None:
            expectations.append(gx.expectations.ExpectColumnValuesToBeBetween(
                column=column, min_value=f.min, max_value=f.max))
        if f.pattern and not f.pii:
            expectations.append(gx.expectations.ExpectColumnValuesToMatchRegex(
                column=column, regex=f"^(?:{f.pattern})$"))
    return expectations


def raw_suite(record_type: RecordType) -> Suite:
    table = f"raw.{record_type.name}"
    key = [record_type.id_field, "updated_at", "_batch_id"]
    return Suite(
        table=table,
        columns=[name for name, _ in record_type.raw_columns()],
        exact_columns=True,
        id_columns=[record_type.id_field, "_batch_id", "_line"],
        expectations=[Expectation(e) for e in raw_expectations(record_type)],
        sql_checks=[_unique(table, key), _fresh(table, "_loaded_at")],
    )


def raw_suites() -> list[Suite]:
    return [raw_suite(rt) for rt in RECORD_TYPES.values()]


# ---------------------------------------------------------------------------------------------------------
# staging and marts, from the dbt manifest
# ---------------------------------------------------------------------------------------------------------

def model_suites(manifest_path: Path, schemas: tuple[str, ...] = ("staging", "marts")) -> list[Suite]:
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    nodes = manifest["nodes"]
    suites: dict[str, Suite] = {}
    for unique_id, node in sorted(nodes.items()):
        if node["resource_type"] == "model" and node["schema"] in schemas:
            suites[unique_id] = _model_suite(node)
    for test in nodes.values():
        metadata = test.get("test_metadata") if test["resource_type"] == "test" else None
        suite = suites.get(test.get("attached_node")) if metadata else None
        if suite is not None:
            _add_dbt_test(suite, metadata["name"], metadata.get("kwargs", {}), test, nodes)
    return list(suites.values())


def _model_suite(node: dict) -> Suite:
    table = f"{node['schema']}.{node['alias']}"
    columns = list(node.get("columns", {}))
    suite = Suite(table=table, columns=columns, exact_columns=False, id_columns=columns[:2])
    ranges = MART_RANGES.get(node["alias"], {}) if node["schema"] == "marts" else _contract_ranges(node["alias"])
    for column, (low, high) in ranges.items():
        if column in columns:
            suite.expectations.append(Expectation(gx.expectations.ExpectColumnValuesToBeBetween(
                column=column, min_value=low, max_value=high)))
    if node["schema"] == "staging" and node["alias"] not in ("stg_platform__batch_log", "stg_platform__quarantine"):
        suite.sql_checks.append(_fresh(table, "_loaded_at"))
    return suite


def _contract_ranges(model: str) -> dict[str, tuple]:
    """The contract's ranges for the staging model of a record type (stg_platform__<record type>)."""
    record_type = RECORD_TYPES.get(model.removeprefix("stg_platform__"))
    if record_type is None:
        return {}
    return {f.name: (f.min, f.max) for f in record_type.fields if f.min is not None or f.max is not None}


def _add_dbt_test(suite: Suite, name: str, kwargs: dict, test: dict, nodes: dict) -> None:
    severity = WARNING if str(test.get("config", {}).get("severity", "error")).lower() == "warn" else ERROR
    column = kwargs.get("column_name") or test.get("column_name")
    if test.get("config", {}).get("where"):
        return  # a filtered test: dbt runs it; not restated here
    if name == "not_null":
        suite.expectations.append(Expectation(gx.expectations.ExpectColumnValuesToNotBeNull(column=column), severity))
    elif name == "accepted_values":
        suite.expectations.append(Expectation(gx.expectations.ExpectColumnValuesToBeInSet(
            column=column, value_set=list(kwargs["values"])), severity))
    elif name == "unique":
        suite.sql_checks.append(_unique(suite.table, [column], severity))
    elif name == "unique_combination_of_columns":
        suite.sql_checks.append(_unique(suite.table, list(kwargs["combination_of_columns"]), severity))
    elif name == "relationships":
        target = _referenced_table(kwargs["to"], test, nodes)
        if target:
            suite.sql_checks.append(_reference(suite.table, column, target, kwargs["field"], severity))


def _referenced_table(to: str, test: dict, nodes: dict) -> str | None:
    match = re.search(r"ref\(\s*['\"]([^'\"]+)['\"]\s*\)", to)
    if not match:
        return None
    for unique_id in test.get("depends_on", {}).get("nodes", []):
        node = nodes.get(unique_id)
        if node and node.get("name") == match.group(1):
            return f"{node['schema']}.{node['alias']}"
    return None


# ---------------------------------------------------------------------------------------------------------
# expectations counted in SQL (they span the whole table)
# ---------------------------------------------------------------------------------------------------------

def _unique(table: str, columns: list[str], severity: str = ERROR) -> SqlCheck:
    keys = ", ".join(columns)
    name = "expect_column_values_to_be_unique" if len(columns) == 1 else "expect_compound_columns_to_be_unique"
    return SqlCheck(name, keys, f"select {keys}, count(*) as copies from {table} group by {keys} "
                                f"having count(*) > 1", severity, tuple(columns))


def _reference(table: str, column: str, target: str, target_column: str, severity: str = ERROR) -> SqlCheck:
    return SqlCheck("expect_column_values_to_be_in_other_table", f"{column} -> {target}.{target_column}",
                    f"select child.{column} from {table} as child where child.{column} is not null and not exists "
                    f"(select 1 from {target} as parent where parent.{target_column} = child.{column})", severity,
                    (column,))


def _fresh(table: str, column: str) -> SqlCheck:
    """Warning when the newest row was loaded more than FRESHNESS_DAYS ago (an empty table is not stale)."""
    return SqlCheck("expect_table_to_be_fresh", column,
                    f"select max({column}) as newest from {table} having max({column}) < "
                    f"current_timestamp - interval '{FRESHNESS_DAYS} days'", WARNING, (column,))
