"""Through Superset's REST API, every chart's data equals the mart it reads, on the sample province; a province
role sees only its province's rows."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, datetime, timezone
from decimal import Decimal

import duckdb
import pytest

from giamsat_superset.render import Environment, asset_uuid, chart_specs, load_assets

pytestmark = pytest.mark.superset

# decisions.csv, per rule (confirmed, dismissed, escalated, precision): unapproved_seller 1 dismissed; price_outlier
# 1 confirmed + 1 escalated; shared_phone (two members of no province) 1 + 1; duplicate_listing 2 confirmed, 1 dismissed
EXPECTED_PRECISION = [(0, 1, 0, 0.0), (1, 0, 1, 1.0), (1, 1, 0, 0.5), (2, 1, 0, 0.6667)]
LAM_DONG_DECISION_RULES = 6  # the listings' decisions; the two members have no province


def normal(value):
    """Superset's JSON next to DuckDB's Python values: dates as epoch milliseconds, numbers as rounded floats."""
    if isinstance(value, datetime):
        return normal(value.replace(tzinfo=timezone.utc).timestamp() * 1000)
    if isinstance(value, date):
        return normal(datetime(value.year, value.month, value.day))
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)):
        return None if isinstance(value, float) and math.isnan(value) else round(float(value), 6)
    return value


def rows(records, columns) -> list[tuple]:
    return [tuple(normal(record[c]) for c in columns) for record in records]


@pytest.fixture(scope="module")
def assets(published):
    env = Environment("duckdb", f"duckdb:///{published}", duckdb_path=published)
    _, datasets, _ = load_assets(env)
    return {d["key"]: d for d in datasets}, chart_specs(env)


def expected_sql(chart: dict, dataset: dict) -> tuple[str, list[str], bool]:
    """The chart's numbers computed here with plain SQL over the dataset's rows; (sql, columns, ordered)."""
    source = f"({dataset['sql']}) as d"
    where = f"where {chart['where']}" if chart.get("where") else ""
    if chart["viz"] == "table" and "columns" in chart:
        order = ", ".join(f"{c} {'asc' if ascending else 'desc'}" for c, ascending in chart["order_by"])
        columns = chart["columns"]
        return (f"select {', '.join(columns)} from {source} {where} order by {order} "
                f"limit {chart.get('row_limit', 1000)}", columns, True)
    groups = {"table": chart.get("groupby", []), "bar": [chart.get("x")] + chart.get("groupby", []),
              "line": [chart.get("x")] + chart.get("groupby", []), "big_number": [],
              "pivot": chart.get("rows", []) + chart.get("columns", [])}[chart["viz"]]
    metric_names = chart.get("metrics") or [chart["metric"]]
    expressions = {m["metric_name"]: m["expression"] for m in dataset["metrics"]}
    select = groups + [f"{expressions[name]} as {name}" for name in metric_names]
    group_by = f"group by {', '.join(groups)}" if groups else ""
    return f"select {', '.join(select)} from {source} {where} {group_by}", groups + metric_names, False


def test_every_chart_returns_the_rows_of_its_dataset(superset, published, assets):
    datasets, charts = assets
    ids = superset.charts()
    assert len(charts) == 26 and all(asset_uuid("chart", c["key"]) in ids for c in charts)
    with duckdb.connect(str(published), read_only=True) as connection:
        for chart in charts:
            sql, columns, ordered = expected_sql(chart, datasets[chart["dataset"]])
            expected = rows((dict(zip(columns, r)) for r in connection.execute(sql).fetchall()), columns)
            data = superset.chart_data(ids[asset_uuid("chart", chart["key"])])
            assert expected, f"{chart['key']}: no rows on the sample province"
            assert data["rowcount"] < chart.get("row_limit", 1000) or ordered, f"{chart['key']}: rows cut by the row limit"
            got = rows(data["data"], columns)
            if ordered:
                assert got == expected, chart["key"]
            else:
                assert Counter(got) == Counter(expected), chart["key"]


def chart_records(superset, key: str, **login) -> list[dict]:
    return superset.chart_data(superset.charts()[asset_uuid("chart", key)], **login)["data"]


def mart(published, sql: str) -> list[tuple]:
    with duckdb.connect(str(published), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_charts_add_up_to_the_marts_themselves(superset, published):
    """Against the mart tables directly, not the dataset SQL: totals a person can check in the warehouse."""
    by_category = chart_records(superset, "violations_by_category")
    assert sum(r["violations"] for r in by_category) == mart(
        published, "select sum(violations) from marts.violation_statistics")[0][0]
    [open_items] = chart_records(superset, "queue_open_items")
    assert open_items["open_items"] == mart(
        published, "select count(*) from marts.flagged_items where status = 'open'")[0][0]
    by_type = chart_records(superset, "approval_by_object_type")
    assert sum(r["submitted"] for r in by_type) == mart(
        published, "select sum(submitted) from marts.approval_throughput where period_kind = 'month'")[0][0]
    [by_province] = chart_records(superset, "rankings_by_province")
    assert by_province["establishments_ranked"] == mart(
        published, "select count(distinct establishment_id) from marts.facility_rankings")[0][0]


def test_precision_per_rule_is_the_marts(superset, published):
    """The precision chart (decisions, filterable by province) adds up to marts.flag_rule_precision over the months;
    the figures are those of decisions.csv, checked by hand against the sample's queue."""
    got = {r["rule_vi"]: (r["confirmed"], r["dismissed"], r["escalated"], normal(r["precision"]))
           for r in chart_records(superset, "queue_rule_precision")}
    expected = {rule: (confirmed, dismissed, escalated, normal(round(confirmed / decided, 4)) if decided else None)
                for rule, confirmed, dismissed, escalated, decided in mart(published, """
        select coalesce(r.reason_vi, p.rule_code), sum(confirmed), sum(dismissed), sum(escalated), sum(decided)
        from marts.flag_rule_precision as p left join seeds.flag_rules as r on r.rule_code = p.rule_code
        group by 1""")}
    assert got == expected
    assert sorted(got.values()) == EXPECTED_PRECISION


