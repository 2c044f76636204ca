"""Turn the assets in dashboards/assets (short YAML, templated by environment) into Superset's import bundle.

Superset 6.1 imports a bundle of YAML files (metadata.yaml, databases/, datasets/, charts/, dashboards/); a chart
there needs its form data (`params`) and a `query_context` (what the chart data API runs), a dataset its columns
and metrics. Writing those by hand for every chart would repeat the same few facts many times, so the assets say
what each chart shows and this module writes the rest. Identifiers are UUIDs derived from the asset keys: the
same asset always has the same UUID, which is what lets a re-import overwrite it instead of adding a copy.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import jinja2
import yaml

from pipelines import report_content

ASSETS = Path(__file__).resolve().parent.parent / "assets"
NAMESPACE = uuid.UUID("5b0f3c7e-6a52-4a0e-9d1c-0c2f7e1a9b61")  # fixed: changing it would duplicate every asset
VERSION = "1.0.0"
GRID_HEIGHT = 50  # default chart height in Superset's grid units
VIETNAM = "Asia/Ho_Chi_Minh"
LABEL_SETS = ("PRODUCT_CATEGORIES", "VIOLATION_CATEGORIES", "SEVERITIES", "OBJECT_TYPES", "COMPLAINT_CATEGORIES",
              "COMPLAINT_KINDS")


def asset_uuid(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


@dataclass(frozen=True)
class Environment:
    """What differs between environments: the warehouse dialect and how Superset reaches it."""

    warehouse: str  # duckdb | postgres
    sqlalchemy_uri: str
    duckdb_path: Path | None = None  # the published copy, to read the datasets' column types from

    @property
    def engine_params(self) -> dict[str, Any]:
        if self.warehouse == "duckdb":
            return {"connect_args": {"read_only": True}}
        return {}


# ---------------------------------------------------------------------------------------------------------
# SQL macros: one expression per dialect, so the dataset SQL stays the same text for both warehouses
# ---------------------------------------------------------------------------------------------------------

def _macros(env: Environment) -> dict[str, Any]:
    duck = env.warehouse == "duckdb"

    def month_label(column: str) -> str:
        return f"strftime({column}, '%m/%Y')" if duck else f"to_char({column}, 'MM/YYYY')"

    def label(column: str, *label_sets: str) -> str:
        """The codes' Vietnamese labels; with several sets, the first that has a code gives its label."""
        labels: dict[str, str] = {}
        for label_set in reversed(label_sets):
            if label_set not in LABEL_SETS:
                raise KeyError(f"unknown label set {label_set}")
            labels.update(getattr(report_content, label_set))
        whens = " ".join(f"when '{code}' then '{text}'" for code, text in labels.items())
        return f"case {column} {whens} else {column} end"

    def days_since(column: str) -> str:
        # the warehouse's times are Vietnam time without a zone: today in Vietnam, not the server's date (from
        # 17:00 UTC on, the server's date is still yesterday and an item flagged this morning waited -1 days)
        if duck:
            return f"date_diff('day', cast({column} as date), cast(timezone('{VIETNAM}', now()) as date))"
        return f"(cast(now() at time zone '{VIETNAM}' as date) - cast({column} as date))"

    def split(column: str, separator: str) -> str:
        if duck:
            return f"unnest(string_split({column}, '{separator}'))"
        return f"unnest(string_to_array({column}, '{separator}'))"

    return {"month_label": month_label, "label": label, "days_since": days_since, "split": split}


def _render(path: Path, env: Environment) -> Any:
    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(path.read_text(encoding="utf-8"))
    text = template.render(sqlalchemy_uri=env.sqlalchemy_uri, engine_params=env.engine_params,
                           warehouse=env.warehouse, **_macros(env))
    return yaml.safe_load(text)


def load_assets(env: Environment, assets: Path = ASSETS) -> tuple[dict, list[dict], list[dict]]:
    database = _render(assets / "database.yaml", env)
    datasets = _render(assets / "datasets.yaml", env)
    dashboards = [_render(path, env) for path in sorted((assets / "dashboards").glob("*.yaml"))]
    return database, datasets, dashboards


# ---------------------------------------------------------------------------------------------------------
# Datasets
# ---------------------------------------------------------------------------------------------------------

def dataset_columns(env: Environment, sql: str) -> list[tuple[str, str]]:
    """(name, type) of what the dataset's SQL returns, read from the published warehouse."""
    if env.duckdb_path is None:
        raise ValueError("the column types are read from the published DuckDB warehouse")
    with duckdb.connect(str(env.duckdb_path), read_only=True) as connection:
        return [(row[0], row[1]) for row in connection.execute(f"describe select * from ({sql}) as dataset").fetchall()]


