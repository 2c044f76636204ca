"""dbt models as Dagster assets: staging, intermediate and marts, keyed [schema, table].

Two asset definitions over the one dbt project, split where a Python asset sits between dbt models: the
review-spam scores (pipelines/review_spam.py) read staging and feed the flags. `warehouse_models` is everything
else; `flag_models` is the source of the scores and what depends on it (stg_ml__review_spam_scores+). With one
definition Dagster would split it itself to break the cycle, by "distance" from the roots, which also gives the
seeds a dbt run of their own, whose eagerly selected relationship tests reach marts not built yet.
"""


import io
import os
import re
import sys
from collections.abc import Mapping
from contextlib import redirect_stdout
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


_NODE_LINE = re.compile(r"\b(\d+) of (\d+) (START|OK|PASS|SKIP|NO-OP|WARN|ERROR|FAIL)\b")
_QUIET = {"START", "OK", "PASS", "SKIP", "NO-OP"}


class DbtConsole(io.TextIOBase):
    """dbt's output (dagster-dbt writes it to stdout one line per call) without its two lines per node, about
    1,200 for this project: one progress line per tenth of the nodes instead. Warnings, errors, failures and
    dbt's summary pass through; dbt.log in the run's folder under dbt_project/target/ keeps every line."""

    def __init__(self, out):
        self.out, self.finished, self.tenths = out, 0, 0

    def write(self, text: str) -> int:
        node = _NODE_LINE.search(text)
        if node is None or node.group(3) not in _QUIET:
            self.out.write(text)
        if node is not None and node.group(3) != "START":
            self.finished, total = self.finished + 1, int(node.group(2))
            if self.finished * 10 // total > self.tenths:
                self.tenths = self.finished * 10 // total
                self.out.write(f"dbt: {self.finished}/{total} bước xong ({self.tenths * 10}%)\n")
        return len(text)

    def flush(self) -> None:
        self.out.flush()


AFTER_SCORER = "stg_ml__review_spam_scores+"  # the dbt models downstream of ml/review_spam_scores


def _build(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    # dbt runs as a subprocess that inherits this environment: its profile reads the warehouse location here.
    settings = warehouse.settings()
    os.environ.update(settings.dbt_env())
    with redirect_stdout(DbtConsole(sys.stdout)):
        yield from dbt.cli(["build"], context=context).stream()
    locked = refresh_reader_grants(settings)  # dbt re-created the marts: withhold personal columns again
    if locked:
        context.log.info(f"personal columns withheld from analysts and dashboards in marts: {', '.join(locked)}")


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=WarehouseTranslator(), exclude=AFTER_SCORER)
def warehouse_models(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    yield from _build(context, dbt, warehouse)


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=WarehouseTranslator(), select=AFTER_SCORER)
def flag_models(context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    yield from _build(context, dbt, warehouse)
