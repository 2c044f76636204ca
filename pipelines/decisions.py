"""Reviewers' decisions on flagged items, imported from a file (`giamsat import-decisions FILE`).

Each row becomes a moderation event on object type 'flag' (object id '<object type>:<object id>'), loaded
through the loader like any delivery: validated against the contract, bad rows quarantined with their line and
reason, the batch logged; a file already imported (same checksum) is not imported twice. dbt then reads the
decisions from the moderation events (int_flag_decisions) into the queue, flagged_items.

The file (CSV, XLSX, JSONL or Parquet) has the columns object_type, object_id, decision, decided_at and
optionally reviewer (staff id), org_id, note. decision is confirmed / dismissed / escalated or the Vietnamese
labels of the exports (Xác nhận vi phạm, Bác bỏ, Chuyển cấp trên; case and diacritics ignored); anything else
is quarantined. object_type is one the queue holds (code or label). A decision without decided_at is dated at
the import: a reviewer filling in an export easily leaves the date empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ingest.loader import BatchResult, Source, file_checksum, ingest_source
from ingest.readers import UnreadableFile, read_file
from ingest.validate import vietnam_now
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
FLAGGABLE = tuple(OBJECT_TYPE_LABELS)  # the object types the queue holds
# the codes, and the Vietnamese labels reviewers see in the exports, folded (no diacritics, lower case)
DECISIONS = {fold(label): code for code, label in DECISION_LABELS.items()} | {code: code for code in DECISION_LABELS}
OBJECT_TYPES = {fold(label): code for code, label in OBJECT_TYPE_LABELS.items()} | {code: code for code in FLAGGABLE}
NOT_A_DECISION = "không phải quyết định (cần {labels}): {value!r}"
NOT_FLAGGABLE = "loại đối tượng không có trong hàng đợi (cần {labels}): {value!r}"


# the moderation event's fields as the decisions file names them (for the messages about quarantined rows)
FILE_FIELDS = {"action": "decision", "occurred_at": "decided_at", "object_id": "object_type/object_id",
               "actor_staff_id": "reviewer", "reason": "note"}


class DecisionFileError(Exception):
    """The file cannot be imported at all: printed, never a traceback."""


@dataclass
class ImportOutcome:
    batch: BatchResult
    undecided: int  # rows without a decision (an exported item nobody decided yet): skipped
    dated_at_import: int  # decisions without decided_at: dated at the import
    quarantined: list[tuple]  # (line, field, reason)
    not_in_queue: list[tuple]  # (line, object) decisions on items the queue does not hold


def _event(checksum: str, line: int, row: dict, imported_at: datetime) -> dict:
    """A decisions row as a moderation event (values as the file gave them: the loader validates them, and
    check_decision what the contract does not know of decisions)."""
    written_type = str(row.get("object_type") or "").strip()
    object_id, decision = str(row.get("object_id") or "").strip(), str(row.get("decision") or "").strip()
    decided_at = row.get("decided_at") if str(row.get("decided_at") or "").strip() else imported_at
    return {
        "event_id": f"DEC-{checksum[:16]}-{line}",
        "object_type": "flag",
        # an incomplete object is left empty: the loader quarantines the row (object_id required)
        "object_id": f"{OBJECT_TYPES.get(fold(written_type), written_type)}:{object_id}"
                     if written_type and object_id else "",
        "action": DECISIONS.get(fold(decision), decision),
        "actor_staff_id": row.get("reviewer"),
        "org_id": row.get("org_id"),
        "occurred_at": decided_at,
        "reason": row.get("note"),
        "updated_at": decided_at,
    }


def check_decision(event: dict) -> list[tuple[str, str]]:
    """A moderation action that is not a reviewer's decision (approved, say), or an object the queue cannot
    hold: the contract allows both in moderation events, a decisions file does not."""
    errors = []
    if event["action"] not in DECISION_LABELS:
        errors.append(("action", NOT_A_DECISION.format(labels=", ".join(DECISION_LABELS.values()),
                                                       value=event["action"])))
    object_type = event["object_id"].split(":", 1)[0]
    if object_type not in FLAGGABLE:
        errors.append(("object_id", NOT_FLAGGABLE.format(labels=", ".join(OBJECT_TYPE_LABELS.values()),
                                                         value=object_type)))
    return errors


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
    undecided, dated_at_import = [0], [0]
    imported_at = vietnam_now().replace(microsecond=0)

    def decided_rows():
        for line, row in rows:
            row = {_column(k): v for k, v in row.items()}
            if not str(row.get("decision") or "").strip():
                undecided[0] += 1
                continue
            dated_at_import[0] += not str(row.get("decided_at") or "").strip()
            yield line, _event(checksum, line, row, imported_at)

    warehouse = open_warehouse(settings)
    try:
        source = Source(name=path.name, record_type="moderation_events", checksum=checksum, rows=decided_rows(),
                        check=check_decision)
        batch = ingest_source(warehouse, source, settings.hash_key(), progress=progress)
        quarantined = [
            (line, FILE_FIELDS.get(field, field), reason) for line, field, reason in warehouse.execute(
                f"select line, field, reason from raw.quarantine where batch_id = {warehouse.placeholder} "
                f"and field <> 'updated_at' order by line, field", [batch.batch_id])]  # updated_at = decided_at
        not_in_queue = _not_in_queue(warehouse, batch.batch_id)
    finally:
        warehouse.close()
    return ImportOutcome(batch, undecided[0], dated_at_import[0], quarantined, not_in_queue)


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
