"""A hand-made warehouse holding only what the report reads: the marts, with exactly the columns documented in
dbt_project/models/marts/_marts__models.yml (a renamed column breaks the fixture, not only the pipeline), and
the organisation directory.

    province 68 Tỉnh Lâm Đồng, fixture month 11/2026, previous month 10/2026; province 01 Hà Nội: a little
    ORG_YT   Sở Y tế (department)           ORG_YT_1  Chi cục An toàn vệ sinh thực phẩm (unit of ORG_YT)
    ORG_CT   Sở Công Thương (department)    ORG_CT_1  Phòng Quản lý thương mại (unit of ORG_CT)
    ORG_HN   Sở Y tế (department of 01)

Every KPI of the seed is present (0 where nothing happened, as the model does); the non-zero ones are in
KPI_VALUES, and they agree with the other marts below the way the KPI model computes them (decisions and
backlog from approval_throughput, violations from violation_statistics, flags from flagged_items).
"""

import csv
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from pipelines.settings import DBT_PROJECT_DIR

MONTH, PREVIOUS = date(2026, 11, 1), date(2026, 10, 1)
MARKUP_NAME = '<b>Cơ sở</b> & "Công ty" **x** =1+1'
PROVINCES = {"68": "Tỉnh Lâm Đồng", "01": "Thành phố Hà Nội"}

# (province, month) -> indicator -> value
KPI_VALUES = {
    ("68", MONTH): {"members_registered": 1234, "establishments_registered": 12, "establishments_approved": 9,
                    "establishments_rejected": 2, "decisions_listing": 30, "decisions_review": 12,
                    "decisions_flag": 3, "moderation_backlog": 8, "complaints_received": 8, "complaints_resolved": 5,
                    "violations_critical": 1, "violations_serious": 2, "violations_minor": 4, "flags_raised": 3,
                    "account_sanctions": 3, "supply_demand_posts": 45, "incidents_reported": 2,
                    "policy_documents_published": 1},
    ("68", PREVIOUS): {"members_registered": 1000, "establishments_registered": 15, "establishments_approved": 11,
                       "decisions_listing": 18, "moderation_backlog": 4, "complaints_received": 10,
                       "complaints_resolved": 10, "violations_minor": 5, "flags_raised": 1, "supply_demand_posts": 40,
                       "policy_documents_published": 3},
    ("01", MONTH): {"members_registered": 7, "complaints_received": 1},
}

ORGANISATIONS = [
    ("ORG_YT", None, "Sở Y tế", "department", "68"),
    ("ORG_YT_1", "ORG_YT", "Chi cục An toàn vệ sinh thực phẩm", "unit", "68"),
    ("ORG_CT", None, "Sở Công Thương", "department", "68"),
    ("ORG_CT_1", "ORG_CT", "Phòng Quản lý thương mại", "unit", "68"),
    ("ORG_HN", None, "Sở Y tế", "department", "01"),
]

_T = dict(period_kind="month", submitted=0, decided=0, approved=0, rejected=0, changes_requested=0, confirmed=0,
          dismissed=0, escalated=0, resubmissions=0, backlog_end=0, decided_past_service_level=0)
APPROVALS = [
    _T | dict(period_start=MONTH, object_type="listing", org_id="ORG_YT_1", submitted=25, decided=20, approved=15,
              rejected=3, changes_requested=2, backlog_end=5, median_hours_to_decision=12.5,
              p90_hours_to_decision=40.25, decided_past_service_level=1),
    _T | dict(period_start=MONTH, object_type="listing", org_id="ORG_CT_1", submitted=12, decided=10, approved=9,
              rejected=1, backlog_end=2, median_hours_to_decision=30.0, p90_hours_to_decision=70.5),
    _T | dict(period_start=MONTH, object_type="review", org_id="ORG_YT_1", submitted=14, decided=12, approved=11,
              rejected=1, median_hours_to_decision=6.75, p90_hours_to_decision=20.0),
    _T | dict(period_start=MONTH, object_type="flag", org_id="ORG_YT_1", decided=3, confirmed=2, dismissed=1,
              backlog_end=1),
    _T | dict(period_start=PREVIOUS, object_type="listing", org_id="ORG_YT_1", submitted=20, decided=18,
              approved=18, backlog_end=4, median_hours_to_decision=10.0, p90_hours_to_decision=30.0),
]

_V = dict(province_code="68", province="Tỉnh Lâm Đồng")
VIOLATIONS = [
    _V | dict(month=MONTH, category="labelling", severity="minor", source="inspection", violations=3,
              establishments=2, products=2, closed=1, median_days_to_close=12.5, repeat_offenders=1),
    _V | dict(month=MONTH, category="labelling", severity="minor", source="flag", violations=1, establishments=1,
              products=1, closed=0, median_days_to_close=None, repeat_offenders=0),
    _V | dict(month=MONTH, category="hygiene", severity="serious", source="inspection", violations=2,
              establishments=2, products=1, closed=2, median_days_to_close=20.0, repeat_offenders=0),
    _V | dict(month=MONTH, category="banned_substances", severity="critical", source="consumer_feedback",
              violations=1, establishments=1, products=1, closed=0, median_days_to_close=None, repeat_offenders=0),
    _V | dict(month=PREVIOUS, category="hygiene", severity="minor", source="inspection", violations=5,
              establishments=4, products=3, closed=5, median_days_to_close=9.0, repeat_offenders=0),
]

