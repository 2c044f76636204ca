"""dbt models as Dagster assets: staging, intermediate and marts, keyed [schema, table].

Two asset definitions over the one dbt project, split where a Python asset sits between dbt models: the
review-spam scores (pipelines/review_spam.py) read staging and feed the flags. `warehouse_models` is everything
else; `flag_models` is the source of the scores and what depends on it (stg_ml__review_spam_scores+). With one
definition Dagster would split it itself to break the cycle, by "distance" from the roots, which also gives the
seeds a dbt run of their own, whose eagerly selected relationship tests reach marts not built yet.
"""


import os
from collections.abc import Mapping
from typing import Any

from dagster import AssetExecutionContext, AssetKey
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

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


AFTER_SCORER = "stg_ml__review_spam_scores+"  # the dbt models downstream of ml/review_spam_scores


def _build(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    # dbt runs as a subprocess that inherits this environment: its profile reads the warehouse location here.
    os.environ.update(warehouse.settings().dbt_env())
    yield from dbt.cli(["build"], context=context).stream()


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=WarehouseTranslator(), exclude=AFTER_SCORER)
def warehouse_models(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    yield from _build(context, dbt, warehouse)


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=WarehouseTranslator(), select=AFTER_SCORER)
def flag_models(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    yield from _build(context, dbt, warehouse)
