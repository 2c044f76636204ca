"""The departments' own records: inspections and the violations they find (Decree 115/2018/NĐ-CP), platform
incidents and the policy documents posted."""

from __future__ import annotations

from datetime import datetime, timedelta

from .context import Establishment, Province
from .vocabulary import INCIDENTS, POLICY_DOCUMENTS, VIOLATION_TYPES

INSPECTION_RATE = 0.25  # of approved establishments, once in the period
ROUTINE_SHARE = 0.9
RESULTS = {"pass": 78, "pass_with_conditions": 14, "fail": 8}
FOLLOW_UP_RESULTS = {"pass": 85, "pass_with_conditions": 15}
CONDITIONS_VIOLATION_RATE = 0.5  # a pass with conditions records one minor violation half the time
FOUND_BY_INSPECTION = {"establishment_conditions": 25, "hygiene": 30, "labelling": 20, "expired_goods": 10,
                       "unknown_origin": 8, "banned_substances": 4, "other": 3}
FOUND_BY_CONSUMERS = {"hygiene": 30, "expired_goods": 25, "unknown_origin": 20, "labelling": 15, "other": 10}
SEVERITIES = ("critical", "serious", "minor")
DECISIONS = {"minor": {"warning": 70, "none": 15, "fine": 15},
             "serious": {"fine": 75, "warning": 15, "suspension": 10},
             "critical": {"fine": 50, "suspension": 40, "revocation": 10}}
FINE_MILLIONS = {"minor": (1, 5), "serious": (5, 40), "critical": (40, 100)}
INCIDENT_SEVERITIES = {"low": 40, "medium": 35, "high": 20, "critical": 5}
INCIDENT_REPAIR_HOURS = {"low": 48, "medium": 24, "high": 8, "critical": 4}


def _pick(rng, weights: dict):
    return rng.choices(list(weights), list(weights.values()))[0]


def inspect(p: Province, est: Establishment):
    """A routine (or other) inspection of some approved establishments, with a follow-up after a failure."""
    rng = p.rng
    if rng.random() >= INSPECTION_RATE:
        return
    first = est.approved_at + timedelta(days=7)
    if first >= p.clock.end:
        return
    kind = "routine" if rng.random() < ROUTINE_SHARE else "other"
    result = _inspection(p, est, p.clock.office(p.clock.between(rng, first), rng), kind, RESULTS)
    if result and result[1] == "fail":
        _inspection(p, est, p.clock.office(result[0] + timedelta(days=rng.randint(15, 45)), rng), "follow_up",
                    FOLLOW_UP_RESULTS)


def _inspection(p: Province, est: Establishment, at: datetime, kind: str, results: dict):
    rng = p.rng
    if at >= p.clock.end:
        return None
    inspector = rng.choice(p.departments[est.sector].inspectors)
    result = _pick(rng, results)
    inspection_id = p.out.new_id("inspections")
    p.write("inspections", inspection_id=inspection_id, establishment_id=est.establishment_id,
            inspected_on=at.date(), kind=kind, result=result, org_id=inspector.org_id, staff_id=inspector.staff_id,
            updated_at=at + timedelta(hours=rng.randint(1, 4)))
    if result == "fail":
        for _ in range(rng.choice((1, 1, 2, 3))):
            record_violation(p, est, "inspection", at, inspector.org_id, inspection_id=inspection_id)
    elif result == "pass_with_conditions" and rng.random() < CONDITIONS_VIOLATION_RATE:
        record_violation(p, est, "inspection", at, inspector.org_id, inspection_id=inspection_id, severity="minor")
    return at, result


def record_violation(p: Province, est: Establishment, source: str, detected: datetime, org_id: str,
                     inspection_id: str | None = None, category: str | None = None, severity: str | None = None,
                     product_id: str | None = None, allow_suspension: bool = True):
    """A violation, the decision on it and its closing; a suspension or revocation changes the establishment."""
    rng = p.rng
    if severity:
        categories = {c: w for c, w in FOUND_BY_INSPECTION.items() if VIOLATION_TYPES[c][1][2]}
    else:
        categories = FOUND_BY_INSPECTION if source == "inspection" else FOUND_BY_CONSUMERS
    category = category or _pick(rng, categories)
    title, severity_weights = VIOLATION_TYPES[category]
    severity = severity or rng.choices(SEVERITIES, severity_weights)[0]
    decisions = DECISIONS[severity]
    if not allow_suspension:
        decisions = {d: w for d, w in decisions.items() if d not in ("suspension", "revocation")}
    decision = _pick(rng, decisions)
    decided = p.clock.office(detected + timedelta(days=rng.randint(3, 20)), rng)
    closed = p.clock.office(decided + timedelta(days=rng.randint(10, 60)), rng)
    if decided >= p.clock.end:
        decided = closed = decision = None
    elif closed >= p.clock.end:
        closed = None
    low, high = FINE_MILLIONS[severity]
    fined = decision in ("fine", "suspension", "revocation")
    if product_id is None and rng.random() < 0.5:
        product_id = rng.choice(est.products).product_id
    p.write("violations", violation_id=p.out.new_id("violations"), establishment_id=est.establishment_id,
            product_id=product_id, inspection_id=inspection_id, category=category, title=title, severity=severity,
            source=source, detected_on=detected.date(), decision=decision,
            fine_amount=rng.randint(low * 2, high * 2) * 500_000 if fined else None,
            decided_on=decided.date() if decided else None, closed_on=closed.date() if closed else None,
            org_id=org_id, updated_at=closed or decided or detected)
    if decision in ("suspension", "revocation") and est.active_until is None:
        p.set_status(est, "suspended" if decision == "suspension" else "terminated", decided)


def create_incidents(p: Province):
    rng = p.rng
    org_id = p.departments["industry_trade"].org_id  # runs the platform
    for reported_at in sorted(p.clock.between(rng, p.clock.start) for _ in range(p.count(15, 3))):
        severity = _pick(rng, INCIDENT_SEVERITIES)
        resolved_at = p.clock.after(rng, reported_at, INCIDENT_REPAIR_HOURS[severity], 1.0)
        resolved_at = resolved_at if resolved_at < p.clock.end else None
        p.write("incidents", incident_id=p.out.new_id("incidents"), title=rng.choice(INCIDENTS), severity=severity,
                reported_at=reported_at, resolved_at=resolved_at, org_id=org_id,
                updated_at=resolved_at or reported_at)


def create_policy_documents(p: Province):
    rng = p.rng
    for title, kind, number, issuer, sector in POLICY_DOCUMENTS:
        published = p.clock.office(p.clock.between(rng, p.clock.start), rng)
        if published >= p.clock.end:
            published = p.clock.start + timedelta(hours=9)
        p.write("policy_documents", document_id=p.out.new_id("policy_documents"), title=title, kind=kind,
                number=number or None, issuer=issuer, org_id=p.departments[sector].org_id,
                published_on=published.date(), updated_at=published)
