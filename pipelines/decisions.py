"""Reviewers' decisions on flagged items, imported from a file (`giamsat import-decisions FILE`).

Each row becomes a moderation event on object type 'flag' (object id '<object type>:<object id>'), loaded
through the loader like any delivery: validated against the contract, bad rows quarantined with their line and
reason, the batch logged; a file already imported (same checksum) is not imported twice. dbt then reads the
decisions from the moderation events (int_flag_decisions) into the queue, flagged_items.

The file (CSV, XLSX, JSONL or Parquet) has the columns object_type, object_id, decision, decided_at and
optionally reviewer (staff id), org_id, note. decision is confirmed / dismissed / escalated or the Vietnamese
labels of the exports (Xác nhận vi phạm, Bác bỏ, Chuyển cấp trên; case and diacritics ignored).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.loader import BatchResult, Source, file_checksum, ingest_source
from ingest.readers import UnreadableFile, read_file
from pipelines.ingest import open_warehouse
from pipelines.settings import Settings
from pipelines.labels import DECISION_LABELS, OBJECT_TYPE_LABELS, fold

REQUIRED = ("object_type", "object_id", "decision", "decided_at")
# the headers of the queue export (pipelines/exports.py), so that a filled-in export imports as it is
# (the readers give headers in lower case; compared folded)
EXPORT_HEADERS = {fold(header): column for header, column in {
    "Loại đối tượng": "object_type", "Mã đối tượng": "object_id", "Quyết định": "decision",
    "Ngày quyết định": "decided_at", "Người duyệt": "reviewer", "Ghi chú": "note", "Mã đơn vị": "org_id"}.items()}


def _column(header: str | None) -> str | None:
    return EXPORT_HEADERS.get(fold(header), header) if header is not None else None
FLAGGABLE = ("listing", "supply_demand_post", "review", "member")
# the codes, and the Vietnamese labels reviewers see in the exports, folded (no diacritics, lower case)
DECISIONS = {fold(label): code for code, label in DECISION_LABELS.items()} | {code: code for code in DECISION_LABELS}
OBJECT_TYPES = {fold(label): code for code, label in OBJECT_TYPE_LABELS.items()} | {code: code for code in FLAGGABLE}


# the moderation event's fields as the decisions file names them (for the messages about quarantined rows)
FILE_FIELDS = {"action": "decision", "occurred_at": "decided_at", "object_id": "object_type/object_id",
               "actor_staff_id": "reviewer", "reason": "note"}


class DecisionFileError(Exception):
    """The file cannot be imported at all: printed, never a traceback."""


@dataclass
class ImportOutcome:
    batch: BatchResult
    undecided: int  # rows without a decision (an exported item nobody decided yet): skipped
    quarantined: list[tuple]  # (line, field, reason)
    not_in_queue: list[tuple]  # (line, object) decisions on items the queue does not hold


def _event(checksum: str, line: int, row: dict) -> dict:
    """A decisions row as a moderation event (values as the file gave them: the loader validates them)."""
    object_type = OBJECT_TYPES.get(fold(str(row.get("object_type") or "")), "")
    object_id, decision = str(row.get("object_id") or "").strip(), str(row.get("decision") or "").strip()
    return {
        "event_id": f"DEC-{checksum[:16]}-{line}",
        "object_type": "flag",
        # an incomplete or unknown object is left empty: the loader quarantines the row (object_id required)
        "object_id": f"{object_type}:{object_id}" if object_type in FLAGGABLE and object_id else "",
        "action": DECISIONS.get(fold(decision), decision),
        "actor_staff_id": row.get("reviewer"),
        "org_id": row.get("org_id"),
        "occurred_at": row.get("decided_at"),
        "reason": row.get("note"),
        "updated_at": row.get("decided_at"),
    }


def import_decisions(settings: Settings, path: Path, progress=print) -> ImportOutcome:
    try:
        checksum = file_checksum(path)
        columns, rows = read_file(path)
    except UnreadableFile as refusal:
        raise DecisionFileError(f"{path.name}: không đọc được tệp: {refusal.message}") from None
    except OSError as error:
        raise DecisionFileError(f"{path.name}: không mở được tệp ({error.strerror or error})") from None
    columns = [_column(c) for c in columns] if columns is not None else None
    missing = [name for name in REQUIRED if columns is not None and name not in columns]
    if missing:
        raise DecisionFileError(f"{path.name}: thiếu cột bắt buộc {', '.join(missing)} (cần {', '.join(REQUIRED)}; "
                                f"tùy chọn reviewer, org_id, note)")
    undecided = [0]

    def decided_rows():
        for line, row in rows:
            row = {_column(k): v for k, v in row.items()}
            if str(row.get("decision") or "").strip():
                yield line, _event(checksum, line, row)
            else:
                undecided[0] += 1

    warehouse = open_warehouse(settings)
    try:
        source = Source(name=path.name, record_type="moderation_events", checksum=checksum, rows=decided_rows())
        batch = ingest_source(warehouse, source, settings.hash_key(), progress=progress)
        quarantined = [
            (line, FILE_FIELDS.get(field, field), reason) for line, field, reason in warehouse.execute(
                f"select line, field, reason from raw.quarantine where batch_id = {warehouse.placeholder} "
                f"and field <> 'updated_at' order by line, field", [batch.batch_id])]  # updated_at = decided_at
        not_in_queue = _not_in_queue(warehouse, batch.batch_id)
    finally:
        warehouse.close()
    return ImportOutcome(batch, undecided[0], quarantined, not_in_queue)


def _not_in_queue(warehouse, batch_id: str) -> list[tuple]:
    """Loaded decisions on items the queue does not hold (yet): kept, but worth a look."""
    try:
        return warehouse.execute(f"""
            select events._line, events.object_id
            from raw.moderation_events as events
            left join marts.flagged_items as queue
                on events.object_id = queue.object_type || ':' || queue.object_id
            where events._batch_id = {warehouse.placeholder} and queue.object_id is null
            order by events._line""", [batch_id])
    except Exception:  # no queue built yet: nothing to compare with
        return []
