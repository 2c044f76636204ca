"""The published copy of the warehouse: what Superset reads, so a dashboard never blocks a run and a run never
breaks an open dashboard (DESIGN.md: DuckDB has one writer at a time)."""

import os
import shutil
from pathlib import Path

import duckdb
from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from pipelines.resources import WarehouseResource
from pipelines.transform import flag_models, warehouse_models

# Every mart: the copy is taken only once all of them are built, so a failed build publishes nothing.
MART_KEYS = sorted((key for models in (warehouse_models, flag_models) for key in models.keys
                    if key.path[0] == "marts"), key=lambda k: k.path)


def publish_duckdb(source: Path, target: Path) -> int:
    """Copy the warehouse file next to target, then rename it over target: readers see the old file or the new
    one, never half of one (an open reader keeps the old file until it closes). Returns the bytes copied."""
    with duckdb.connect(str(source)) as connection:
        connection.execute("checkpoint")  # the write-ahead log into the file: the copy is then complete
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target.stat().st_size


@asset(key=["published", "warehouse"], deps=MART_KEYS, group_name="published",
       description="A read-only copy of the DuckDB warehouse for Superset, swapped in atomically after the marts")
def published_warehouse(context: AssetExecutionContext, warehouse: WarehouseResource):
    settings = warehouse.settings()
    if settings.warehouse != "duckdb":
        return MaterializeResult(metadata={"skipped": "PostgreSQL: Superset reads it through a read-only role"})
    size = publish_duckdb(settings.duckdb_path, settings.published_duckdb_path)
    return MaterializeResult(metadata={"path": str(settings.published_duckdb_path), "bytes": size})
