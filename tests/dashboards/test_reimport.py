"""A changed chart or dataset is applied by a re-import, not only a changed dashboard; nothing is duplicated."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from giamsat_superset.render import ASSETS, asset_uuid

pytestmark = pytest.mark.superset


def manage_import(superset, assets) -> None:
    result = subprocess.run([str(superset.python), str(superset.dashboards / "manage.py"), "import", "--assets",
                             str(assets)], env=superset.env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]


def dataset_metric(superset, table_name: str, metric_name: str) -> str:
    query = json.dumps({"filters": [{"col": "table_name", "opr": "eq", "value": table_name}]})
    [dataset] = superset.get("/api/v1/dataset/", q=query)["result"]
    metrics = superset.get(f"/api/v1/dataset/{dataset['id']}")["result"]["metrics"]
    return next(m["expression"] for m in metrics if m["metric_name"] == metric_name)


def test_a_changed_chart_and_dataset_are_applied_on_reimport(superset, tmp_path):
    edited = tmp_path / "assets"
    shutil.copytree(ASSETS, edited)
    dashboard = edited / "dashboards" / "3-vi-pham-khieu-nai.yaml"
    dashboard.write_text(dashboard.read_text(encoding="utf-8").replace(
        "title: Vi phạm theo tỉnh", "title: Vi phạm theo tỉnh (đã sửa)"), encoding="utf-8")
    datasets = edited / "datasets.yaml"
    datasets.write_text(datasets.read_text(encoding="utf-8").replace(
        "expression: sum(closed)}", "expression: sum(closed) + 0}"), encoding="utf-8")
    charts_before = superset.charts()
    try:
        manage_import(superset, edited)
        chart_id = superset.charts()[asset_uuid("chart", "violations_by_province")]
        assert superset.get(f"/api/v1/chart/{chart_id}")["result"]["slice_name"] == "Vi phạm theo tỉnh (đã sửa)"
        assert dataset_metric(superset, "thong_ke_vi_pham", "closed") == "sum(closed) + 0"
        assert superset.charts() == charts_before  # the same charts, updated in place
    finally:
        manage_import(superset, ASSETS)
    assert dataset_metric(superset, "thong_ke_vi_pham", "closed") == "sum(closed)"
