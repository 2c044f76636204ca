"""Moderation of everything members publish: submitted, then a staff decision in office hours after a delay,
resubmission after a request for changes, escalation to a manager. Steps after the end of the export are not
exported (the object is still pending then)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .context import Province
from .vocabulary import CHANGES_REASONS, ESCALATION_REASONS, REJECT_REASONS


@dataclass(frozen=True)
class Policy:
    median_hours: float  # from submission to decision, before waiting for office hours
    approve: float
    reject: float
    changes: float
    escalate: float


POLICIES = {
    "establishment": Policy(40, 0.85, 0.08, 0.07, 0.02),
    "listing": Policy(10, 0.85, 0.08, 0.07, 0.015),
    "supply_demand_post": Policy(8, 0.86, 0.07, 0.07, 0.01),
    "review": Policy(4, 0.92, 0.08, 0.0, 0.01),
    "comment": Policy(3, 0.93, 0.07, 0.0, 0.005),
    "question": Policy(4, 0.94, 0.06, 0.0, 0.005),
    "answer": Policy(4, 0.95, 0.05, 0.0, 0.0),
}
SECOND_ROUND = {"approved": 0.9, "rejected": 0.1}  # after changes were made
MANAGER_DECISION = {"approved": 0.6, "rejected": 0.4}
RESUBMIT_RATE = 0.8
RESUBMIT_MEDIAN_HOURS = 40
ESCALATION_MEDIAN_HOURS = 30


@dataclass
class Outcome:
    status: str  # pending | approved | rejected | changes_requested
    updated_at: datetime
    approved_at: datetime | None = None
    history: list[tuple[datetime, str]] = field(default_factory=list)  # (when, status) after each step


def moderate(p: Province, object_type: str, object_id: str, submitted_at: datetime, sector: str) -> Outcome:
    policy = POLICIES[object_type]
    department = p.departments[sector]
    handling_org = department.units[0]
    outcome = Outcome("pending", submitted_at, history=[(submitted_at, "pending")])
    _event(p, object_type, object_id, "submitted", None, handling_org, submitted_at)
    moment, rates = submitted_at, {"approved": policy.approve, "rejected": policy.reject,
                                   "changes_requested": policy.changes}
    for _ in range(3):
        reviewer = p.rng.choice(department.reviewers)
        moment = p.clock.office(p.clock.after(p.rng, moment, policy.median_hours), p.rng)
        if moment >= p.clock.end:
            return outcome
        if rates is not SECOND_ROUND and p.rng.random() < policy.escalate:
            _event(p, object_type, object_id, "escalated", reviewer, None, moment, p.rng.choice(ESCALATION_REASONS))
            reviewer = p.rng.choice(department.managers)
            moment = p.clock.office(p.clock.after(p.rng, moment, ESCALATION_MEDIAN_HOURS), p.rng)
            if moment >= p.clock.end:
                return outcome
            rates = MANAGER_DECISION
        action = p.rng.choices(list(rates), list(rates.values()))[0]
        _event(p, object_type, object_id, action, reviewer, None, moment, _reason(p, object_type, action))
        outcome.status, outcome.updated_at = action, moment
        outcome.history.append((moment, action))
        if action == "approved":
            outcome.approved_at = moment
        if action != "changes_requested" or p.rng.random() > RESUBMIT_RATE:
            return outcome
        moment = p.clock.after(p.rng, moment, RESUBMIT_MEDIAN_HOURS)
        if moment >= p.clock.end:
            return outcome
        _event(p, object_type, object_id, "submitted", None, handling_org, moment)
        outcome.status, outcome.updated_at = "pending", moment
        outcome.history.append((moment, "pending"))
        rates = SECOND_ROUND
    return outcome


def _reason(p: Province, object_type: str, action: str) -> str | None:
    if action == "rejected":
        return p.rng.choice(REJECT_REASONS[object_type])
    if action == "changes_requested":
        return p.rng.choice(CHANGES_REASONS[object_type])
    return None


def _event(p: Province, object_type, object_id, action, staff, org_id, at, reason=None):
    p.write("moderation_events", event_id=p.out.new_id("moderation_events"), object_type=object_type,
            object_id=object_id, action=action, actor_staff_id=staff.staff_id if staff else None,
            org_id=staff.org_id if staff else org_id, occurred_at=at, reason=reason, updated_at=at)
