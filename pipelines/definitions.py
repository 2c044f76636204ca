"""Gathers every asset, check, job, schedule and sensor of the warehouse: the Dagster code location."""

from __future__ import annotations

from dagster import (
    AssetSelection, DefaultScheduleStatus, Definitions, ScheduleDefinition, define_asset_job, in_process_executor,
)

from pipelines.exports import flagged_items_export
from pipelines.ingest import ingest_job, landing_sensor, platform_extract_job, raw_tables
from pipelines.publish import published_warehouse
from pipelines.quality import flag_quality_checks, model_quality_checks, raw_contract_checks
from pipelines.reports import REPORT_ASSETS, REPORT_DELIVERY, monthly_report_job, monthly_report_schedule
from pipelines.resources import WarehouseResource, dbt_resource
from pipelines.review_spam import review_spam_scores, spam_scorer_model
from pipelines.transform import flag_models, warehouse_models

main_job = define_asset_job("main_job", selection=AssetSelection.all() - REPORT_DELIVERY,
                            description="Ingest, check, build the warehouse, export the queue, write the report")
rebuild_job = define_asset_job("rebuild_job",
                               selection=AssetSelection.all() - AssetSelection.groups("raw") - REPORT_DELIVERY,
                               description="Rebuild everything downstream of the raw tables")

daily_rebuild = ScheduleDefinition(
    name="daily_rebuild", job=rebuild_job, cron_schedule="0 2 * * *", execution_timezone="Asia/Ho_Chi_Minh",
    default_status=DefaultScheduleStatus.RUNNING,
    description="Rebuild the models, queue and report every night from what the sensor ingested")

# Off until a deployment sets GIAMSAT_PLATFORM_DB and switches it on (Automation in the UI).
platform_extract_schedule = ScheduleDefinition(
    name="platform_extract_schedule", job=platform_extract_job, cron_schedule="*/15 * * * *",
    execution_timezone="Asia/Ho_Chi_Minh", default_status=DefaultScheduleStatus.STOPPED,
    description="Extract what changed on the platform's database every 15 minutes")


def build_definitions(home: str = "") -> Definitions:
    """home: the warehouse home folder ('' = GIAMSAT_HOME or the project's data folder, read at run time)."""
    return Definitions(
        assets=[raw_tables, warehouse_models, spam_scorer_model, review_spam_scores, flag_models, flagged_items_export,
                published_warehouse, *REPORT_ASSETS],
        asset_checks=[raw_contract_checks, model_quality_checks, flag_quality_checks],
        jobs=[main_job, ingest_job, platform_extract_job, rebuild_job, monthly_report_job],
        schedules=[daily_rebuild, monthly_report_schedule, platform_extract_schedule],
        sensors=[landing_sensor],
        resources={"warehouse": WarehouseResource(home=home), "dbt": dbt_resource()},
        executor=in_process_executor,  # DESIGN.md: the multiprocess executor re-imports everything per step
    )


defs = build_definitions()