def _dataset_yaml(spec: dict, database_uuid: str, columns: list[tuple[str, str]]) -> dict:
    labels = spec.get("labels", {})
    return {
        "table_name": spec["table_name"],
        "main_dttm_col": spec.get("main_dttm_col"),
        "description": spec.get("description"),
        "default_endpoint": None,
        "offset": 0,
        "cache_timeout": None,
        "schema": "marts",
        "sql": spec["sql"].strip(),
        "params": None,
        "template_params": None,
        "filter_select_enabled": True,
        "fetch_values_predicate": None,
        "extra": None,
        "normalize_columns": False,
        "always_filter_main_dttm": False,
        "uuid": asset_uuid("dataset", spec["key"]),
        "metrics": [
            {"metric_name": m["metric_name"], "verbose_name": m["verbose_name"], "metric_type": None,
             "expression": m["expression"], "description": None, "d3format": m.get("d3format"), "extra": {},
             "warning_text": None}
            for m in spec.get("metrics", [])
        ],
        "columns": [
            {"column_name": name, "verbose_name": labels.get(name), "is_dttm": type_.upper().startswith(("DATE", "TIMESTAMP")),
             "is_active": True, "type": type_, "advanced_data_type": None, "groupby": True, "filterable": True,
             "expression": None, "description": None, "python_date_format": None, "extra": {}}
            for name, type_ in columns
        ],
        "version": VERSION,
        "database_uuid": database_uuid,
    }


# ---------------------------------------------------------------------------------------------------------
# Charts: form data (what the browser draws from) and the query context (what the chart data API runs)
# ---------------------------------------------------------------------------------------------------------

VIZ_TYPES = {"table": "table", "bar": "echarts_timeseries_bar", "line": "echarts_timeseries_line",
             "big_number": "big_number_total", "pivot": "pivot_table_v2"}


def _where_filters(chart: dict) -> list[dict]:
    if not chart.get("where"):
        return []
    return [{"expressionType": "SQL", "sqlExpression": chart["where"], "clause": "WHERE"}]


def _temporal(column: str) -> dict:
    """The month axis as Superset's base axis, at a month grain."""
    return {"timeGrain": "P1M", "columnType": "BASE_AXIS", "sqlExpression": column, "label": column,
            "expressionType": "SQL"}


def chart_form_data(chart: dict, dataset: dict) -> dict:
    viz = chart["viz"]
    temporal = {c["column_name"] for c in dataset["columns"] if c["is_dttm"]}
    base = {"viz_type": VIZ_TYPES[viz], "adhoc_filters": _where_filters(chart), "row_limit": chart.get("row_limit", 1000),
            "extra_form_data": {}, "dashboards": []}
    if viz == "table":
        if "columns" in chart:  # the rows as they are
            base.update(query_mode="raw", all_columns=chart["columns"], groupby=[], metrics=[],
                        order_by_cols=[json.dumps(pair) for pair in chart.get("order_by", [])])
        else:
            base.update(query_mode="aggregate", groupby=chart["groupby"], metrics=chart["metrics"], all_columns=[],
                        timeseries_limit_metric=chart["metrics"][0], order_desc=True)
        # number formats by column or metric (d3), e.g. a precision as a percentage
        base["column_config"] = {name: {"d3NumberFormat": fmt} for name, fmt in chart.get("formats", {}).items()}
        base.update(server_pagination=False, show_cell_bars=True, table_timestamp_format="%m/%Y",
                    allow_rearrange_columns=False, include_search=False)
    elif viz in ("bar", "line"):
        base.update(x_axis=chart["x"], metrics=chart["metrics"], groupby=chart.get("groupby", []),
                    show_legend=True, legendOrientation="top", rich_tooltip=True, y_axis_format="SMART_NUMBER",
                    x_axis_time_format="%m/%Y", truncateXAxis=True, zoomable=False, show_value=viz == "bar",
                    only_total=True, stack="Stack" if chart.get("stack") else None, markerEnabled=True)
        if chart["x"] in temporal:
            base["time_grain_sqla"] = "P1M"
        else:
            sort_by_x = chart.get("sort_x", False)
            # categories as horizontal bars: every label stays readable however many there are
            base.update(x_axis_sort=chart["x"] if sort_by_x else chart["metrics"][0],
                        # horizontal bars are drawn from the bottom up: ascending puts the largest on top
                        x_axis_sort_asc=sort_by_x or viz == "bar", orientation="horizontal" if viz == "bar" else "vertical")
    elif viz == "big_number":
        base.update(metric=chart["metric"], y_axis_format="SMART_NUMBER", header_font_size=0.4,
                    subheader_font_size=0.15)
    elif viz == "pivot":
        base.update(groupbyRows=chart["rows"], groupbyColumns=chart["columns"], metrics=[chart["metric"]],
                    aggregateFunction="Sum", rowOrder="key_a_to_z", colOrder="key_a_to_z",
                    date_format="%m/%Y", time_grain_sqla="P1M", valueFormat="SMART_NUMBER",
                    combineMetric=False, transposePivot=False, rowTotals=False, colTotals=False)
    return base


