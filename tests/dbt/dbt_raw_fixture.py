"""A small hand-made platform, written into the raw tables exactly as the loader would, for the dbt tests.

Two provinces (68 Lâm Đồng, 01 Hà Nội) and one unresolved address; the values the tests expect are worked
out in the comments next to the rows and in test_dbt_marts.py.

    establishment  owner  province  category    status (now)                      notes
    E1             M1     68        vegetables  approved                          30 reviews averaging 4.7, food_safety
    E2             M2     68        vegetables  approved                          3 five-star reviews, failed inspection
    E3             M3     68        vegetables  pending, approved on 10/04/2025   10 three-star reviews
    E4             M4     68        fruit       approved, owner terminated        organic certificate HC-CU-2024-321
    E5             M2     01        fruit       approved                          vietgap (same owner as E2)
    E6             M3     01        (none)      suspended since 01/03/2025
    E7             M5     unknown   vegetables  approved                          food_safety expired 28/02/2025
    E8             M5     01        fruit       approved                          vietgap: ties with E5

Around Tết Ất Tỵ (holidays 27/01 to 01/02/2025): two supply-demand posts of ORG2 submitted on Friday 24/01, one
decided on Tuesday 04/02 (the second working day after, in time), one on Wednesday 05/02 (late). M3 was suspended
from 10/02 to 20/02/2025; M4 terminated on 01/03/2025.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal

from ingest.contract import RECORD_TYPES
from ingest.warehouse import BATCH_LOG_COLUMNS, EXTRACT_TABLES, QUARANTINE_COLUMNS

LOADED_AT = datetime(2025, 5, 1, 6, 0)
LAM_DONG = {"address_province_code": "68", "address_province": "Tỉnh Lâm Đồng", "address_status": "province_only"}
HA_NOI = {"address_province_code": "01", "address_province": "Thành phố Hà Nội", "address_status": "province_only"}
UNRESOLVED = {"address_status": "unresolved"}


def _location(place: dict) -> dict:
    """An address place as the columns of a supply-demand post's location."""
    return {key.replace("address_", "location_"): value for key, value in place.items()}


def ts(text: str) -> datetime:
    return datetime.fromisoformat(text)


def d(text: str) -> date:
    return date.fromisoformat(text)


def _establishment(establishment_id, member_id, name, place, category, status, updated_at, registered_at,
                   approved_at=None, org_id="ORG1"):
    return {"establishment_id": establishment_id, "member_id": member_id, "name": name, "kind": "production",
            "address": f"{name}, {place.get('address_province', 'Oxford')}", **place, "main_category": category,
            "org_id": org_id, "status": status, "registered_at": ts(registered_at),
            "approved_at": ts(approved_at) if approved_at else None, "updated_at": ts(updated_at)}


def _member(member_id, kind, status="active", phone_hash=None, place=LAM_DONG, registered_at="2024-11-01 08:00",
            updated_at=None, email_hash=None):
    return {"member_id": member_id, "kind": kind, "display_name": f"Tài khoản {member_id}", "phone_hash": phone_hash,
            "email_hash": email_hash,
            "address": "Đà Lạt", **place, "registered_at": ts(registered_at), "status": status,
            "updated_at": ts(updated_at or registered_at)}


def _listing(listing_id, establishment_id, member_id, title, category, price, unit, posted_at, status="approved",
             text=None, claims=None, images=None):
    return {"listing_id": listing_id, "establishment_id": establishment_id, "member_id": member_id, "title": title,
            "text": text, "category": category, "price": Decimal(price) if price is not None else None,
            "unit": unit, "claimed_certificates": claims, "image_hashes": images, "posted_at": ts(posted_at),
            "status": status, "updated_at": ts(posted_at)}


def _review(review_id, member_id, rating, posted_at, listing_id=None, establishment_id=None, status="approved"):
    return {"review_id": review_id, "listing_id": listing_id, "establishment_id": establishment_id,
            "member_id": member_id, "rating": rating, "text": "Hàng tốt", "posted_at": posted_at, "status": status,
            "updated_at": posted_at}


