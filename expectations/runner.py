"""Run a suite on a warehouse table and summarise it for an asset check.

Memory stays bounded whatever the table's size: the Great Expectations expectations are validated batch by
batch (Warehouse.read_batches, only the columns they need), the failing counts added up and a sample of the
failing rows kept; the SQL expectations are counted by the warehouse, with a sample of their rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from expectations.suites import ERROR, WARNING, Suite

BATCH_ROWS = 100_000
SAMPLE_ROWS = 5


@dataclass
class Failure:
    table: str
    expectation: str
    column: str | None
    severity: str
    failing_rows: int
    sample: list[dict]

    def message(self) -> str:
        where = f" ({self.column})" if self.column else ""
        return (f"{self.table}: {self.expectation}{where}: {self.failing_rows} dòng không đạt; "
                f"ví dụ: {self.sample[:3]}")

    def as_dict(self) -> dict:
        return {"expectation": self.expectation, "column": self.column, "severity": self.severity,
                "failing_rows": self.failing_rows, "sample": self.sample}


@dataclass
class SuiteOutcome:
    suite: str
    rows: int
    failures: list[Failure] = field(default_factory=list)

    def failed(self, severity: str) -> list[Failure]:
        return [f for f in self.failures if f.severity == severity]

    def passed(self, severity: str) -> bool:
        return not self.failed(severity)

    def metadata(self, severity: str) -> dict:
        failures = self.failed(severity)
        return {"table": self.suite, "rows": self.rows, "failed_expectations": len(failures),
                "failures": [f.as_dict() for f in failures]}

    def description(self, severity: str) -> str:
        failures = self.failed(severity)
        if not failures:
            return f"{self.suite}: mọi kỳ vọng mức {severity} đều đạt ({self.rows} dòng)"
        return " | ".join(f.message() for f in failures)


class GxValidator:
    """One ephemeral Great Expectations context (nothing written to disk) for every suite of a check run."""

    def __init__(self):
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self.gx = gx
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.source = self.context.data_sources.add_pandas("warehouse")
        self.runs = 0

    def definition(self, suite: Suite):
        gx = self.gx
        self.runs += 1  # names are unique within a context: a table checked again gets a new one
        name = f"{suite.table}#{self.runs}"
        batch = self.source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("batch")
        expectations = [e.gx.copy() if hasattr(e.gx, "copy") else e.gx for e in suite.expectations]
        gx_suite = self.context.suites.add(gx.ExpectationSuite(name=name, expectations=expectations))
        return self.context.validation_definitions.add(
            gx.ValidationDefinition(name=name, data=batch, suite=gx_suite))


def _schema_failure(suite: Suite, actual: list[str]) -> Failure | None:
    missing = [c for c in suite.columns if c not in actual]
    extra = [c for c in actual if c not in suite.columns] if suite.exact_columns else []
    if not (missing or extra):
        return None
    sample = ([{"missing_column": c} for c in missing] + [{"unexpected_column": c} for c in extra])[:SAMPLE_ROWS]
    return Failure(suite.table, "expect_table_columns_to_match_set", None, ERROR, len(missing) + len(extra), sample)


def run_suite(warehouse, suite: Suite, validator: GxValidator | None = None, batch_rows: int = BATCH_ROWS) -> SuiteOutcome:
    try:
        actual = list(warehouse.read_frame(f"select * from {suite.table} where 1 = 0").columns)
    except Exception as error:  # the table is missing: nothing else can be checked
        return SuiteOutcome(suite.table, 0, [Failure(suite.table, "expect_table_to_exist", None, ERROR, 1,
                                                     [{"error": str(error).splitlines()[0][:200]}])])
    outcome = SuiteOutcome(suite.table, 0)
    schema = _schema_failure(suite, actual)
    if schema:
        outcome.failures.append(schema)
    runnable = [e for e in suite.expectations if e.column in actual]
    outcome.rows = warehouse.execute(f"select count(*) from {suite.table}")[0][0]
    if runnable and outcome.rows:
        outcome.failures += _run_gx(warehouse, suite, runnable, actual, validator or GxValidator(), batch_rows)
    for check in (c for c in suite.sql_checks if all(column in actual for column in c.requires)):
        failing = warehouse.execute(f"select count(*) from ({check.failing}) as failing")[0][0]
        if failing:
            sample = warehouse.read_frame(f"{check.failing} limit {SAMPLE_ROWS}").astype(str).to_dict("records")
            outcome.failures.append(Failure(suite.table, check.name, check.column, check.severity, failing, sample))
    return outcome


def _run_gx(warehouse, suite: Suite, expectations, actual: list[str], validator: GxValidator,
            batch_rows: int) -> list[Failure]:
    wanted = [c for c in dict.fromkeys([*suite.id_columns, *(e.column for e in expectations)]) if c in actual]
    shown = [c for c in suite.id_columns if c in actual]
    definition = validator.definition(Suite(suite.table, [], False, shown, expectations))
    # results name their expectation by the id the suite gave it
    by_id = {gx_expectation.id: e for gx_expectation, e in zip(definition.suite.expectations, expectations)}
    failures: dict[str, Failure] = {}
    for frame in warehouse.read_batches(f"select {', '.join(wanted)} from {suite.table}", batch_rows):
        result = definition.run(batch_parameters={"dataframe": frame},
                                result_format={"result_format": "SUMMARY", "partial_unexpected_count": SAMPLE_ROWS})
        for item in result.results:
            if item.success:
                continue
            expectation = by_id[item.expectation_config.id]
            failure = failures.setdefault(item.expectation_config.id, Failure(
                suite.table, item.expectation_config.type, expectation.column, expectation.severity, 0, []))
            failure.failing_rows += item.result.get("unexpected_count") or 0
            columns = list(dict.fromkeys([*shown, expectation.column]))
            for row in (item.result.get("partial_unexpected_index_list") or [])[:SAMPLE_ROWS - len(failure.sample)]:
                failure.sample.append({k: str(v) for k, v in frame.loc[row, columns].items()})
    return list(failures.values())
