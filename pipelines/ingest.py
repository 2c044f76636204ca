"""Ingestion assets: the landing folder, the sample province and the public datasets into the raw schema."""


import time
from collections import Counter
from pathlib import Path

from dagster import (
    AssetExecutionContext, AssetSpec, Config, DefaultSensorStatus, MaterializeResult, RunRequest,
    SensorEvaluationContext, SkipReason, define_asset_job, multi_asset, sensor,
)

from ingest.adapters import ADAPTERS
from ingest.contract import RECORD_TYPES
from ingest.loader import BatchResult, Source, ingest_path, ingest_source, landing_files
from ingest.sample_province import generate
from ingest.warehouse import DuckDBWarehouse
from pipelines.resources import WarehouseResource
from pipelines.settings import Settings

SOURCES = ("landing", "sample", "chicago", "fhrs", "vispam")

RAW_SPECS = [
    AssetSpec(["raw", name], description=rt.description, group_name="raw", kinds={"python"})
    for name, rt in RECORD_TYPES.items()
] + [
    AssetSpec(["raw", "batch_log"], description="One row per delivered file or adapter batch", group_name="raw"),
    AssetSpec(["raw", "quarantine"], description="Rows that broke the contract, with file, line, field, reason",
              group_name="raw"),
]


def open_warehouse(settings: Settings) -> DuckDBWarehouse:
    settings.home.mkdir(parents=True, exist_ok=True)
    return DuckDBWarehouse(settings.duckdb_path)


def sample_paths(settings: Settings) -> tuple[Path, Path]:
    return settings.landing, settings.home / "sample" / "ground_truth.csv"


def load(settings: Settings, source: str = "landing", scale: float = 1.0, progress=print,
         data_dir: Path | None = None) -> list[BatchResult]:
    """Load one source into the raw schema: the landing folder, a generated sample province, or a public dataset."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; choose one of {', '.join(SOURCES)}")
    settings.landing.mkdir(parents=True, exist_ok=True)
    if source == "sample":
        landing, ground_truth = sample_paths(settings)
        generate(landing, ground_truth, scale=scale, progress=progress)
    warehouse = open_warehouse(settings)
    try:
        if source in ADAPTERS:
            data_dir = data_dir or settings.shared_data
            if not data_dir.is_dir():
                raise FileNotFoundError(f"public datasets not found at {data_dir} (see ../shared/data/README.md)")
            return [ingest_source(warehouse, Source(s.name, s.record_type, s.checksum, s.rows_factory()),
                                  settings.hash_key(), progress=progress)
                    for s in ADAPTERS[source](data_dir)]
        return ingest_path(warehouse, settings.landing, settings.hash_key(), progress=progress)
    finally:
        warehouse.close()


class IngestConfig(Config):
    source: str = "landing"  # landing | sample | chicago | fhrs | vispam
    scale: float = 1.0  # sample province size (1 = about 2,000 establishments)


@multi_asset(specs=RAW_SPECS, name="raw_tables", description="Ingest new records into the raw schema")
def raw_tables(context: AssetExecutionContext, config: IngestConfig, warehouse: WarehouseResource):
    results = load(warehouse.settings(), config.source, config.scale, progress=context.log.info)
    loaded = Counter()
    for result in results:
        loaded[result.record_type] += result.rows_loaded
    for spec in RAW_SPECS:
        table = spec.key.path[-1]
        yield MaterializeResult(asset_key=spec.key, metadata={"rows_loaded": loaded.get(table, 0)})


ingest_job = define_asset_job("ingest_job", selection=[spec.key for spec in RAW_SPECS])


SETTLE_SECONDS = 10  # a file changed more recently may still be being copied in: wait for the next tick


@sensor(job=ingest_job, minimum_interval_seconds=30, default_status=DefaultSensorStatus.RUNNING,
        description="Ingest files as they arrive in the landing folder")
def landing_sensor(context: SensorEvaluationContext, warehouse: WarehouseResource):
    files = [p for p in landing_files(warehouse.settings().landing) if time.time() - p.stat().st_mtime > SETTLE_SECONDS]
    if not files:
        return SkipReason("no settled file in the landing folder")
    run_key = "|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files)
    return RunRequest(run_key=run_key, run_config={"ops": {"raw_tables": {"config": {"source": "landing"}}}})