def _event(event_id, object_type, object_id, action, occurred_at, org_id="ORG1", actor="S1"):
    return {"event_id": event_id, "object_type": object_type, "object_id": object_id, "action": action,
            "actor_staff_id": None if action == "submitted" else actor, "org_id": org_id,
            "occurred_at": ts(occurred_at), "updated_at": ts(occurred_at)}


def _reviews() -> list[dict]:
    rows = []
    # E1: 30 approved reviews on its listings, 21 five-star and 9 four-star (sum 141, mean 4.7).
    # Five five-star reviews on L1 within 40 minutes from C01-C05: a review burst.
    for i, minute in enumerate([0, 5, 10, 20, 40]):
        rows.append(_review(f"R_BURST_{i + 1}", f"C{i + 1:02d}", 5, datetime(2025, 3, 10, 10, minute), "L1"))
    # 21 reviews a day apart, alternating L1 and L2: 16 five-star, 5 four-star.
    for i in range(21):
        rows.append(_review(f"R_E1_{i + 1:02d}", f"C{6 + i:02d}", 5 if i < 16 else 4,
                            datetime(2025, 2, 1, 12, 0) + timedelta(days=i), "L1" if i % 2 else "L2"))
    # Four four-star reviews on L2 within 30 minutes: one short of a burst.
    for i in range(4):
        rows.append(_review(f"R_NEAR_{i + 1}", f"C{27 + i:02d}", 4, datetime(2025, 3, 15, 9, 10 * i), "L2"))
    # A rejected one-star review: not counted.
    rows.append(_review("R_REJECTED", "C06", 1, datetime(2025, 3, 16, 9, 0), "L1", status="rejected"))
    # E2: three five-star reviews on L3.
    for i in range(3):
        rows.append(_review(f"R_E2_{i + 1}", f"C{6 + i:02d}", 5, datetime(2025, 3, 12 + i, 10, 0), "L3"))
    # E3: ten three-star reviews on the establishment itself (no listing).
    for i in range(10):
        rows.append(_review(f"R_E3_{i + 1:02d}", f"C{11 + i:02d}", 3, datetime(2025, 2, 1 + i, 8, 0),
                            establishment_id="E3"))
    return rows


