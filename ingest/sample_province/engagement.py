"""What buyers do with published listings and posts: reviews, comments, questions (answered by the seller or by
staff), complaints and disputes."""

from __future__ import annotations

from datetime import datetime, timedelta

from . import oversight
from .context import Establishment, Province
from .moderation import Outcome, moderate
from .vocabulary import (COMMENT_TEXTS, COMPLAINT_TEXTS, PLACES, QUESTIONS_AND_ANSWERS, REVIEW_CLOSINGS,
                         REVIEW_PHRASES, STAFF_ANSWERS)

MEAN_REVIEWS, MAX_REVIEWS = 2.2, 15
MIN_REVIEW_GAP_HOURS = 3  # ordinary reviews of one listing never come in bursts
RATING_WEIGHTS = {5: 55, 4: 25, 3: 10, 2: 5, 1: 5}
OWNER_REPLY_RATE = 0.1
MEAN_COMMENTS = 0.8
QUESTION_RATE = 0.3
ANSWERED_BY = {"owner": 80, "staff": 5, "nobody": 15}
COMPLAINT_RATE = 0.03  # per published listing
ESTABLISHMENT_COMPLAINT_RATE = 0.01  # about an establishment, no listing named
DISPUTE_SHARE = 0.2
COMPLAINT_CATEGORIES = {"product_quality": 30, "delivery": 20, "price": 15, "food_safety": 12,
                        "false_information": 10, "fraud": 8, "other": 5}
OUTCOMES = {"complaint": {"upheld": 40, "rejected": 30, "mediated": 15, "withdrawn": 15},
            "dispute": {"mediated": 55, "upheld": 20, "rejected": 15, "withdrawn": 10}}
RESOLUTION_MEDIAN_HOURS = 6 * 24
UNRESOLVED_RATE = 0.04


def engage_listing(p: Province, listing_id: str, est: Establishment, approved_at: datetime, until: datetime):
    rng = p.rng
    _reviews(p, listing_id, est, approved_at, until)
    comment_on(p, "listing", listing_id, est.sector, approved_at, until,
               count=min(6, int(rng.expovariate(1 / MEAN_COMMENTS))))
    if rng.random() < QUESTION_RATE:
        for _ in range(rng.choice((1, 1, 2))):
            _question(p, listing_id, est, p.clock.between(rng, approved_at, until))
    if rng.random() < COMPLAINT_RATE:
        complain(p, est, listing_id, p.clock.between(rng, approved_at, until))


# ---------------------------------------------------------------------------------------------------------
# Reviews and comments
# ---------------------------------------------------------------------------------------------------------

def _reviews(p: Province, listing_id: str, est: Establishment, approved_at: datetime, until: datetime):
    rng = p.rng
    moment = approved_at + timedelta(hours=rng.uniform(12, 120))
    for _ in range(min(MAX_REVIEWS, int(rng.expovariate(1 / MEAN_REVIEWS)))):
        if moment >= until:
            return
        member_id = p.consumers.pick(rng, moment)
        if member_id:
            rating = rng.choices(list(RATING_WEIGHTS), list(RATING_WEIGHTS.values()))[0]
            review_id, outcome = write_review(p, listing_id, est, member_id, rating, _review_text(p, rating), moment)
            if outcome.approved_at and rng.random() < OWNER_REPLY_RATE:
                comment_on(p, "review", review_id, est.sector, outcome.approved_at, until, 1,
                           member_id=est.member_id)
        moment += timedelta(hours=MIN_REVIEW_GAP_HOURS + rng.expovariate(1 / 72))


def write_review(p: Province, listing_id: str, est: Establishment, member_id: str, rating: int, text: str | None,
                 posted_at: datetime) -> tuple[str, Outcome]:
    review_id = p.out.new_id("reviews")
    outcome = moderate(p, "review", review_id, posted_at, est.sector)
    p.write("reviews", review_id=review_id, listing_id=listing_id, establishment_id=est.establishment_id,
            member_id=member_id, rating=rating, text=text, posted_at=posted_at, status=outcome.status,
            updated_at=outcome.updated_at)
    return review_id, outcome


def _review_text(p: Province, rating: int) -> str | None:
    rng = p.rng
    if rng.random() < 0.1:
        return None  # stars only
    phrases = rng.sample(REVIEW_PHRASES[rating], rng.choice((1, 1, 2)))
    closing = rng.choice(REVIEW_CLOSINGS).format(place=rng.choice(PLACES))
    return " ".join(phrases + ([closing] if closing else []))