def chart_query(chart: dict, dataset: dict) -> dict:
    """The one query of the chart's query context, as the chart data API runs it."""
    viz = chart["viz"]
    temporal = {c["column_name"] for c in dataset["columns"] if c["is_dttm"]}
    query: dict[str, Any] = {"filters": [], "extras": {"having": "", "where": chart.get("where") and f"({chart['where']})" or ""},
                             "row_limit": chart.get("row_limit", 1000), "orderby": [], "metrics": [], "columns": []}
    if viz == "table" and "columns" in chart:
        # metrics None, not []: an empty list makes Superset group by the columns instead of listing the rows
        query.update(columns=chart["columns"], metrics=None,
                     orderby=[list(pair) for pair in chart.get("order_by", [])])
    elif viz == "table":
        query.update(columns=chart["groupby"], metrics=chart["metrics"], orderby=[[chart["metrics"][0], False]])
    elif viz in ("bar", "line"):
        x = _temporal(chart["x"]) if chart["x"] in temporal else chart["x"]
        query.update(columns=[x, *chart.get("groupby", [])], metrics=chart["metrics"],
                     orderby=[[chart["metrics"][0], False]] if x == chart["x"] else [])
    elif viz == "big_number":
        query.update(metrics=[chart["metric"]])
    elif viz == "pivot":
        columns = [_temporal(c) if c in temporal else c for c in chart["rows"] + chart["columns"]]
        query.update(columns=columns, metrics=[chart["metric"]], orderby=[[chart["metric"], False]])
    return query


def _chart_yaml(chart: dict, dataset: dict, dataset_id_placeholder: int = 0) -> dict:
    form_data = chart_form_data(chart, dataset)
    form_data["slice_name"] = chart["title"]
    query_context = {"datasource": {"id": dataset_id_placeholder, "type": "table"}, "force": False,
                     "queries": [chart_query(chart, dataset)], "form_data": form_data,
                     "result_format": "json", "result_type": "full"}
    return {
        "slice_name": chart["title"],
        "description": chart.get("description"),
        "certified_by": None,
        "certification_details": None,
        "viz_type": form_data["viz_type"],
        "params": form_data,
        "query_context": json.dumps(query_context, ensure_ascii=False),
        "cache_timeout": None,
        "uuid": asset_uuid("chart", chart["key"]),
        "version": VERSION,
        "dataset_uuid": dataset["uuid"],
    }


# ---------------------------------------------------------------------------------------------------------
# Dashboards: layout (rows of charts, 12 grid columns wide) and native filters
# ---------------------------------------------------------------------------------------------------------

def _rows(charts: list[dict]) -> list[list[dict]]:
    """Fill rows left to right: a chart that does not fit in what is left of a row starts the next one."""
    rows: list[list[dict]] = [[]]
    for chart in charts:
        if sum(c.get("width", 6) for c in rows[-1]) + chart.get("width", 6) > 12:
            rows.append([])
        rows[-1].append(chart)
    return [row for row in rows if row]


def _position(dashboard: dict, chart_ids: dict[str, int]) -> dict:
    position: dict[str, Any] = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
        "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": [], "parents": ["ROOT_ID"]},
        "HEADER_ID": {"id": "HEADER_ID", "type": "HEADER", "meta": {"text": dashboard["title"]}},
    }
    for number, row in enumerate(_rows(dashboard["charts"]), start=1):
        row_id = f"ROW-{number}"
        position["GRID_ID"]["children"].append(row_id)
        position[row_id] = {"type": "ROW", "id": row_id, "children": [], "parents": ["ROOT_ID", "GRID_ID"],
                            "meta": {"background": "BACKGROUND_TRANSPARENT"}}
        for chart in row:
            chart_id = f"CHART-{chart['key']}"
            position[row_id]["children"].append(chart_id)
            position[chart_id] = {
                "type": "CHART", "id": chart_id, "children": [], "parents": ["ROOT_ID", "GRID_ID", row_id],
                "meta": {"chartId": chart_ids[chart["key"]], "width": chart.get("width", 6),
                         "height": chart.get("height", GRID_HEIGHT), "uuid": asset_uuid("chart", chart["key"]),
                         "sliceName": chart["title"]},
            }
    return position


