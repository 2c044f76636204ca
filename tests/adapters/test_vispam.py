"""ViSpamReviews adapter: counts computed from the CSV files with the csv module, and rows checked by hand."""

import csv
from collections import Counter
from datetime import datetime, timedelta

import pytest


@pytest.fixture(scope="module")
def vispam(adapter_output):
    return adapter_output("vispam")


def raw_rows(shared_data, split):
    with open(shared_data / "vispam_reviews" / f"{split}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def of_split(rows, split):
    return [rec for name, _, rec in rows if name == f"vispam:{split}.csv"]


def decisions(events):
    return [e for e in events if e["action"] != "submitted"]


@pytest.mark.parametrize("split, expected", [("train", 14_306), ("dev", 1_590)])
def test_one_review_member_submission_and_decision_per_row(vispam, shared_data, split, expected):
    assert len(raw_rows(shared_data, split)) == expected
    for record_type in ("reviews", "members"):
        assert len(of_split(vispam[record_type], split)) == expected
    events = Counter(e["action"] == "submitted" for e in of_split(vispam["moderation_events"], split))
    assert events == {True: expected, False: expected}


@pytest.mark.parametrize("split", ["train", "dev"])
def test_spam_is_rejected_with_its_type(vispam, shared_data, split):
    raw = raw_rows(shared_data, split)
    reviews = of_split(vispam["reviews"], split)
    events = decisions(of_split(vispam["moderation_events"], split))
    assert Counter(r["status"] for r in reviews)["rejected"] == sum(r["Label"] == "1" for r in raw)
    assert Counter(e["action"] for e in events) == Counter(r["status"] for r in reviews)
    assert Counter(e["reason"] for e in events) == Counter(f"spam_type={r['SpamLabel']}" for r in raw)
    assert [r["rating"] for r in reviews] == [r["Rating"] for r in raw]


def test_train_counts_from_the_sources_md(vispam):
    train = decisions(of_split(vispam["moderation_events"], "train"))
    assert Counter(e["action"] for e in train) == {"approved": 10_585, "rejected": 3_721}
    assert Counter(e["reason"] for e in train) == {
        "spam_type=0": 10_585, "spam_type=1": 195, "spam_type=2": 1_087, "spam_type=3": 2_439}


def test_rows_checked_by_hand(vispam):
    reviews = {r["review_id"]: (line, r) for _, line, r in vispam["reviews"]}
    line, first = reviews["vispam-train-2"]
    assert (line, first["rating"], first["status"], first["text"]) == (
        2, "5", "approved", "Chất lượng sản phẩm tuyệt vời, má")
    assert first["member_id"] == "vispam-member-train-2" and first["listing_id"] is None
    assert reviews["vispam-train-3"][1]["status"] == "rejected"
    # Line 11 starts a comment spanning lines 11-15, so the next row starts on line 16.
    assert reviews["vispam-train-11"][1]["text"].startswith("📣📣📣 TIN HOT TIN HOT")
    assert "vispam-train-12" not in reviews
    assert reviews["vispam-train-16"][1]["text"].startswith("sản phẩm gội và tắm cho các bé")
    events = {e["object_id"]: e for _, _, e in vispam["moderation_events"] if e["action"] != "submitted"}
    assert (events["vispam-train-3"]["action"], events["vispam-train-3"]["reason"]) == ("rejected", "spam_type=3")


@pytest.mark.parametrize("split", ["train", "dev"])
def test_posted_over_2021_in_file_order_decided_an_hour_later(vispam, split):
    reviews = of_split(vispam["reviews"], split)
    posted = [datetime.fromisoformat(r["posted_at"]) for r in reviews]
    assert posted[0] == datetime(2021, 1, 1) and posted[-1] < datetime(2022, 1, 1)
    assert posted == sorted(posted)
    decided = [datetime.fromisoformat(e["occurred_at"])
               for e in decisions(of_split(vispam["moderation_events"], split))]
    assert all(d - p == timedelta(hours=1) for p, d in zip(posted, decided, strict=True))
