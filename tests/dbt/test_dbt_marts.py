"""The marts built from the hand-made platform (dbt_raw_fixture.py), against values worked out by hand.

The build itself runs every dbt data test and unit test (the session fixture fails if one does)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
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


def test_decisions_across_tet_count_working_days(warehouse):
    # SD2 and SD3 were submitted on Friday 24/01/2025; 27/01 to 01/02 is Tết, so the 2 working days of a
    # supply-demand post end on Tuesday 04/02: SD2 approved that day is in time, SD3 approved on 05/02 is late.
    row = warehouse("""
        select * from marts.approval_throughput where period_kind = 'month' and period_start = date '2025-02-01'
          and object_type = 'supply_demand_post' and org_id = 'ORG2'""")[0]
    # 271 h and 287 h: median 279, p90 271 + 0.9 * 16
    assert (row["decided"], row["approved"], row["decided_past_service_level"], row["median_hours_to_decision"],
            row["p90_hours_to_decision"]) == (2, 2, 1, Decimal("279.00"), Decimal("285.40"))
    january = warehouse("""
        select backlog_end from marts.approval_throughput where period_kind = 'month'
          and period_start = date '2025-01-01' and object_type = 'supply_demand_post'""")
    assert january == [{"backlog_end": 2}]
    days = {r["calendar_date"]: r for r in warehouse("""
        select * from marts.dim_calendar where calendar_date between date '2025-01-24' and date '2025-02-04'""")}
    assert days[date(2025, 2, 4)]["working_day_number"] - days[date(2025, 1, 24)]["working_day_number"] == 2
    assert [d for d, r in sorted(days.items()) if r["is_public_holiday"]] == [
        date(2025, 1, 27) + timedelta(days=i) for i in range(6)]
    assert days[date(2025, 1, 29)]["holiday_name_vi"] == "Tết Nguyên Đán"
    assert days[date(2025, 1, 24)]["weekday_vi"] == "Thứ Sáu"


def test_throughput_by_reviewer(warehouse):
    rows = warehouse("""
        select reviewer_staff_id, reviewer_name, submitted, decided, rejected, escalated, resubmissions, backlog_end,
               median_hours_to_decision, p90_hours_to_decision
        from marts.approval_throughput_by_reviewer
        where period_kind = 'month' and period_start = date '2025-03-01' and object_type = 'listing'
        order by reviewer_staff_id""")
    # S3 rejected L3 (48 h after its submission, which counts for S3 too); S1 made the rest: 6, 24 and 12 hours,
    # the escalation, and holds L4 and L5 at the month end.
    assert [tuple(r.values()) for r in rows] == [
        ("S1", "Nguyễn Văn An", 5, 3, 0, 1, 1, 2, Decimal("12.00"), Decimal("21.60")),
        ("S3", "Lê Văn Cường", 1, 1, 1, 0, 0, 0, Decimal("48.00"), Decimal("48.00")),
    ]


def test_reviewer_counts_add_up_to_the_organisation(warehouse):
    measures = ["submitted", "decided", "approved", "rejected", "changes_requested", "escalated", "resubmissions",
                "backlog_end", "decided_past_service_level"]
    sums = ", ".join(f"sum({m}) as {m}" for m in measures)
    grain = "period_kind, period_start, object_type, org_id"
    by_reviewer = warehouse(f"select {grain}, {sums} from marts.approval_throughput_by_reviewer group by {grain}")
    by_org = warehouse(f"select {grain}, {sums} from marts.approval_throughput group by {grain}")
    assert len(by_org) > 20
    assert sorted(map(repr, by_reviewer)) == sorted(map(repr, by_org))


# ---------------------------------------------------------------------------------------------------------
# violation_statistics, inspection_outcomes, violating establishments and products
# ---------------------------------------------------------------------------------------------------------

def test_violating_establishments(warehouse):
    rows = warehouse("""
        select month, establishment_id, province_code, violations, critical, serious, minor, violation_categories,
               products, closed, open, fines, violations_in_window, is_repeat_offender, food_safety_signals
        from marts.violating_establishments order by month, establishment_id""")
    assert [tuple(r.values()) for r in rows] == [
        # E2: a critical violation (fined 15.000.000 đ, closed) and a minor one at the failed inspection
        # and the complaint K1 on its listing L3 reports stomach ache: one food-safety signal
        (MARCH, "E2", "68", 2, 1, 0, 1, "banned_substances, labelling", 1, 1, 1, Decimal(15_000_000), 2, True, 1),
        (MARCH, "E4", "68", 1, 0, 1, 0, "hygiene", 0, 1, 0, Decimal(0), 1, False, 0),
        (MARCH, "E7", "unknown", 1, 0, 0, 1, "labelling", 0, 0, 1, Decimal(0), 1, False, 0),
        # E1 in April: no violation, one food-safety signal (comment CM1 on L1)
        (APRIL, "E1", "68", 0, 0, 0, 0, None, 0, 0, 0, Decimal(0), 0, False, 1),
        # E2 again in April: three violations in the 12 months up to 30/04
        (APRIL, "E2", "68", 1, 0, 1, 0, "hygiene", 0, 0, 1, Decimal(0), 3, True, 0),
    ]
    products = warehouse("select month, product_id, product_name, establishment_id, violations, critical "
                         "from marts.violating_products")
    assert products == [{"month": MARCH, "product_id": "P2", "product_name": "Cải thảo", "establishment_id": "E2",
                         "violations": 1, "critical": 1}]


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
    **{("member", f"C{i}"): "shared_email" for i in range(10, 15)},  # one e-mail hash; C15-C18 are only four
    ("member", "C30"): "listing_burst",  # registered 30/01, ten listings on 05/02 (C29's nine are one short)
    ("supply_demand_post", "SD7"): "supply_demand_price",  # 3.000 đ/kg against the median 30.000
    ("supply_demand_post", "SD8"): "supply_demand_quantity",  # 100 tấn against the median 525 kg
    ("review", "R_E1_01"): "review_spam",  # scored 0.91 (dbt_raw_fixture.SPAM_SCORES)
    ("complaint", "K1"): "food_safety_signal",  # "đau bụng"
    ("comment", "CM1"): "food_safety_signal",  # "moc xanh", "het han" without diacritics
}


def test_flags_on_exactly_the_planted_rows(warehouse):
    rows = warehouse("select object_type, object_id, rule_codes from marts.flagged_items")
    assert {(r["object_type"], r["object_id"]): r["rule_codes"] for r in rows} == EXPECTED_FLAGS


def test_flag_evidence_and_severity(warehouse):
    rows = {r["object_id"]: r for r in warehouse("select * from marts.flagged_items where object_type = 'listing'")}
    # 2.500.000 đ/kg against the median 30.500 of six vegetable listings (L3 at 300.000 đ a yến = 30.000/kg)
    assert rows["L6"]["evidence"] == "giá 2500000 đ/kg, trung vị nhóm vegetables 30500 đ/kg (6 tin), gấp 81,97 lần"  # decimal comma
    assert rows["L6"]["reasons"] == "Giá bán chênh lệch bất thường so với giá trung vị của cùng nhóm hàng"
    assert rows["L13"]["evidence"] == "tin đăng ghi chứng nhận hữu cơ, giấy chứng nhận số HC-CU-2024-321 thuộc cơ sở E4"
    assert "hết hạn gần nhất 28/02/2025" in rows["L5"]["evidence"]
    assert rows["L3"]["evidence"] == ("tin đăng ghi chứng nhận VietGAP, cơ sở E2 không có giấy chứng nhận loại này "
                                      "(cơ sở cùng chủ E5 có số VG-01-2024-555)")
    # two rules: the higher severity (disease_claim 80) plus 5 for the second
    assert (rows["L8"]["severity_score"], rows["L8"]["rule_count"]) == (85, 2)
    assert rows["L8"]["evidence"].startswith("cụm từ: chữa khỏi | cơ sở E6: bị đình chỉ; tài khoản chủ ")
    # EV_F1 confirmed L6, EV_F2 dismissed L10 (moderation events on object type flag); the rest wait
    assert {k: r["status"] for k, r in rows.items() if r["status"] != "open"} == {"L6": "confirmed",
                                                                                  "L10": "dismissed"}
    assert (rows["L6"]["decided_by"], str(rows["L6"]["decided_at"])) == ("S1", "2025-04-15 09:00:00")
    assert rows["L10"]["evidence"] == "trùng ảnh với 1 tin đăng trước của 1 chủ sở hữu khác, ví dụ L9"
    assert rows["L12"]["org_id"] == "ORG1" and rows["L12"]["province_code"] == "68"
    assert rows["L13"]["org_id"] == "ORG1"


def test_rule_precision_per_month_of_decision(warehouse):
    rows = warehouse("select rule_code, month, confirmed, dismissed, escalated, decided, precision "
                     "from marts.flag_rule_precision order by rule_code")
    assert [tuple(r.values()) for r in rows] == [
        ("duplicate_listing", APRIL, 0, 1, 0, 1, Decimal("0.0000")),  # EV_F2 dismissed L10
        ("price_outlier", APRIL, 1, 0, 0, 1, Decimal("1.0000")),  # EV_F1 confirmed L6
        ("shared_phone", APRIL, 0, 0, 1, 0, None),  # EV_F3 escalated C01: not decided yet
    ]


def test_queue_age_counts_the_waiting_items(warehouse):
    rows = warehouse("select org_id, object_type, status, items from marts.flag_queue_age "
                     "order by org_id, object_type, status")
    # listings: 9 flagged, L6 confirmed and L10 dismissed, ORG2 holds L8 (E6); the five burst reviews and the spam
    # review R_E1_01 are on E1's L1; E1's comment CM1 and complaint K1 report unsafe food;
    # accounts (5 shared phone, 5 shared e-mail, C30) have no organisation, C01 is escalated
    assert [tuple(r.values()) for r in rows] == [
        ("ORG1", "comment", "open", 1), ("ORG1", "complaint", "open", 1),
        ("ORG1", "listing", "open", 6), ("ORG1", "review", "open", 6), ("ORG1", "supply_demand_post", "open", 2),
        ("ORG2", "listing", "open", 1), ("unassigned", "member", "escalated", 1),
        ("unassigned", "member", "open", 10),
    ]


# ---------------------------------------------------------------------------------------------------------
# complaints, incidents, sanctions, accounts, supply-demand posts, policy documents
# ---------------------------------------------------------------------------------------------------------

def test_complaint_statistics(warehouse):
    rows = warehouse("""
        select month, province_code, kind, category, received, resolved, upheld, mediated,
               resolved_within_service_level, open_at_month_end, median_days_to_resolve
        from marts.complaint_statistics order by month, province_code, kind, category""")
    assert [tuple(r.values()) for r in rows] == [
        # K3, a dispute handled by ORG2 (Hà Nội): open at the end of February, mediated on 10/03 after 24 days,
        # past its due date 07/03 (15 working days after Friday 14/02)
        (date(2025, 2, 1), "01", "dispute", "price", 1, 0, 0, 0, 0, 1, None),
        (MARCH, "01", "dispute", "price", 0, 1, 0, 1, 0, 0, Decimal("24.0")),
        # K1 on E2's listing: upheld after 15 days, within its 15 working days (due 26/03)
        (MARCH, "68", "complaint", "product_quality", 1, 1, 1, 0, 1, 0, Decimal("15.0")),
        # K2 about E1, received 01/04 and still open
        (APRIL, "68", "complaint", "delivery", 1, 0, 0, 0, 0, 1, None),
    ]


def test_incident_sanction_post_and_document_statistics(warehouse):
    incidents = warehouse("""
        select month, province_code, severity, reported, resolved, open_at_month_end, median_hours_to_resolve
        from marts.incident_statistics order by month, province_code""")
    assert [tuple(r.values()) for r in incidents] == [
        (MARCH, "01", "high", 1, 0, 1, None),  # IN2, reported 30/03 and not resolved
        (MARCH, "68", "medium", 1, 1, 0, Decimal("3.00")),  # IN1, resolved in 3 hours
        (APRIL, "01", "high", 0, 0, 1, None),
    ]
    sanctions = warehouse("select month, province_code, kind, reason, sanctions from marts.sanction_statistics "
                          "order by month")
    assert [tuple(r.values()) for r in sanctions] == [(MARCH, "68", "termination", "fraud", 1),
                                                      (APRIL, "01", "warning", "spam", 1)]
    posts = warehouse("""
        select month, province_code, category, kind, posts, approved_posts, quantity_kg
        from marts.supply_demand_statistics order by month""")
    # SD2 asks for 2 tạ (200 kg); SD3's 50 hộp is not a mass
    assert [tuple(r.values()) for r in posts] == [
        (date(2025, 1, 1), "01", "fruit", "demand", 2, 1, Decimal("200.0")),
        # SD1, SD4-SD8 of E1: 500 + 400 + 450 + 550 + 600 kg + 100 tấn
        (MARCH, "68", "vegetables", "supply", 6, 6, Decimal("102500.0")),
    ]
    documents = warehouse("select month, province_code, kind, documents from marts.policy_document_statistics")
    assert documents == [{"month": MARCH, "province_code": "68", "kind": "decree", "documents": 1}]


def test_member_statistics_follow_the_status_history(warehouse):
    rows = warehouse("""
        select month, registered, suspended, terminated, reactivated, active_at_month_end, suspended_at_month_end,
               terminated_at_month_end
        from marts.member_statistics where province_code = '68' and kind = 'producer' order by month""")
    # M1-M4 registered in November 2024; M3 suspended 10/02 and active again 20/02; M4 terminated 01/03
    assert [tuple(r.values()) for r in rows] == [
        (date(2024, 11, 1), 4, 0, 0, 0, 4, 0, 0),
        (date(2025, 1, 1), 0, 0, 0, 0, 4, 0, 0),
        (date(2025, 2, 1), 0, 1, 0, 1, 4, 0, 0),
        (MARCH, 0, 0, 1, 0, 3, 0, 1),
        (APRIL, 0, 0, 0, 0, 3, 0, 1),
    ]


# ---------------------------------------------------------------------------------------------------------
# history (type 2) and snapshots
# ---------------------------------------------------------------------------------------------------------

def _as_of(warehouse, table, key, value, moment):
    return warehouse(f"""
        select * from marts.{table}
        where {key} = '{value}' and valid_from <= timestamp '{moment}'
          and (valid_to is null or timestamp '{moment}' < valid_to)""")


def test_history_answers_as_of_a_date(warehouse):
    def status(table, key, value, moment):
        rows = _as_of(warehouse, table, key, value, moment)
        assert len(rows) <= 1
        return rows[0]["status"] if rows else None
    # E3 registered on 10/01/2025, pending until its approval at 09:00 on 10/04/2025
    assert status("establishment_history", "establishment_id", "E3", "2025-01-09 23:00") is None
    assert status("establishment_history", "establishment_id", "E3", "2025-03-31 23:59") == "pending"
    assert status("establishment_history", "establishment_id", "E3", "2025-04-10 09:00") == "approved"
    # M4 registered on 01/11/2024 (first delivered on 01/12), terminated on 01/03/2025; M3 suspended 10-20/02
    assert status("member_history", "member_id", "M4", "2024-11-15 00:00") == "active"
    assert status("member_history", "member_id", "M4", "2025-03-02 00:00") == "terminated"
    assert status("member_history", "member_id", "M3", "2025-02-15 00:00") == "suspended"
    assert status("member_history", "member_id", "M3", "2025-02-20 08:00") == "active"
    suspended = _as_of(warehouse, "member_history", "member_id", "M3", "2025-02-15 00:00")[0]
    assert (suspended["status_reason"], suspended["version_number"]) == ("Tạm khóa để xác minh", 2)
    e8 = warehouse("select version_number, changed_details, is_registration_change from marts.establishment_history "
                   "where establishment_id = 'E8' order by version_number")
    assert [tuple(r.values()) for r in e8] == [(1, None, False), (2, "tax_code", True)]
    before = _as_of(warehouse, "establishment_history", "establishment_id", "E8", "2025-03-01 00:00")
    assert before[0]["tax_code"] is None
    e6 = _as_of(warehouse, "establishment_history", "establishment_id", "E6", "2025-02-01 00:00")[0]
    assert (e6["status"], e6["province"], e6["org_name"]) == ("approved", "Thành phố Hà Nội",
                                                              "Sở Nông nghiệp và Môi trường")


def test_snapshots_keep_the_version_each_build_saw(warehouse):
    rows = warehouse("select establishment_id, status, dbt_valid_from, dbt_valid_to "
                     "from snapshots.establishments_snapshot where establishment_id in ('E3', 'E6')")
    # one build: the latest version of each, valid from its updated_at
    assert sorted(tuple(r.values()) for r in rows) == [
        ("E3", "approved", datetime(2025, 4, 10, 9, 0), None),
        ("E6", "suspended", datetime(2025, 3, 1, 9, 0), None),
    ]
    assert warehouse("select count(*) as n from snapshots.members_snapshot") == [{"n": 35}]


# ---------------------------------------------------------------------------------------------------------
# dimensions
# ---------------------------------------------------------------------------------------------------------

def test_dimensions(warehouse):
    provinces = {r["province_code"]: r for r in warehouse("select * from marts.dim_provinces")}
    assert len(provinces) == 35  # 34 provinces since 2025 and 'unknown'
    assert provinces["68"]["legacy_province_names"] == "Tỉnh Bình Thuận; Tỉnh Đắk Nông; Tỉnh Lâm Đồng"
    assert warehouse("select count(*) as n from marts.dim_legacy_provinces") == [{"n": 63}]
    e3 = warehouse("select versions, listings, org_name, status from marts.dim_establishments "
                   "where establishment_id = 'E3'")
    # L4, L13 and the 19 rejected listings of the new accounts C29 and C30
    assert e3 == [{"versions": 2, "listings": 21, "org_name": "Sở Y tế", "status": "approved"}]
    staff = warehouse("select staff_id, decisions from marts.dim_staff order by staff_id")
    assert [tuple(r.values()) for r in staff] == [("S1", 7), ("S2", 2), ("S3", 1)]  # S1: + EV_F1, EV_F2
    assert warehouse("select violations from marts.dim_products where product_id = 'P2'") == [{"violations": 1}]
    assert warehouse("select establishment_name, province, area_ha from marts.dim_production_areas") == [
        {"establishment_name": "HTX Rau sạch Xuân Hương", "province": "Tỉnh Lâm Đồng", "area_ha": Decimal("2.500")}]


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
    assert values[(MARCH, "violating_establishments")] == 2 and values[(MARCH, "repeat_offenders")] == 1
    assert values[(date(2025, 2, 1), "members_suspended")] == values[(date(2025, 2, 1), "members_reactivated")] == 1
    assert values[(MARCH, "members_terminated")] == 1
    assert values[(MARCH, "complaints_upheld")] == values[(MARCH, "complaints_resolved_in_time")] == 1
    assert values[(APRIL, "complaints_open")] == 1
    assert values[(MARCH, "account_sanctions_termination")] == 1 and values[(MARCH, "supply_posts")] == 6


def test_monthly_kpis_read_the_marts(warehouse):
    rows = warehouse("select month, indicator, value from marts.monthly_kpis where province_code = '01'")
    values = {(r["month"], r["indicator"]): r["value"] for r in rows}
    february = date(2025, 2, 1)
    assert (values[(february, "decisions_supply_demand_post")], values[(february, "decisions_past_service_level")],
            values[(february, "disputes_received")], values[(february, "complaints_open")]) == (2, 1, 1, 1)
    assert (values[(MARCH, "incidents_open")], values[(APRIL, "incidents_open")]) == (1, 1)
    assert (values[(date(2025, 1, 1), "demand_posts")], values[(APRIL, "account_sanctions_warning")]) == (2, 1)
    # every indicator of the seed has a row in every month and province
    counts = warehouse("select count(distinct indicator) as indicators, count(*) as n from marts.monthly_kpis "
                       "group by province_code, month")
    assert {(r["indicators"], r["n"]) for r in counts} == {(46, 46)}
    # E8 registered its tax code in March; complaints resolved in March took 24 days (K3) in Hà Nội
    assert values[(MARCH, "establishments_changed")] == 1
    assert values[(MARCH, "complaints_median_days_to_resolve")] == 24
    # nothing resolved in April: 0, like every indicator where nothing happened
    assert values[(APRIL, "complaints_median_days_to_resolve")] == values[(APRIL, "complaints_resolved")] == 0
    lam_dong = {(r["month"], r["indicator"]): r["value"] for r in warehouse(
        "select month, indicator, value from marts.monthly_kpis where province_code = '68'")}
    assert lam_dong[(MARCH, "incidents_median_hours_to_resolve")] == 3


def test_staging_keeps_the_latest_version_without_personal_data(warehouse):
    members = warehouse("select member_id, status from staging.stg_platform__members where member_id = 'M4'")
    assert members == [{"member_id": "M4", "status": "terminated"}]
    # E1 was delivered twice with the same version: one row, traceable to its file and line
    e1 = warehouse("select _source_file, _line from staging.stg_platform__establishments "
                   "where establishment_id = 'E1'")
    assert e1 == [{"_source_file": "fixture/establishments.csv", "_line": 12}]
    columns = {r["column_name"] for r in warehouse(
        "select column_name from information_schema.columns where table_name = 'stg_platform__members'")}
    assert "phone_hash" in columns and not columns & {"phone", "email", "citizen_id", "address"}
    history = warehouse("select status, is_current from staging.stg_platform__establishment_versions "
                        "where establishment_id = 'E3' order by valid_from")
    assert history == [{"status": "pending", "is_current": False}, {"status": "approved", "is_current": True}]
