"""Organisations and their staff; platform accounts with their status history and sanctions."""

from __future__ import annotations

from datetime import datetime, timedelta

from .context import Department, Province, Staff
from .vocabulary import DELETED_REASON, DEPARTMENTS, PROVINCE_CODE, REACTIVATED_REASON, SANCTION_REASONS

# Per account and year: how often the departments step in, and on what grounds.
SANCTION_RATES = {"warning": 0.010, "suspension": 0.012, "termination": 0.004}
DELETION_BY_OWNER_RATE = 0.003
SANCTION_REASON_WEIGHTS = {"spam": 35, "false_information": 20, "fraud": 20, "impersonation": 5, "food_safety": 10,
                           "other": 10}
SUSPENSION_DAYS = (7, 14, 30, 90)
# What an account fills in: chance of phone, e-mail, CCCD, address.
PROFILE_RATES = {"consumer": (0.95, 0.55, 0.35, 0.80), "producer": (1.0, 0.7, 0.9, 1.0), "trader": (1.0, 0.7, 0.9, 1.0)}


def create_organizations(p: Province):
    """The three departments, their units and staff: reviewers in every unit, inspectors in the units that
    inspect, one manager per department."""
    staff_per_unit = max(2, round(3 * p.scale ** 0.5))
    for sector, (name, units) in DEPARTMENTS.items():
        department_id = p.out.new_id("organizations")
        p.write("organizations", org_id=department_id, name=name, kind="department", sector=sector,
                province_code=PROVINCE_CODE, updated_at=p.clock.start)
        department = Department(sector, department_id, [])
        for unit_name in units:
            unit_id = p.out.new_id("organizations")
            p.write("organizations", org_id=unit_id, name=unit_name, kind="unit", sector=sector,
                    parent_org_id=department_id, province_code=PROVINCE_CODE, updated_at=p.clock.start)
            department.units.append(unit_id)
            for _ in range(staff_per_unit):
                department.reviewers.append(_staff(p, unit_id, "reviewer"))
            department.inspectors.append(_staff(p, unit_id, "inspector"))
        department.managers.append(_staff(p, department_id, "manager"))
        _staff(p, department.units[0], "reviewer", active=False)  # left the unit; never acts
        p.departments[sector] = department
    _staff(p, p.departments["industry_trade"].org_id, "admin")


def _staff(p: Province, org_id: str, role: str, active: bool = True) -> Staff:
    staff_id = p.out.new_id("staff_users")
    name, _ = p.people.person()
    p.write("staff_users", staff_id=staff_id, org_id=org_id, full_name=name, role=role,
            email=p.people.email(name, "lamdong.gov.vn"), phone=p.people.phone(), active=active,
            updated_at=p.clock.start)
    return Staff(staff_id, org_id)


def new_member(p: Province, kind: str, registered_at: datetime, phone_number: str | None = None,
               email: str | None = None) -> dict:
    """Write a new account (and its later status changes); return its row. A planted anomaly gives the phone
    number or the e-mail address."""
    rng = p.rng
    name, female = p.people.person()
    has_phone, has_email, has_id, has_address = PROFILE_RATES[kind]
    row = dict(
        member_id=p.out.new_id("members"), kind=kind, display_name=name,
        phone=p.people.phone(phone_number) if phone_number or rng.random() < has_phone else None,
        email=email or (p.people.email(name) if rng.random() < has_email else None),
        citizen_id=p.people.citizen_id(female) if rng.random() < has_id else None,
        address=p.addresses.address() if rng.random() < has_address else None,
        registered_at=registered_at, status="active", updated_at=registered_at,
    )
    p.write("members", **row)
    _status_history(p, row)
    return row


def create_consumers(p: Province, count: int, shared_phones: dict[int, str]) -> list[str]:
    """Consumer accounts registering through the period (more at the start); `shared_phones` gives the
    planted phone number of some of them by position. Returns their ids in that order."""
    times = sorted(p.clock.at(0.97 * p.rng.random() ** 1.4) for _ in range(count))
    for index, registered_at in enumerate(times):
        p.consumers.add(registered_at, new_member(p, "consumer", registered_at, shared_phones.get(index))["member_id"])
    return p.consumers.ids


def _status_history(p: Province, row: dict):
    rng = p.rng
    first = row["registered_at"] + timedelta(days=7)
    if first >= p.clock.end:
        return
    roll = rng.random()
    for kind, rate in SANCTION_RATES.items():
        if roll < rate:
            reason = rng.choices(list(SANCTION_REASON_WEIGHTS), list(SANCTION_REASON_WEIGHTS.values()))[0]
            sanction(p, row, kind, reason, p.clock.between(rng, first))
            return
        roll -= rate
    if roll < DELETION_BY_OWNER_RATE:
        _new_version(p, row, "deleted", DELETED_REASON, p.clock.between(rng, first))


def sanction(p: Province, row: dict, kind: str, reason: str, at: datetime):
    """A department decision on an account: the sanction record and the account's new status versions."""
    rng = p.rng
    department = p.departments["health" if reason == "food_safety" else "industry_trade"]
    staff = rng.choice(department.reviewers + department.managers)
    decided_at = p.clock.office(at, rng)
    if decided_at >= p.clock.end:
        return
    ends_at = decided_at + timedelta(days=rng.choice(SUSPENSION_DAYS)) if kind == "suspension" else None
    p.write("account_sanctions", sanction_id=p.out.new_id("account_sanctions"), member_id=row["member_id"],
            kind=kind, reason=reason, decided_at=decided_at, ends_at=ends_at, staff_id=staff.staff_id,
            org_id=staff.org_id, updated_at=decided_at)
    if kind == "warning":
        return
    _new_version(p, row, "suspended" if kind == "suspension" else "terminated", SANCTION_REASONS[reason], decided_at)
    if ends_at and ends_at < p.clock.end:
        _new_version(p, row, "active", REACTIVATED_REASON, ends_at)


def _new_version(p: Province, row: dict, status: str, reason: str, at: datetime):
    row.update(status=status, status_reason=reason, updated_at=at)
    p.write("members", **row)