def _native_filters(dashboard: dict, datasets: dict[str, dict], chart_ids: dict[str, int]) -> list[dict]:
    """One select filter per entry; it applies to the charts whose dataset has its column (and, with `only`, whose
    dataset is one of those named), the others are left out of its scope so they never query a missing column."""
    filters = []
    for number, spec in enumerate(dashboard.get("filters", []), start=1):
        def applies(chart: dict) -> bool:
            dataset = datasets[chart["dataset"]]
            if spec.get("only") and chart["dataset"] not in spec["only"]:
                return False
            return any(c["column_name"] == spec["column"] for c in dataset["columns"])

        excluded = [chart_ids[c["key"]] for c in dashboard["charts"] if not applies(c)]
        filters.append({
            "id": f"NATIVE_FILTER-{dashboard['key']}-{number}",
            "name": spec["name"],
            "filterType": "filter_select",
            "type": "NATIVE_FILTER",
            "targets": [{"datasetUuid": datasets[spec["dataset"]]["uuid"], "column": {"name": spec["column"]}}],
            "controlValues": {"enableEmptyFilter": False, "defaultToFirstItem": False, "multiSelect": True,
                              "searchAllOptions": False, "inverseSelection": False,
                              "sortAscending": spec.get("sort_ascending", True)},
            # MM/YYYY sorts wrongly as text: the month filter lists its values by a metric (the latest month first)
            **({"sortMetric": spec["sort_metric"]} if spec.get("sort_metric") else {}),
            "defaultDataMask": {"extraFormData": {}, "filterState": {}, "ownState": {}},
            "cascadeParentIds": [],
            "scope": {"rootPath": ["ROOT_ID"], "excluded": excluded},
            "description": "",
        })
    return filters


def _dashboard_yaml(dashboard: dict, datasets: dict[str, dict]) -> dict:
    chart_ids = {chart["key"]: number for number, chart in enumerate(dashboard["charts"], start=1)}
    return {
        "dashboard_title": dashboard["title"],
        "description": None,
        "css": "",
        "slug": dashboard["slug"],
        "certified_by": None,
        "certification_details": None,
        "published": True,
        "uuid": asset_uuid("dashboard", dashboard["key"]),
        "position": _position(dashboard, chart_ids),
        "metadata": {
            "native_filter_configuration": _native_filters(dashboard, datasets, chart_ids),
            "cross_filters_enabled": False,
            "color_scheme": "supersetColors",
            "refresh_frequency": 0,
            "expanded_slices": {},
            "label_colors": {},
            "timed_refresh_immune_slices": [],
            "default_filters": "{}",
            "chart_configuration": {},
            "global_chart_configuration": {"scope": {"rootPath": ["ROOT_ID"], "excluded": []}, "chartsInScope": []},
        },
        "version": VERSION,
    }


# ---------------------------------------------------------------------------------------------------------
# The bundle
# ---------------------------------------------------------------------------------------------------------

def build_bundle(env: Environment, assets: Path = ASSETS) -> dict[str, str]:
    """{path in the bundle: YAML text}, the paths as Superset's importers expect them."""
    database, dataset_specs, dashboards = load_assets(env, assets)
    database_uuid = asset_uuid("database", database["key"])
    database_yaml = {k: v for k, v in database.items() if k != "key"} | {"uuid": database_uuid, "version": VERSION}
    files = {"metadata.yaml": {"version": VERSION, "timestamp": "2026-01-01T00:00:00+00:00"},
             "databases/warehouse.yaml": database_yaml}
    datasets: dict[str, dict] = {}
    for spec in dataset_specs:
        datasets[spec["key"]] = _dataset_yaml(spec, database_uuid, dataset_columns(env, spec["sql"]))
        files[f"datasets/warehouse/{spec['table_name']}.yaml"] = datasets[spec["key"]]
    for dashboard in dashboards:
        for chart in dashboard["charts"]:
            files[f"charts/{chart['key']}.yaml"] = _chart_yaml(chart, datasets[chart["dataset"]])
        files[f"dashboards/{dashboard['slug']}.yaml"] = _dashboard_yaml(dashboard, datasets)
    return {path: yaml.safe_dump(content, allow_unicode=True, sort_keys=False) for path, content in files.items()}


def chart_specs(env: Environment) -> list[dict]:
    """Every chart of every dashboard with its dashboard's slug (for the tests)."""
    _, _, dashboards = load_assets(env)
    return [chart | {"dashboard": d["slug"]} for d in dashboards for chart in d["charts"]]
