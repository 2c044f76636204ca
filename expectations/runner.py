"""Run a Great Expectations suite on a DataFrame and summarise it for an asset check."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class SuiteOutcome:
    suite: str
    rows: int
    passed: bool
    failures: list[dict] = field(default_factory=list)  # one per failed expectation: what, count, sample

    def metadata(self) -> dict:
        return {"rows": self.rows, "failed_expectations": len(self.failures), "failures": self.failures}


def run_suite(name: str, expectations: list, frame: pd.DataFrame, sample_size: int = 5) -> SuiteOutcome:
    """Validate the frame against the expectations in a throw-away context (nothing written to disk)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch = (context.data_sources.add_pandas("warehouse").add_dataframe_asset(name)
             .add_batch_definition_whole_dataframe("all"))
    suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=expectations))
    definition = context.validation_definitions.add(gx.ValidationDefinition(name=suite.name, data=batch, suite=suite))
    result = definition.run(batch_parameters={"dataframe": frame},
                            result_format={"result_format": "SUMMARY", "partial_unexpected_count": sample_size})
    failures = [
        {"expectation": r.expectation_config.type, "column": r.expectation_config.kwargs.get("column"),
         "failing_rows": r.result.get("unexpected_count"),
         "sample": [str(v) for v in (r.result.get("partial_unexpected_list") or [])][:sample_size]}
        for r in result.results if not r.success
    ]
    return SuiteOutcome(suite.name, len(frame), result.success, failures)