DISEASE = "Quảng cáo thực phẩm có tác dụng phòng bệnh hoặc chữa bệnh"
PRICE = "Giá bán chênh lệch bất thường so với giá trung vị của cùng nhóm hàng"
BURST = "Nhiều đánh giá dồn dập trên cùng một tin đăng trong thời gian ngắn"
PHONE = "Một số điện thoại được dùng cho nhiều tài khoản"
BUILT = datetime(2026, 12, 1, 2)
_F = dict(province_code="68", status="open", first_flagged_at=BUILT, last_flagged_at=BUILT)
FLAGS = [
    _F | dict(object_type="listing", object_id="L1", rule_codes="disease_claim;price_outlier",
              reasons=f"{DISEASE} | {PRICE}", rule_count=2, severity_score=85, org_id="ORG_YT_1",
              observed_at=datetime(2026, 11, 3, 9)),
    _F | dict(object_type="review", object_id="R1", rule_codes="review_burst", reasons=BURST, rule_count=1,
              severity_score=60, org_id="ORG_YT_1", observed_at=datetime(2026, 11, 20, 7)),
    _F | dict(object_type="member", object_id="M1", rule_codes="shared_phone", reasons=PHONE, rule_count=1,
              severity_score=65, org_id="ORG_CT_1", observed_at=datetime(2026, 11, 30, 23, 59)),
    _F | dict(object_type="listing", object_id="L0", rule_codes="price_outlier", reasons=PRICE, rule_count=1,
              severity_score=60, org_id="ORG_CT_1", observed_at=datetime(2026, 10, 14, 8)),
]

_R = dict(month=MONTH, province_code="68", province="Tỉnh Lâm Đồng", compliance_score=100.0, rating_score=80.0,
          complaints_score=100.0, certificate_score=40.0, responsiveness_score=100.0)
RANKINGS = [
    _R | dict(category="vegetables", establishment_id="E1", establishment_name=MARKUP_NAME, score=91.25, rank=1,
              previous_rank=2, rank_change=1),
    _R | dict(category="vegetables", establishment_id="E2", establishment_name="Hợp tác xã Rau sạch Đà Lạt",
              score=88.5, rank=2, previous_rank=1, rank_change=-1),
    _R | dict(category="vegetables", establishment_id="E3", establishment_name="Cửa hàng rau Thiên Phú",
              score=70.0, rank=3, previous_rank=None, rank_change=None),
    _R | dict(category="fruit", establishment_id="E4", establishment_name="Nông trại Đất Lành", score=80.0,
              rank=1, previous_rank=4, rank_change=3),
    _R | dict(category="fruit", establishment_id="E5", establishment_name="Vườn bơ Bảo Lộc", score=60.0,
              rank=2, previous_rank=1, rank_change=-1),
]


def mart_columns() -> dict[str, list[str]]:
    marts = DBT_PROJECT_DIR / "models" / "marts"
    models = [model for path in (marts / "_marts__models.yml", *marts.glob("dimensions/_*.yml"))
              for model in yaml.safe_load(path.read_text())["models"]]
    return {model["name"]: [column["name"] for column in model["columns"]] for model in models}


def kpi_indicators() -> list[dict]:
    with (DBT_PROJECT_DIR / "seeds" / "kpi_indicators.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def kpi_rows() -> list[dict]:
    rows = []
    for province, name in PROVINCES.items():
        for month in (PREVIOUS, MONTH):
            values = KPI_VALUES.get((province, month), {})
            rows += [dict(province_code=province, province=name, month=month, indicator=i["indicator"],
                          label_vi=i["label_vi"], sort_order=int(i["sort_order"]), value=values.get(i["indicator"], 0))
                     for i in kpi_indicators()]
    return rows


def write_table(connection, schema: str, table: str, rows: list[dict], columns: list[str]) -> None:
    unknown = {key for row in rows for key in row} - set(columns)
    assert not unknown, f"{schema}.{table}: columns not in the documented mart: {unknown}"
    frame = pd.DataFrame([{column: row.get(column) for column in columns} for row in rows], columns=columns)
    connection.register("fixture_rows", frame)
    connection.execute(f"create schema if not exists {schema}")
    connection.execute(f"create or replace table {schema}.{table} as select * from fixture_rows")
    connection.unregister("fixture_rows")


def build(path: Path) -> Path:
    columns = mart_columns()
    with duckdb.connect(str(path)) as connection:
        write_table(connection, "marts", "monthly_kpis", kpi_rows(), columns["monthly_kpis"])
        write_table(connection, "marts", "approval_throughput", APPROVALS, columns["approval_throughput"])
        write_table(connection, "marts", "violation_statistics", VIOLATIONS, columns["violation_statistics"])
        write_table(connection, "marts", "flagged_items", FLAGS, columns["flagged_items"])
        write_table(connection, "marts", "facility_rankings", RANKINGS, columns["facility_rankings"])
        directory = [dict(zip(["org_id", "parent_org_id", "org_name", "kind", "province_code"], org))
                     for org in ORGANISATIONS]
        write_table(connection, "marts", "dim_organizations", directory, columns["dim_organizations"])
    return path