def raw_rows() -> dict[str, list[dict]]:
    """Rows per raw table (contract fields only; the loader's metadata is added by `insert_statements`)."""
    consumers = [
        # C01-C05 share one phone (shared_phone threshold 5); C06 and C07 share another (not enough).
        _member(f"C{i:02d}", "consumer",
                phone_hash="ph_shared" if i <= 5 else "ph_pair" if i in (6, 7) else f"ph_{i:02d}",
                # C10-C14 share one e-mail (shared_email threshold 5); C15-C18 another (one short).
                email_hash="eh_shared" if 10 <= i <= 14 else "eh_four" if 15 <= i <= 18 else None,
                registered_at=f"2025-01-{i:02d} 08:00")
        for i in range(1, 31)
    ]
    bursts = [
        _listing(f"LB{i + 1:02d}", "E3", "C30", f"Hạt tiêu đóng gói mẫu số {i + 1}", "spices", None, None,
                 f"2025-02-05 {8 + i // 2:02d}:{30 * (i % 2):02d}", status="rejected")
        for i in range(10)
    ] + [
        _listing(f"LN{i + 1:02d}", "E3", "C29", f"Quế thanh đóng gói mẫu số {i + 1}", "spices", None, None,
                 f"2025-02-06 {8 + i // 2:02d}:{30 * (i % 2):02d}", status="rejected")
        for i in range(9)
    ]
    return {
        "organizations": [
            {"org_id": "ORG1", "name": "Sở Y tế", "kind": "department", "sector": "health", "province_code": "68",
             "updated_at": ts("2024-01-01 00:00")},
            {"org_id": "ORG2", "name": "Sở Nông nghiệp và Môi trường", "kind": "department",
             "sector": "agriculture_environment", "province_code": "01", "updated_at": ts("2024-01-01 00:00")},
        ],
        "staff_users": [
            {"staff_id": "S1", "org_id": "ORG1", "full_name": "Nguyễn Văn An", "role": "reviewer",
             "email_hash": "eh1", "phone_hash": "ph_staff", "active": True, "updated_at": ts("2024-01-01 00:00")},
            {"staff_id": "S2", "org_id": "ORG2", "full_name": "Trần Thị Bình", "role": "reviewer",
             "email_hash": "eh2", "active": True, "updated_at": ts("2024-01-01 00:00")},
            {"staff_id": "S3", "org_id": "ORG1", "full_name": "Lê Văn Cường", "role": "manager",
             "email_hash": "eh3", "active": True, "updated_at": ts("2024-01-01 00:00")},
        ],
        "members": [
            _member("M1", "producer", phone_hash="ph_m1"),
            _member("M2", "producer", phone_hash="ph_m2"),
            _member("M3", "producer", phone_hash="ph_m3"),
            # M3: suspended on 10/02/2025, active again on 20/02/2025.
            {**_member("M3", "producer", phone_hash="ph_m3"), "status": "suspended",
             "status_reason": "Tạm khóa để xác minh", "updated_at": ts("2025-02-10 08:00")},
            {**_member("M3", "producer", phone_hash="ph_m3"), "updated_at": ts("2025-02-20 08:00")},
            # M4: active, then terminated on 01/03/2025 (two versions; the latest counts).
            _member("M4", "producer", phone_hash="ph_m4", updated_at="2024-12-01 08:00"),
            {**_member("M4", "producer", phone_hash="ph_m4"), "status": "terminated",
             "updated_at": ts("2025-03-01 08:00")},
            _member("M5", "trader", phone_hash="ph_m5", place=HA_NOI),
            *consumers,
        ],
        "establishments": [
            _establishment("E1", "M1", "HTX Rau sạch Xuân Hương", LAM_DONG, "vegetables", "approved",
                           "2024-12-05 09:00", "2024-12-01 09:00", "2024-12-05 09:00"),
            _establishment("E2", "M2", "Cơ sở rau Trại Mát", LAM_DONG, "vegetables", "approved",
                           "2024-12-05 09:00", "2024-12-01 09:00", "2024-12-05 09:00"),
            _establishment("E3", "M3", "Nông trại Cầu Đất", LAM_DONG, "vegetables", "pending",
                           "2025-01-10 09:00", "2025-01-10 09:00"),
            _establishment("E3", "M3", "Nông trại Cầu Đất", LAM_DONG, "vegetables", "approved",
                           "2025-04-10 09:00", "2025-01-10 09:00", "2025-04-10 09:00"),
            _establishment("E4", "M4", "Vườn trái cây Lâm Hà", LAM_DONG, "fruit", "approved",
                           "2024-12-05 09:00", "2024-12-01 09:00", "2024-12-05 09:00"),
            _establishment("E5", "M2", "Cửa hàng trái cây Hoàn Kiếm", HA_NOI, "fruit", "approved",
                           "2024-12-05 09:00", "2024-12-01 09:00", "2024-12-05 09:00", org_id="ORG2"),
            _establishment("E6", "M3", "Kho hàng Long Biên", HA_NOI, None, "approved",
                           "2024-12-05 09:00", "2024-12-01 09:00", "2024-12-05 09:00", org_id="ORG2"),
            _establishment("E6", "M3", "Kho hàng Long Biên", HA_NOI, None, "suspended",
                           "2025-03-01 09:00", "2024-12-01 09:00", "2024-12-05 09:00", org_id="ORG2"),
            _establishment("E7", "M5", "Oxford Fresh Greens", UNRESOLVED, "vegetables", "approved",
                           "2024-12-05 09:00", "2024-12-01 09:00", "2024-12-05 09:00"),
            _establishment("E8", "M5", "Cửa hàng trái cây Ba Đình", HA_NOI, "fruit", "approved",
                           "2024-12-05 09:00", "2024-12-01 09:00", "2024-12-05 09:00", org_id="ORG2"),
            # E8 registers its tax code on 20/03/2025: a change of registration details
            {**_establishment("E8", "M5", "Cửa hàng trái cây Ba Đình", HA_NOI, "fruit", "approved",
                              "2025-03-20 09:00", "2024-12-01 09:00", "2024-12-05 09:00", org_id="ORG2"),
             "tax_code": "0101234567"},
        ],
        "certificates": [
            {"certificate_id": "CE1", "establishment_id": "E1", "type": "food_safety", "number": "ATTP-2024-001",
             "issuer": "Sở Y tế tỉnh Lâm Đồng", "issued_on": d("2024-01-01"), "expires_on": d("2027-01-01"),
             "revoked": False, "updated_at": ts("2024-01-01 00:00")},
            {"certificate_id": "CE4", "establishment_id": "E4", "type": "organic", "number": "HC-CU-2024-321",
             "issuer": "Control Union Việt Nam", "issued_on": d("2024-05-01"), "expires_on": d("2027-05-01"),
             "updated_at": ts("2024-05-01 00:00")},
            {"certificate_id": "CE5", "establishment_id": "E5", "type": "vietgap", "number": "VG-01-2024-555",
             "issuer": "QUACERT", "issued_on": d("2024-06-01"), "expires_on": d("2026-06-01"),
             "updated_at": ts("2024-06-01 00:00")},
            {"certificate_id": "CE7", "establishment_id": "E7", "type": "food_safety", "number": "ATTP-2022-077",
             "issuer": "Sở Y tế tỉnh Lâm Đồng", "issued_on": d("2022-03-01"), "expires_on": d("2025-02-28"),
             "updated_at": ts("2022-03-01 00:00")},
            {"certificate_id": "CE8", "establishment_id": "E8", "type": "vietgap", "number": "VG-13-2024-888",
             "issuer": "Vinacert", "issued_on": d("2024-06-01"), "expires_on": d("2026-06-01"),
             "updated_at": ts("2024-06-01 00:00")},
        ],
        "products": [
            {"product_id": "P2", "establishment_id": "E2", "name": "Cải thảo", "category": "vegetables",
             "unit": "kg", "updated_at": ts("2024-12-01 00:00")},
        ],
        "listings": [
            # vegetables per kg: 30000, 35000, 30000 (300000 a yến), 28000, 31000 and 2500000: median 30500.
            _listing("L1", "E1", "M1", "Xà lách thủy canh Đà Lạt", "vegetables", 30000, "kg", "2025-01-20 08:00",
                     claims="food_safety", images="img_c"),
            _listing("L2", "E1", "M1", "Cà chua bi hữu cơ", "vegetables", 35000, "kg", "2025-01-21 08:00",
                     images="img_c"),
            _listing("L3", "E2", "M2", "Cải thảo Trại Mát", "vegetables", 300000, "yen", "2025-03-03 09:00",
                     claims="vietgap"),  # E2 has no VietGAP (E5, same owner, has one)
            _listing("L4", "E3", "M3", "Súp lơ xanh Cầu Đất", "vegetables", 28000, "kg", "2025-03-28 10:00",
                     status="pending", claims="organic"),  # E3 has no organic certificate
            _listing("L5", "E7", "M5", "Fresh kale", "vegetables", 31000, "kg", "2025-03-31 23:00",
                     status="pending", claims="food_safety"),  # E7's expired on 28/02/2025
            _listing("L6", "E1", "M1", "Rau cải xoăn", "vegetables", 2500000, "kg", "2025-03-05 08:00"),
            # fruit per kg: 50000, 60000, 55000, 80000, 85000
            _listing("L7", "E4", "M4", "Bơ 034 Lâm Hà", "fruit", 50000, "kg", "2025-02-10 08:00"),
            _listing("L8", "E6", "M3", "Trà atiso chữa khỏi tiểu đường", "fruit", 100000, "hop",
                     "2025-02-11 08:00", text="Uống mỗi ngày, cam kết hiệu quả."),
            _listing("L9", "E5", "M2", "Bơ sáp Đắk Lắk loại 1", "fruit", 60000, "kg", "2025-02-12 08:00",
                     images="img_a;img_b"),
            _listing("L10", "E1", "M1", "Bơ sáp", "fruit", 55000, "kg", "2025-02-13 08:00", images="img_b"),
            _listing("L11", "E8", "M5", "Sầu riêng Ri6 Đắk Lắk", "fruit", 80000, "kg", "2025-02-14 08:00",
                     text="Cơm vàng, hạt lép, giao tận nơi."),
            _listing("L12", "E2", "M2", "SẦU RIÊNG RI6 ĐẮK LẮK", "fruit", 85000, "kg", "2025-03-14 08:00",
                     text="cơm vàng - hạt lép - giao tận nơi!"),
            _listing("L13", "E3", "M3", "Tiêu đen hữu cơ", "spices", None, None, "2025-04-12 08:00",
                     text="Chứng nhận hữu cơ số HC-CU-2024-321", claims="organic"),  # E4's certificate number
            # C30, a consumer account of 30/01/2025, posts ten listings on 05/02 for E3 (rejected)
            *bursts,
        ],
        "reviews": _reviews(),
        "questions": [
            {"question_id": "Q1", "member_id": "C21", "establishment_id": "E1", "text": "Giao hàng không?",
             "asked_at": ts("2025-03-03 09:00"), "status": "approved", "updated_at": ts("2025-03-03 09:00")},
            {"question_id": "Q2", "member_id": "C22", "establishment_id": "E2", "text": "Có hóa đơn không?",
             "asked_at": ts("2025-03-03 09:00"), "status": "approved", "updated_at": ts("2025-03-03 09:00")},
        ],
        "answers": [
            {"answer_id": "A1", "question_id": "Q1", "member_id": "M1", "text": "Có ạ",
             "answered_at": ts("2025-03-04 10:00"), "updated_at": ts("2025-03-04 10:00")},
        ],
        "complaints": [
            # upheld, resolved on 20/03 within 15 working days of 05/03 (due 26/03)
            # its text reports a food-safety problem with diacritics (rule food_safety_signal, E2 in March)
            {"complaint_id": "K1", "kind": "complaint", "member_id": "C23", "listing_id": "L3",
             "text": "Cải thảo có mùi lạ, cả nhà bị đau bụng sau khi ăn",
             "category": "product_quality", "org_id": "ORG1", "received_at": ts("2025-03-05 10:00"),
             "resolved_at": ts("2025-03-20 10:00"), "outcome": "upheld", "updated_at": ts("2025-03-20 10:00")},
            # not resolved: due 22/04, late by the end of April
            {"complaint_id": "K2", "kind": "complaint", "member_id": "C24", "establishment_id": "E1",
             "category": "delivery", "org_id": "ORG1", "received_at": ts("2025-04-01 10:00"),
             "updated_at": ts("2025-04-01 10:00")},
            # a dispute handled by ORG2 (Hà Nội), about no establishment: received Friday 14/02, due 07/03
            # (15 working days), mediated on 10/03 after 24 days: late
            {"complaint_id": "K3", "kind": "dispute", "member_id": "C25", "category": "price", "org_id": "ORG2",
             "received_at": ts("2025-02-14 10:00"), "resolved_at": ts("2025-03-10 10:00"), "outcome": "mediated",
             "updated_at": ts("2025-03-10 10:00")},
        ],
        "inspections": [
            {"inspection_id": "I1", "establishment_id": "E1", "inspected_on": d("2025-02-10"), "kind": "routine",
             "result": "pass", "org_id": "ORG1", "updated_at": ts("2025-02-10 00:00")},
            {"inspection_id": "I2", "establishment_id": "E2", "inspected_on": d("2025-03-01"), "kind": "routine",
             "result": "fail", "org_id": "ORG1", "updated_at": ts("2025-03-01 00:00")},
            {"inspection_id": "I4", "establishment_id": "E4", "inspected_on": d("2025-03-15"),
             "kind": "complaint", "result": "pass_with_conditions", "org_id": "ORG1",
             "updated_at": ts("2025-03-15 00:00")},
            {"inspection_id": "I5", "establishment_id": "E1", "inspected_on": d("2025-03-20"), "kind": "routine",
             "result": "pass", "org_id": "ORG1", "updated_at": ts("2025-03-20 00:00")},
        ],
        "violations": [
            {"violation_id": "V1", "establishment_id": "E2", "product_id": "P2", "inspection_id": "I2",
             "category": "banned_substances", "severity": "critical", "source": "inspection",
             "detected_on": d("2025-03-01"), "decision": "fine", "fine_amount": Decimal(15_000_000),
             "decided_on": d("2025-03-05"), "closed_on": d("2025-03-11"), "updated_at": ts("2025-03-11 00:00")},
            {"violation_id": "V2", "establishment_id": "E2", "inspection_id": "I2", "category": "labelling",
             "severity": "minor", "source": "inspection", "detected_on": d("2025-03-01"),
             "updated_at": ts("2025-03-01 00:00")},
            {"violation_id": "V3", "establishment_id": "E2", "category": "hygiene", "severity": "serious",
             "source": "consumer_feedback", "detected_on": d("2025-04-05"), "updated_at": ts("2025-04-05 00:00")},
            {"violation_id": "V4", "establishment_id": "E4", "inspection_id": "I4", "category": "hygiene",
             "severity": "serious", "source": "inspection", "detected_on": d("2025-03-15"),
             "closed_on": d("2025-03-20"), "updated_at": ts("2025-03-20 00:00")},
            {"violation_id": "V5", "establishment_id": "E7", "category": "labelling", "severity": "minor",
             "source": "flag", "detected_on": d("2025-03-20"), "updated_at": ts("2025-03-20 00:00")},
        ],
        "moderation_events": [
            # E3: submitted 10/01, approved 10/04: in the backlog at the end of January, February and March.
            _event("EV_E3_1", "establishment", "E3", "submitted", "2025-01-10 09:00"),
            _event("EV_E3_2", "establishment", "E3", "approved", "2025-04-10 09:00"),
            # L1: approved after 6 hours.
            _event("EV_L1_1", "listing", "L1", "submitted", "2025-03-03 09:00"),
            _event("EV_L1_2", "listing", "L1", "approved", "2025-03-03 15:00"),
            # L2: changes requested after 24 h, resubmitted, approved 12 h later.
            _event("EV_L2_1", "listing", "L2", "submitted", "2025-03-04 09:00"),
            _event("EV_L2_2", "listing", "L2", "changes_requested", "2025-03-05 09:00"),
            _event("EV_L2_3", "listing", "L2", "submitted", "2025-03-06 09:00"),
            _event("EV_L2_4", "listing", "L2", "approved", "2025-03-06 21:00"),
            # L3: escalated by S1, rejected by S3 48 h after submission.
            _event("EV_L3_1", "listing", "L3", "submitted", "2025-03-10 10:00"),
            _event("EV_L3_2", "listing", "L3", "escalated", "2025-03-11 10:00"),
            _event("EV_L3_3", "listing", "L3", "rejected", "2025-03-12 10:00", actor="S3"),
            # L4: submitted on Friday 28/03, approved 02/04 (120 h; past the 2 working days, due 01/04).
            _event("EV_L4_1", "listing", "L4", "submitted", "2025-03-28 10:00"),
            _event("EV_L4_2", "listing", "L4", "approved", "2025-04-02 10:00"),
            # L5: submitted late on 31/03, escalated 01/04, still awaiting a decision.
            _event("EV_L5_1", "listing", "L5", "submitted", "2025-03-31 23:00"),
            _event("EV_L5_2", "listing", "L5", "escalated", "2025-04-01 08:00"),
            # SD2, SD3 submitted on Friday 24/01/2025 before Tết (2 working days: due Tuesday 04/02).
            _event("EV_SD2_1", "supply_demand_post", "SD2", "submitted", "2025-01-24 09:00", org_id="ORG2"),
            _event("EV_SD2_2", "supply_demand_post", "SD2", "approved", "2025-02-04 16:00", org_id="ORG2",
                   actor="S2"),
            _event("EV_SD3_1", "supply_demand_post", "SD3", "submitted", "2025-01-24 10:00", org_id="ORG2"),
            _event("EV_SD3_2", "supply_demand_post", "SD3", "approved", "2025-02-05 09:00", org_id="ORG2",
                   actor="S2"),
            # Reviewers' decisions on flagged items (object type flag, id '<object type>:<object id>').
            _event("EV_F1", "flag", "listing:L6", "confirmed", "2025-04-15 09:00"),
            _event("EV_F2", "flag", "listing:L10", "dismissed", "2025-04-16 09:00"),
            _event("EV_F3", "flag", "member:C01", "escalated", "2025-04-16 10:00"),
        ],
        "supply_demand_posts": [
            {"post_id": "SD1", "member_id": "M1", "establishment_id": "E1", "kind": "supply",
             "title": "Cung cấp rau ăn lá", "category": "vegetables", "quantity": Decimal(500), "unit": "kg",
             "location": "Đà Lạt, Lâm Đồng", "location_province_code": "68", "location_province": "Tỉnh Lâm Đồng",
             "location_status": "province_only", "posted_at": ts("2025-03-15 08:00"), "status": "approved",
             "updated_at": ts("2025-03-15 08:00")},
            {"post_id": "SD2", "member_id": "M5", "kind": "demand", "title": "Cần mua bơ sáp", "category": "fruit",
             "quantity": Decimal(2), "unit": "ta", "location": "Ba Đình, Hà Nội", **_location(HA_NOI),
             "posted_at": ts("2025-01-24 08:00"), "status": "approved", "updated_at": ts("2025-02-04 16:00")},
            {"post_id": "SD3", "member_id": "M5", "kind": "demand", "title": "Cần mua mứt Tết", "category": "fruit",
             "quantity": Decimal(50), "unit": "hop", "location": "Ba Đình, Hà Nội", **_location(HA_NOI),
             "posted_at": ts("2025-01-24 09:30"), "status": "pending", "updated_at": ts("2025-01-24 09:30")},
            # E1's supply of vegetables in March 2025: 500, 400, 450, 550 and 600 kg, and SD8's 100 tấn (190 times the
            # median 525 kg); prices per kg 30.000, 32.000, 28.000, 31.000 and SD7's 3.000 (a tenth of the median).
            *[{"post_id": post_id, "member_id": "M1", "establishment_id": "E1", "kind": "supply",
               "title": "Cung cấp rau ăn lá", "category": "vegetables", "quantity": Decimal(quantity), "unit": unit,
               "price": Decimal(price), "location": "Đà Lạt, Lâm Đồng", "location_province_code": "68",
               "location_province": "Tỉnh Lâm Đồng", "location_status": "province_only",
               "posted_at": ts(f"2025-03-{day} 08:00"), "status": "approved", "updated_at": ts(f"2025-03-{day} 08:00")}
              for post_id, quantity, unit, price, day in [
                  ("SD4", 400, "kg", 30000, 16), ("SD5", 450, "kg", 32000, 17), ("SD6", 550, "kg", 28000, 18),
                  ("SD7", 600, "kg", 3000, 19), ("SD8", 100, "tan", 31_000_000, 20)]],
        ],
        "account_sanctions": [
            {"sanction_id": "SA1", "member_id": "M4", "kind": "termination", "reason": "fraud",
             "decided_at": ts("2025-03-01 08:00"), "staff_id": "S1", "org_id": "ORG1",
             "updated_at": ts("2025-03-01 08:00")},
            {"sanction_id": "SA2", "member_id": "M5", "kind": "warning", "reason": "spam",
             "decided_at": ts("2025-04-02 08:00"), "staff_id": "S2", "org_id": "ORG2",
             "updated_at": ts("2025-04-02 08:00")},
        ],
        "incidents": [
            {"incident_id": "IN1", "title": "Gián đoạn đăng nhập hệ thống", "severity": "medium",
             "reported_at": ts("2025-03-02 08:00"), "resolved_at": ts("2025-03-02 11:00"), "org_id": "ORG1",
             "updated_at": ts("2025-03-02 11:00")},
            {"incident_id": "IN2", "title": "Lỗi tải ảnh tin đăng", "severity": "high",
             "reported_at": ts("2025-03-30 22:00"), "org_id": "ORG2", "updated_at": ts("2025-03-30 22:00")},
        ],
        "policy_documents": [
            {"document_id": "D1", "title": "Quy định xử phạt vi phạm hành chính về an toàn thực phẩm",
             "kind": "decree", "number": "115/2018/NĐ-CP", "issuer": "Chính phủ", "org_id": "ORG1",
             "published_on": d("2025-03-01"), "updated_at": ts("2025-03-01 00:00")},
        ],
        "production_areas": [
            {"area_id": "PA1", "establishment_id": "E1", "name": "Vườn rau Xuân Hương", "address": "Đà Lạt, Lâm Đồng",
             **LAM_DONG, "area_ha": Decimal("2.5"), "crop": "xà lách", "planting_area_code": "VN-LDRO-0101",
             "updated_at": ts("2024-12-01 00:00")},
        ],
        "comments": [
            # without diacritics: mould and expiry on L1 (E1), a food-safety signal of E1 in April, when E1 has
            # no violation
            {"comment_id": "CM1", "object_type": "listing", "object_id": "L1", "member_id": "C26",
             "text": "Rau bi MOC XANH, het han roi ma van ban", "posted_at": ts("2025-04-02 09:00"),
             "status": "approved", "updated_at": ts("2025-04-02 09:00")},
            # "hàng giá rẻ" folds to "hang gia re": not fake goods
            {"comment_id": "CM2", "object_type": "listing", "object_id": "L1", "member_id": "C27",
             "text": "Hàng giá rẻ mà tươi", "posted_at": ts("2025-04-03 09:00"), "status": "approved",
             "updated_at": ts("2025-04-03 09:00")},
        ],
    }


