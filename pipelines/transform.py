"""dbt models as Dagster assets: staging, intermediate and marts, keyed [schema, table]."""


import os
from collections.abc import Mapping
from typing import Any

from dagster import AssetExecutionContext, AssetKey
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from pipelines.access import refresh_reader_grants
from pipelines.resources import WarehouseResource, dbt_project


class WarehouseTranslator(DagsterDbtTranslator):
    """Asset keys mirror [schema, table]; sources are the raw tables the ingest assets write."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return AssetKey([dbt_resource_props["schema"], dbt_resource_props.get("alias") or dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str:
        return dbt_resource_props["schema"]


if not dbt_project.manifest_path.exists():
    raise FileNotFoundError(
        f"dbt manifest missing at {dbt_project.manifest_path}: run `make install` (it runs `dbt parse`)")


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=WarehouseTranslator())
def warehouse_models(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    # dbt runs as a subprocess that inherits this environment: its profile reads the warehouse location here.
    settings = warehouse.settings()
    os.environ.update(settings.dbt_env())
    yield from dbt.cli(["build"], context=context).stream()
    locked = refresh_reader_grants(settings)  # dbt re-created the marts: withhold personal columns again
    if locked:
        context.log.info(f"personal columns withheld from analysts and dashboards in marts: {', '.join(locked)}")
