"""Write the dbt source declaration of the raw schema from the input contract, so the two cannot drift.

    python -m ingest.dbt_sources           # (re)write dbt_project/models/staging/platform/_platform__sources.yml
    python -m ingest.dbt_sources --check   # exit 1 when the committed file differs from the contract

A test compares the committed file with `render_sources_yml()`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from ingest.contract import ADDRESS_COLUMNS, RECORD_TYPES, Field, RecordType
from ingest.warehouse import BATCH_LOG_COLUMNS, EXTRACT_TABLES, QUARANTINE_COLUMNS

SOURCES_YML = Path(__file__).resolve().parent.parent / "dbt_project" / "models" / "staging" / "platform" / \
    "_platform__sources.yml"

HEADER = "# Generated from ingest/contract.py by `python -m ingest.dbt_sources`: do not edit by hand.\n"

METADATA_DESCRIPTIONS = {
    "_batch_id": "ingestion batch that loaded the row (raw.batch_log.batch_id)",
    "_source_file": "file the row came from",
    "_line": "line (or row) number of the record in its file",
    "_loaded_at": "when the loader wrote the row",
    "_row_hash": "hash of the record's contract fields, to spot identical re-deliveries",
}

ADDRESS_DESCRIPTIONS = {
    "province_code": "code of the province (units in force since 07/2025); empty when unresolved",
    "province": "name of the province (units in force since 07/2025)",
    "ward_code": "code of the ward or commune (units in force since 07/2025)",
    "ward": "name of the ward or commune (units in force since 07/2025)",
    "status": "how far the address resolved: resolved | province_only | unresolved | empty",
}

# The loader's bookkeeping tables (their columns are defined in ingest/warehouse.py).
BATCH_LOG_DESCRIPTIONS = {
    "batch_id": "identifier of the batch (one file of one record type)",
    "source_file": "file that was ingested",
    "checksum": "checksum of the file's content: the same file delivered twice loads once",
    "record_type": "record type of the file (a key of the contract's RECORD_TYPES)",
    "contract_version": "version of the record type's schema the file was checked against",
    "status": "outcome of the batch: loaded | duplicate | refused",
    "rows_received": "rows read from the file",
    "rows_loaded": "rows written to the raw table",
    "rows_quarantined": "rows written to raw.quarantine; received = loaded + quarantined",
    "message": "what went wrong, in plain words, when the file was refused",
    "started_at": "when the batch started",
    "finished_at": "when the batch finished",
}
DELETION_DESCRIPTIONS = {
    "record_type": "record type of the deleted record (a key of the contract's RECORD_TYPES)",
    "record_id": "id of the record the platform no longer holds",
    "batch_id": "extract batch that saw the deletion",
    "detected_at": "when the extract saw it gone: staging drops the record unless a version loaded later exists",
}
QUARANTINE_DESCRIPTIONS = {
    "batch_id": "batch the row belonged to",
    "source_file": "file the row came from",
    "line": "line (or row) number in the file",
    "field": "field that broke the contract",
    "reason": "why the row was refused",
    "record": "the row as received (JSON text, personal values replaced by their hash)",
}


def _field_text(f: Field) -> str:
    text = f.description or f.name.replace("_", " ")
    if f.type == "enum":
        text += f" (one of: {', '.join(f.allowed)})"
    elif f.type == "list":
        text += f" (';'-joined, from: {', '.join(f.allowed)})"
    return text + ("; required" if f.required else "")


def _column_descriptions(record_type: RecordType) -> dict[str, str]:
    """Description of each raw column, following the layout of RecordType.raw_columns()."""
    descriptions = {}
    for f in record_type.fields:
        text = _field_text(f)
        if f.pii:
            descriptions[f"{f.name}_hash"] = f"keyed hash of the {f.name}: {text} (personal data, never stored in clear)"
        elif f.address:
            descriptions[f.name] = f"{text}: the original address text"
            descriptions.update({f"{f.name}_{suffix}": f"{f.name}: {ADDRESS_DESCRIPTIONS[suffix]}"
                                 for suffix, _ in ADDRESS_COLUMNS})
        else:
            descriptions[f.name] = text
    return descriptions | METADATA_DESCRIPTIONS


def _table(record_type: RecordType) -> dict:
    descriptions = _column_descriptions(record_type)
    return {
        "name": record_type.name,
        "description": f"{record_type.description} (contract version {record_type.version}, "
                       f"id {record_type.id_field}; append-only: one row per delivered version)",
        "meta": {"contract_version": record_type.version, "id_field": record_type.id_field},
        "columns": [
            {"name": column, "data_type": sql_type, "description": descriptions[column]}
            for column, sql_type in record_type.raw_columns()
        ],
    }


def _bookkeeping_table(name: str, description: str, columns: list[tuple[str, str]],
                       descriptions: dict[str, str]) -> dict:
    return {
        "name": name,
        "description": description,
        "columns": [{"name": c, "data_type": t, "description": descriptions[c]} for c, t in columns],
    }


def render_sources_yml() -> str:
    """The text of _platform__sources.yml for the current contract."""
    tables = [_table(rt) for rt in RECORD_TYPES.values()]
    tables.append(_bookkeeping_table(
        "batch_log", "One row per ingestion batch: file, checksum, record type and the row reconciliation",
        BATCH_LOG_COLUMNS, BATCH_LOG_DESCRIPTIONS))
    tables.append(_bookkeeping_table(
        "quarantine", "Rows that broke the contract, with the file, line, field and reason", QUARANTINE_COLUMNS,
        QUARANTINE_DESCRIPTIONS))
    tables.append(_bookkeeping_table(
        "extract_deletions", "Records the incremental extract found deleted on the platform (ingest/extract.py)",
        EXTRACT_TABLES["raw.extract_deletions"], DELETION_DESCRIPTIONS))
    document = {
        "version": 2,
        "sources": [{
            "name": "raw",
            "schema": "raw",
            "description": "Platform records as delivered, validated against ingest/contract.py; written by the "
                           "ingest loader (PII already hashed, addresses normalised)",
            "tables": tables,
        }],
    }
    return HEADER + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render_sources_yml()
    if "--check" in argv:
        current = SOURCES_YML.read_text(encoding="utf-8") if SOURCES_YML.exists() else ""
        if current != text:
            print(f"{SOURCES_YML} is out of date: run python -m ingest.dbt_sources")
            return 1
        return 0
    SOURCES_YML.parent.mkdir(parents=True, exist_ok=True)
    SOURCES_YML.write_text(text, encoding="utf-8")
    print(f"wrote {SOURCES_YML}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
