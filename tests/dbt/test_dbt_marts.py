"""The marts built from the hand-made platform (dbt_raw_fixture.py), against values worked out by hand.

The build itself runs every dbt data test and unit test (the session fixture fails if one does)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

MARCH, APRIL = date(2025, 3, 1), date(2025, 4, 1)


def _ranking(warehouse, month, province_code, category):
    return warehouse(f"""
        select establishment_id, rank, previous_rank, rank_change, score, compliance_score, rating_score,
               complaints_score, certificate_score, responsiveness_score
        from marts.facility_rankings
        where month = date '{month}' and province_code = '{province_code}' and category = '{category}'
        order by rank""")


# ---------------------------------------------------------------------------------------------------------
# facility_rankings
# ---------------------------------------------------------------------------------------------------------

def test_march_ranking_in_lam_dong_vegetables(warehouse):
    rows = _ranking(warehouse, MARCH, "68", "vegetables")
    # E3 is still pending at the end of March; E7 has no resolved province.
    assert [r["establishment_id"] for r in rows] == ["E1", "E2"]
    e1, e2 = rows
    # E1: clean (100); 30 reviews at 4.7 shrunk towards the category mean 186/43 with 10 prior reviews:
    # (141 + 43.256) / 40 = 4.606 -> 90.16; no upheld complaint (100); food safety (40); answered in time (100).
    # 0.35*100 + 0.25*90.16 + 0.15*100 + 0.15*40 + 0.10*100 = 88.54
    assert (e1["compliance_score"], e1["rating_score"], e1["complaints_score"], e1["certificate_score"],
            e1["responsiveness_score"], e1["score"]) == (100, Decimal("90.16"), 100, 40, 100, Decimal("88.54"))
    # E2: critical + minor violation and a failed inspection 30 days before the month end:
    # 100 - (20 + 2 + 15) * 0.5^(30/365) = 65.05; three five-star reviews only: (15 + 43.256) / 13 -> 87.03;
    # one upheld complaint on two listings (50); no certificate; one question unanswered, one complaint in time (50).
    assert (e2["compliance_score"], e2["rating_score"], e2["complaints_score"], e2["certificate_score"],
            e2["responsiveness_score"], e2["score"]) == (Decimal("65.05"), Decimal("87.03"), 50, 0, 50,
                                                         Decimal("57.03"))


def test_april_ranking_and_rank_changes(warehouse):
    rows = _ranking(warehouse, APRIL, "68", "vegetables")
    # E3 approved on 10/04: new (no previous rank); E1's complaint K2 is overdue (responsiveness 50);
    # E2's older violations decayed further but a serious one came: 59.36.
    assert [(r["establishment_id"], r["rank"], r["previous_rank"], r["rank_change"], r["score"]) for r in rows] == [
        ("E1", 1, 1, 0, Decimal("83.54")),
        ("E3", 2, None, None, Decimal("76.64")),
        ("E2", 3, 2, -1, Decimal("55.03")),
    ]


def test_ties_break_by_establishment_id(warehouse):
    rows = _ranking(warehouse, MARCH, "01", "fruit")
    # E5 and E8 are alike (VietGAP, no reviews, nothing else): equal scores, E5 first.
    assert [(r["establishment_id"], r["rank"]) for r in rows] == [("E5", 1), ("E8", 2)]
    assert rows[0]["score"] == rows[1]["score"] == Decimal("84.54")


def test_only_approved_establishments_are_ranked(warehouse):
    ranked = warehouse("select month, establishment_id from marts.facility_rankings")
    assert (MARCH, "E6") not in {(r["month"], r["establishment_id"]) for r in ranked}  # suspended on 01/03
    assert (date(2025, 2, 1), "E6") in {(r["month"], r["establishment_id"]) for r in ranked}
    unknown = warehouse("select distinct province, category from marts.facility_rankings "
                        "where establishment_id = 'E7'")
    assert unknown == [{"province": "Không xác định", "category": "vegetables"}]


# ---------------------------------------------------------------------------------------------------------
# approval_throughput
# ---------------------------------------------------------------------------------------------------------

def _throughput(warehouse, period_kind, period_start, object_type):
    rows = warehouse(f"""
        select * from marts.approval_throughput
        where period_kind = '{period_kind}' and period_start = date '{period_start}'
          and object_type = '{object_type}' and org_id = 'ORG1'""")
    assert len(rows) == 1
    return rows[0]


def test_listing_approvals_in_march(warehouse):
    row = _throughput(warehouse, "month", MARCH, "listing")
    counts = {k: row[k] for k in ("submitted", "decided", "approved", "rejected", "changes_requested", "escalated",
                                  "resubmissions", "backlog_end", "decided_past_service_level")}
    # L1-L5 submitted, L2 twice; L1, L2 approved, L2 changes requested, L3 escalated then rejected;
    # L4 (28/03) and L5 (31/03 23:00) still await a decision at the end of March.
    assert counts == {"submitted": 6, "decided": 4, "approved": 2, "rejected": 1, "changes_requested": 1,
                      "escalated": 1, "resubmissions": 1, "backlog_end": 2, "decided_past_service_level": 0}
    # hours to decision 6, 24, 12, 48: median 18, 90th percentile 24 + 0.7 * 24
    assert (row["median_hours_to_decision"], row["p90_hours_to_decision"]) == (Decimal("18.00"), Decimal("40.80"))


def test_listing_approvals_in_april_and_service_level(warehouse):
    row = _throughput(warehouse, "month", APRIL, "listing")
    # L4 approved 02/04, 120 h after a Friday submission: due Tuesday 01/04 (2 working days), so late.
    assert (row["submitted"], row["decided"], row["backlog_end"], row["median_hours_to_decision"],
            row["decided_past_service_level"]) == (0, 1, 1, Decimal("120.00"), 1)


def test_backlog_at_day_and_week_ends(warehouse):
    assert _throughput(warehouse, "day", date(2025, 3, 31), "listing")["backlog_end"] == 2
    assert _throughput(warehouse, "week", date(2025, 3, 3), "listing")["backlog_end"] == 0
    week = _throughput(warehouse, "week", date(2025, 3, 3), "listing")
    assert (week["submitted"], week["decided"], week["resubmissions"]) == (3, 3, 1)
    # E3 waited from 10/01 to 10/04: in the backlog at the end of January, February and March.
    backlog = warehouse("select period_start, backlog_end from marts.approval_throughput "
                        "where period_kind = 'month' and object_type = 'establishment' order by period_start")
    assert [(r["period_start"].month, r["backlog_end"]) for r in backlog] == [(1, 1), (2, 1), (3, 1), (4, 0)]


# ---------------------------------------------------------------------------------------------------------
# violation_statistics, inspection_outcomes
# ---------------------------------------------------------------------------------------------------------

def test_violation_statistics(warehouse):
    rows = warehouse("""
        select month, province_code, category, severity, source, violations, establishments, products, closed,
               median_days_to_close, repeat_offenders
        from marts.violation_statistics order by month, province_code, category, severity""")
    assert [tuple(r.values()) for r in rows] == [
        (MARCH, "68", "banned_substances", "critical", "inspection", 1, 1, 1, 1, Decimal("10.0"), 1),
        (MARCH, "68", "hygiene", "serious", "inspection", 1, 1, 0, 1, Decimal("5.0"), 0),
        (MARCH, "68", "labelling", "minor", "inspection", 1, 1, 0, 0, None, 1),
        (MARCH, "unknown", "labelling", "minor", "flag", 1, 1, 0, 0, None, 0),
        (APRIL, "68", "hygiene", "serious", "consumer_feedback", 1, 1, 0, 0, None, 1),
    ]


def test_inspection_outcomes(warehouse):
    rows = warehouse("""
        select kind, result, inspections, inspections_with_critical, inspections_with_serious,
               inspections_with_minor
        from marts.inspection_outcomes where month = date '2025-03-01' and province_code = '68'
        order by kind, result""")
    assert [tuple(r.values()) for r in rows] == [
        ("complaint", "pass_with_conditions", 1, 0, 1, 0),
        ("routine", "fail", 1, 1, 0, 1),
        ("routine", "pass", 1, 0, 0, 0),
    ]


# ---------------------------------------------------------------------------------------------------------
# flagged_items
# ---------------------------------------------------------------------------------------------------------

EXPECTED_FLAGS = {
    ("listing", "L3"): "certificate_missing",  # E2 has no VietGAP (E5, same owner, has one)
    ("listing", "L4"): "certificate_missing",
    ("listing", "L5"): "certificate_expired",
    ("listing", "L6"): "price_outlier",
    ("listing", "L7"): "unapproved_seller",  # owner account terminated
    ("listing", "L8"): "disease_claim;unapproved_seller",
    ("listing", "L10"): "duplicate_listing",  # repeats an image of L9, posted before by another owner
    ("listing", "L12"): "duplicate_listing",  # repeats the text of L11 in other case and punctuation
    ("listing", "L13"): "certificate_other_establishment",  # cites E4's organic certificate number
    **{("member", f"C0{i}"): "shared_phone" for i in range(1, 6)},
    **{("review", f"R_BURST_{i}"): "review_burst" for i in range(1, 6)},
}


def test_flags_on_exactly_the_planted_rows(warehouse):
    rows = warehouse("select object_type, object_id, rule_codes from marts.flagged_items")
    assert {(r["object_type"], r["object_id"]): r["rule_codes"] for r in rows} == EXPECTED_FLAGS


def test_flag_evidence_and_severity(warehouse):
    rows = {r["object_id"]: r for r in warehouse("select * from marts.flagged_items where object_type = 'listing'")}
    # 2.500.000 đ/kg against the median 30.500 of six vegetable listings (L3 at 300.000 đ a yến = 30.000/kg)
    assert rows["L6"]["evidence"] == "giá 2500000 đ/kg, trung vị nhóm vegetables 30500 đ/kg (6 tin), gấp 81.97 lần"
    assert rows["L6"]["reasons"] == "Giá bán chênh lệch bất thường so với giá trung vị của cùng nhóm hàng"
    assert rows["L13"]["evidence"] == "tin đăng ghi organic, giấy chứng nhận số HC-CU-2024-321 thuộc cơ sở E4"
    assert "hết hạn gần nhất 28/02/2025" in rows["L5"]["evidence"]
    assert rows["L3"]["evidence"] == ("tin đăng ghi vietgap, cơ sở E2 không có giấy chứng nhận loại này "
                                      "(cơ sở cùng chủ E5 có số VG-01-2024-555)")
    # two rules: the higher severity (disease_claim 80) plus 5 for the second
    assert (rows["L8"]["severity_score"], rows["L8"]["rule_count"]) == (85, 2)
    assert rows["L8"]["evidence"].startswith("cụm từ: chữa khỏi | cơ sở E6: suspended")
    assert {r["status"] for r in rows.values()} == {"open"}
    assert rows["L10"]["evidence"] == "trùng ảnh với 1 tin đăng trước của 1 chủ sở hữu khác, ví dụ L9"
    assert rows["L12"]["org_id"] == "ORG1" and rows["L12"]["province_code"] == "68"
    assert rows["L13"]["org_id"] == "ORG1"


# ---------------------------------------------------------------------------------------------------------
# monthly_kpis and staging
# ---------------------------------------------------------------------------------------------------------

def test_monthly_kpis(warehouse):
    rows = warehouse("select month, indicator, value from marts.monthly_kpis where province_code = '68'")
    values = {(r["month"], r["indicator"]): r["value"] for r in rows}
    assert values[(MARCH, "decisions_listing")] == 4
    assert values[(MARCH, "moderation_backlog")] == 3  # L4, L5 and the establishment E3
    assert values[(APRIL, "establishments_approved")] == 1
    assert values[(MARCH, "violations_critical")] == 1
    assert values[(MARCH, "complaints_received")] == 1
    assert values[(MARCH, "account_sanctions")] == 1
    assert values[(date(2025, 1, 1), "members_registered")] == 30
    assert values[(MARCH, "incidents_reported")] == 1
    assert values[(APRIL, "violations_critical")] == 0  # zero rows exist
    labels = warehouse("select distinct label_vi from marts.monthly_kpis where indicator = 'moderation_backlog'")
    assert labels == [{"label_vi": "Hồ sơ chờ duyệt cuối tháng"}]


def test_staging_keeps_the_latest_version_without_personal_data(warehouse):
    members = warehouse("select member_id, status from staging.stg_platform__members where member_id = 'M4'")
    assert members == [{"member_id": "M4", "status": "terminated"}]
    # E1 was delivered twice with the same version: one row, traceable to its file and line
    e1 = warehouse("select _source_file, _line from staging.stg_platform__establishments "
                   "where establishment_id = 'E1'")
    assert e1 == [{"_source_file": "fixture/establishments.csv", "_line": 11}]
    columns = {r["column_name"] for r in warehouse(
        "select column_name from information_schema.columns where table_name = 'stg_platform__members'")}
    assert "phone_hash" in columns and not columns & {"phone", "email", "citizen_id", "address"}
    history = warehouse("select status, is_current from staging.stg_platform__establishment_versions "
                        "where establishment_id = 'E3' order by valid_from")
    assert history == [{"status": "pending", "is_current": False}, {"status": "approved", "is_current": True}]