def _literal(value) -> str:
    """An SQL literal that DuckDB and PostgreSQL read alike."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, datetime):
        return f"timestamp '{value.isoformat(sep=' ')}'"
    if isinstance(value, date):
        return f"date '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def table_columns() -> dict[str, list[tuple[str, str]]]:
    """The raw tables: one per record type with RecordType.raw_columns(), plus the batch log and quarantine."""
    tables = {name: rt.raw_columns() for name, rt in RECORD_TYPES.items()}
    return tables | {"batch_log": BATCH_LOG_COLUMNS, "quarantine": QUARANTINE_COLUMNS,
                     "extract_deletions": EXTRACT_TABLES["raw.extract_deletions"]}


# ml.review_spam_scores as the scorer asset (pipelines/review_spam.py) writes it: R_E1_01 is flagged
# (0.91 >= flag_rules.threshold 0.8), R_E1_02 is spam to the scorer (is_spam) but below the rule's threshold.
SPAM_SCORES = [
    ("R_E1_01", 0.91, True, 3, "fixture"),
    ("R_E1_02", 0.55, True, 2, "fixture"),
    ("R_E1_03", 0.02, False, 0, "fixture"),
]


def create_statements() -> list[str]:
    statements = ["create schema if not exists raw"]
    for table, columns in table_columns().items():
        column_list = ", ".join(f"{name} {sql_type}" for name, sql_type in columns)
        statements.append(f"create table raw.{table} ({column_list})")
    statements += ["create schema if not exists ml",
                   "create table ml.review_spam_scores (review_id varchar, spam_probability double precision, "
                   "is_spam boolean, spam_type integer, model_version varchar)"]
    return statements


def insert_statements() -> list[str]:
    """Inserts of the fixture with the loader's metadata; E1 is delivered twice (a second batch repeats it)."""
    rows_by_table = raw_rows()
    rows_by_table["establishments"].append(rows_by_table["establishments"][0])
    statements = []
    for table, rows in rows_by_table.items():
        columns = [name for name, _ in RECORD_TYPES[table].raw_columns()]
        unknown = {key for row in rows for key in row} - set(columns)
        assert not unknown, f"{table}: not raw columns: {unknown}"
        for line, row in enumerate(rows, start=1):
            # the repeated E1 (the last establishments row) comes in a batch of its own, as the loader would
            # have it (a key repeated within one batch is quarantined)
            again = table == "establishments" and line == len(rows)
            metadata = {"_batch_id": f"B_{table}" + ("_again" if again else ""),
                        "_source_file": f"fixture/{table}.csv", "_line": line,
                        "_loaded_at": LOADED_AT, "_row_hash": f"{table}-{line}"}
            values = [_literal({**row, **metadata}.get(column)) for column in columns]
            statements.append(f"insert into raw.{table} ({', '.join(columns)}) values ({', '.join(values)})")
    for row in SPAM_SCORES:
        statements.append(f"insert into ml.review_spam_scores values ({', '.join(map(_literal, row))})")
    return statements


def load(execute: Callable[[str], object]) -> None:
    """Create the raw schema and write the fixture with `execute` (one SQL statement per call)."""
    for statement in create_statements() + insert_statements():
        execute(statement)