def kpi_cells(records) -> dict:
    return {(r["province"], normal(r["month"]), r["label_vi"]): normal(r["value"]) for r in records}


def test_the_monthly_overview_shows_every_number_of_the_monthly_report(superset, published):
    """marts.monthly_kpis is what the monthly report prints; the overview's table holds each of its cells."""
    expected = {(p, normal(m), label): normal(v)
                for p, m, label, v in mart(published, "select province, month, label_vi, value from marts.monthly_kpis")}
    assert kpi_cells(chart_records(superset, "kpis_by_month")) == expected


def test_a_province_role_sees_only_its_province(superset, published):
    username, (code, password) = "lam_dong", superset.province_users["lam_dong"]
    login = {"username": username, "password": password}
    expected = {(p, normal(m), label): normal(v) for p, m, label, v in mart(
        published, f"select province, month, label_vi, value from marts.monthly_kpis where province_code = '{code}'")}
    admin_cells = kpi_cells(chart_records(superset, "kpis_by_month"))
    assert {p for p, _, _ in admin_cells} == {"Tỉnh Lâm Đồng", "Không xác định"}  # the admin sees both
    assert kpi_cells(chart_records(superset, "kpis_by_month", **login)) == expected
    for key in ("violations_by_province", "rankings_by_province", "repeat_offenders"):
        assert {r["province"] for r in chart_records(superset, key, **login)} == {"Tỉnh Lâm Đồng"}, key
    # precision: the decisions on the province's items only (decisions.csv has one on an item of no province)
    decisions = chart_records(superset, "queue_rule_precision", **login)
    assert sum(r["confirmed"] + r["dismissed"] + r["escalated"] for r in decisions) == LAM_DONG_DECISION_RULES
    # the review queue: the province's open items only (the sample has flags outside any province, too)
    [items] = chart_records(superset, "queue_open_items", **login)
    assert items["open_items"] == mart(published, "select count(*) from marts.flagged_items "
                                                  f"where status = 'open' and province_code = '{code}'")[0][0]


def test_a_province_without_data_sees_no_rows(superset, assets):
    username, (_, password) = "ha_noi", superset.province_users["ha_noi"]
    _, charts = assets
    for chart in charts:
        if chart["viz"] == "big_number":
            continue  # a count over no rows is one row with 0
        data = chart_records(superset, chart["key"], username=username, password=password)
        assert data == [], chart["key"]