def comment_on(p: Province, object_type: str, object_id: str, sector: str, after: datetime, until: datetime | None,
               count: int, member_id: str | None = None):
    rng = p.rng
    for _ in range(count):
        posted_at = p.clock.between(rng, after, until)
        author = member_id or p.consumers.pick(rng, posted_at)
        if not author or posted_at >= p.clock.end:
            continue
        comment_id = p.out.new_id("comments")
        outcome = moderate(p, "comment", comment_id, posted_at, sector)
        text = rng.choice(COMMENT_TEXTS[object_type]).format(place=rng.choice(PLACES), n=rng.randint(2, 20))
        p.write("comments", comment_id=comment_id, object_type=object_type, object_id=object_id, member_id=author,
                text=text, posted_at=posted_at, status=outcome.status, updated_at=outcome.updated_at)


# ---------------------------------------------------------------------------------------------------------
# Questions and answers
# ---------------------------------------------------------------------------------------------------------

def _question(p: Province, listing_id: str, est: Establishment, asked_at: datetime):
    rng = p.rng
    member_id = p.consumers.pick(rng, asked_at)
    if not member_id:
        return
    question, answer = rng.choice(QUESTIONS_AND_ANSWERS)
    question_id = p.out.new_id("questions")
    outcome = moderate(p, "question", question_id, asked_at, est.sector)
    p.write("questions", question_id=question_id, member_id=member_id, establishment_id=est.establishment_id,
            listing_id=listing_id, text=question, asked_at=asked_at, status=outcome.status,
            updated_at=outcome.updated_at)
    if not outcome.approved_at:
        return
    by = rng.choices(list(ANSWERED_BY), list(ANSWERED_BY.values()))[0]
    if by == "nobody":
        return
    answered_at = p.clock.after(rng, outcome.approved_at, 10)
    staff = None
    if by == "staff":
        staff = rng.choice(p.departments[est.sector].reviewers)
        answered_at, answer = p.clock.office(answered_at, rng), rng.choice(STAFF_ANSWERS)
    if answered_at >= p.clock.end:
        return
    answer_id = p.out.new_id("answers")
    p.write("answers", answer_id=answer_id, question_id=question_id,
            member_id=None if staff else est.member_id, staff_id=staff.staff_id if staff else None,
            text=answer, answered_at=answered_at, updated_at=answered_at)
    if not staff:
        moderate(p, "answer", answer_id, answered_at, est.sector)


# ---------------------------------------------------------------------------------------------------------
# Complaints and disputes
# ---------------------------------------------------------------------------------------------------------

def maybe_complain_about_establishment(p: Province, est: Establishment):
    if p.rng.random() < ESTABLISHMENT_COMPLAINT_RATE:
        complain(p, est, None, p.clock.between(p.rng, est.approved_at, est.active_until))


def complain(p: Province, est: Establishment, listing_id: str | None, received_at: datetime,
             category: str | None = None):
    rng = p.rng
    member_id = p.consumers.pick(rng, received_at)
    if not member_id or received_at >= p.clock.end:
        return
    kind = "dispute" if rng.random() < DISPUTE_SHARE else "complaint"
    category = category or rng.choices(list(COMPLAINT_CATEGORIES), list(COMPLAINT_CATEGORIES.values()))[0]
    # Food safety goes to the establishment's overseeing unit; the rest is consumer protection (Công Thương).
    org_id = est.row["org_id"] if category == "food_safety" else p.departments["industry_trade"].units[0]
    resolved_at = p.clock.office(p.clock.after(rng, received_at, RESOLUTION_MEDIAN_HOURS, 0.9), rng)
    outcome = rng.choices(list(OUTCOMES[kind]), list(OUTCOMES[kind].values()))[0]
    if resolved_at >= p.clock.end or rng.random() < UNRESOLVED_RATE:
        resolved_at = outcome = None
    p.write("complaints", complaint_id=p.out.new_id("complaints"), kind=kind, member_id=member_id,
            establishment_id=est.establishment_id, listing_id=listing_id, category=category,
            text=rng.choice(COMPLAINT_TEXTS[category]), org_id=org_id, received_at=received_at,
            resolved_at=resolved_at, outcome=outcome, updated_at=resolved_at or received_at)
    if outcome == "upheld" and category in ("food_safety", "product_quality") and rng.random() < 0.5:
        oversight.record_violation(p, est, "consumer_feedback", resolved_at, org_id, allow_suspension=False)
