"""Ingestion assets: the landing folder, the sample province and the public datasets into the raw schema."""

import math
import os
import shutil
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from dagster import (
    AssetExecutionContext, AssetSpec, Config, DefaultSensorStatus, MaterializeResult, RunRequest,
    SensorEvaluationContext, SkipReason, define_asset_job, multi_asset, sensor,
)

from ingest.adapters import ADAPTERS
from ingest.contract import RECORD_TYPES
from ingest.extract import TableExtract, extract_platform
from ingest.loader import BatchResult, Source, ingest_path, ingest_source, landing_files
from ingest.sample_province import generate
from ingest.warehouse import DuckDBWarehouse, PostgresWarehouse, Warehouse
from pipelines.resources import WarehouseResource
from pipelines.settings import Settings

SOURCES = ("landing", "sample", "chicago", "fhrs", "vispam", "platform")

RAW_SPECS = [
    AssetSpec(["raw", name], description=rt.description, group_name="raw", kinds={"python"})
    for name, rt in RECORD_TYPES.items()
] + [
    AssetSpec(["raw", "batch_log"], description="One row per delivered file or adapter batch", group_name="raw"),
    AssetSpec(["raw", "quarantine"], description="Rows that broke the contract, with file, line, field, reason",
              group_name="raw"),
    AssetSpec(["raw", "extract_deletions"], group_name="raw",
              description="Records the platform extract found deleted; staging leaves them out"),
]


def open_warehouse(settings: Settings, read_only: bool = False) -> Warehouse:
    """The warehouse of the settings (WAREHOUSE=duckdb|postgres): the one place that chooses the engine.
    read_only: for readers of a built warehouse (checks, exports, reports): creates nothing."""
    if settings.warehouse == "postgres":
        return PostgresWarehouse(settings.postgres.connect_kwargs(), settings.postgres.display(), read_only)
    if not read_only:
        settings.home.mkdir(parents=True, exist_ok=True)
    return DuckDBWarehouse(settings.duckdb_path, read_only)


def sample_paths(settings: Settings) -> tuple[Path, Path]:
    return settings.landing, settings.home / "sample" / "ground_truth.csv"


MAX_SCALE = 50  # 100,000 establishments, about 5.5 million rows: the largest province worth generating here


def check_scale(scale: float) -> float:
    if not (math.isfinite(scale) and 0 < scale <= MAX_SCALE):
        raise ValueError(f"quy mô {scale} không hợp lệ: phải lớn hơn 0 và không quá {MAX_SCALE} "
                         f"(1 ≈ 2.000 cơ sở trong 12 tháng)")
    return scale


def generate_sample(settings: Settings, scale: float = 1.0, seed: int = 20260101, progress=print) -> dict:
    """Generate the sample province into a hidden folder of landing, then move the finished files in: an
    interrupted generator leaves no partial file for the loader or the sensor to pick up."""
    check_scale(scale)
    landing, ground_truth = sample_paths(settings)
    landing.mkdir(parents=True, exist_ok=True)
    ground_truth.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".generating-", dir=landing))
    try:
        summary = generate(work, work / ground_truth.name, scale=scale, seed=seed, progress=progress)
        os.replace(work / ground_truth.name, ground_truth)
        for path in sorted(work.iterdir()):
            os.replace(path, landing / path.name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return summary


def load(settings: Settings, source: str = "landing", scale: float = 1.0, progress=print,
         data_dir: Path | None = None) -> list[BatchResult]:
    """Load one source into the raw schema: the landing folder, a generated sample province, or a public dataset."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; choose one of {', '.join(SOURCES)}")
    settings.landing.mkdir(parents=True, exist_ok=True)
    if source == "sample":
        generate_sample(settings, scale, progress=progress)
    warehouse = open_warehouse(settings)
    try:
        if source == "platform":
            return [table.batch for table in extract(settings, warehouse, progress) if table.batch]
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


def extract(settings: Settings, warehouse: Warehouse, progress=print) -> list[TableExtract]:
    """The incremental extract from the platform's database (GIAMSAT_PLATFORM_DB) into the raw schema."""
    platform = settings.platform()
    return extract_platform(warehouse, platform.connect_kwargs(), platform.display(), settings.hash_key(),
                            overlap=timedelta(minutes=settings.extract_overlap_minutes), progress=progress)


class IngestConfig(Config):
    source: str = "landing"  # landing | sample | chicago | fhrs | vispam | platform
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
platform_extract_job = define_asset_job(
    "platform_extract_job", selection=[spec.key for spec in RAW_SPECS],
    config={"ops": {"raw_tables": {"config": {"source": "platform"}}}},
    description="Incremental extract of the platform's database (GIAMSAT_PLATFORM_DB) into the raw schema")


SETTLE_SECONDS = 10  # a file changed more recently may still be being copied in: wait for the next tick


@sensor(job=ingest_job, minimum_interval_seconds=30, default_status=DefaultSensorStatus.RUNNING,
        description="Ingest files as they arrive in the landing folder")
def landing_sensor(context: SensorEvaluationContext, warehouse: WarehouseResource):
    files = [p for p in landing_files(warehouse.settings().landing) if time.time() - p.stat().st_mtime > SETTLE_SECONDS]
    if not files:
        return SkipReason("no settled file in the landing folder")
    run_key = "|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files)
    return RunRequest(run_key=run_key, run_config={"ops": {"raw_tables": {"config": {"source": "landing"}}}})
