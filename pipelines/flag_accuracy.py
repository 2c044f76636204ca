"""Recall and precision of the flag rules against the planted anomalies of the sample province.

The sample generator writes HOME/sample/ground_truth.csv (anomaly_kind, object_type, object_id, detail), one row
per planted object; each planted kind is the code of the rule meant to catch it. For each kind:
recall = planted objects the rule flagged / planted objects; precision = flagged objects that were planted
with that kind / objects the rule flagged. The rule hits are those of the last build
(intermediate.int_flags_unioned), whatever reviewers decided since.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from pipelines.ingest import open_warehouse, sample_paths
from pipelines.settings import Settings


class AccuracyError(Exception):
    """A user-facing problem (no ground truth, no built warehouse): printed, never a traceback."""


@dataclass(frozen=True)
class KindAccuracy:
    kind: str
    planted: int
    flagged: int  # objects the rule flagged
    caught: int  # planted objects the rule flagged

    @property
    def recall(self) -> float:
        return self.caught / self.planted if self.planted else 0.0

    @property
    def precision(self) -> float:
        return self.caught / self.flagged if self.flagged else 0.0


def read_ground_truth(path: Path) -> dict[str, set[tuple[str, str]]]:
    if not path.exists():
        raise AccuracyError(f"Không có tệp đáp án {path}: chạy `giamsat generate-sample` hoặc "
                            f"`giamsat run --source sample` trước.")
    planted: dict[str, set[tuple[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            planted.setdefault(row["anomaly_kind"], set()).add((row["object_type"], row["object_id"]))
    return planted


def rule_hits(settings: Settings) -> dict[str, set[tuple[str, str]]]:
    warehouse = open_warehouse(settings)
    try:
        frame = warehouse.read_frame("select rule_code, object_type, object_id from intermediate.int_flags_unioned")
    except Exception as error:  # the table is missing until the first build
        raise AccuracyError(f"Kho chưa được xây (thiếu intermediate.int_flags_unioned): chạy `giamsat run` "
                            f"trước. ({error.__class__.__name__})") from None
    finally:
        warehouse.close()
    hits: dict[str, set[tuple[str, str]]] = {}
    for rule, object_type, object_id in frame.itertuples(index=False):
        hits.setdefault(rule, set()).add((object_type, object_id))
    return hits


def measure(settings: Settings) -> tuple[list[KindAccuracy], dict[str, int]]:
    """Accuracy per planted kind, and the flag counts of the rules no kind is planted for."""
    planted = read_ground_truth(sample_paths(settings)[1])
    hits = rule_hits(settings)
    results = [KindAccuracy(kind, len(objects), len(hits.get(kind, set())), len(objects & hits.get(kind, set())))
               for kind, objects in sorted(planted.items())]
    return results, {rule: len(objects) for rule, objects in sorted(hits.items()) if rule not in planted}


def format_table(results: list[KindAccuracy], others: dict[str, int]) -> str:
    lines = [f"{'loại bất thường':<34}{'đã cài':>8}{'bị gắn cờ':>11}{'bắt được':>10}{'recall':>9}{'precision':>11}"]
    for r in results:
        lines.append(f"{r.kind:<34}{r.planted:>8}{r.flagged:>11}{r.caught:>10}{r.recall:>9.3f}{r.precision:>11.3f}")
    if others:
        lines.append("Quy tắc không có bất thường cài sẵn (số mục bị gắn cờ): "
                     + ", ".join(f"{rule} {count}" for rule, count in others.items()))
    return "\n".join(lines)
