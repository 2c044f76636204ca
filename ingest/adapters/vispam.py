"""ViSpamReviews (train.csv, dev.csv): each row is a review, the moderation decision on it and its reviewer.

The dataset has no ids, reviewers or dates, so they are made up here, deterministically:
- ids carry the split and the line the row starts on (`vispam-train-2`), so the spam scorer can keep train and
  dev apart and a person can find the row in the file;
- each review has its own reviewer account (`vispam-member-train-2`, a consumer);
- the rows of each split are spread evenly over the year 2021 in file order (posted_at); each review is
  submitted for moderation when posted and decided one hour later (two moderation events);
- Label 0 (not spam) is approved, Label 1 (spam) rejected; the reason carries the spam type (SpamLabel 0–3).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from ingest.adapters.common import AdapterSource, Drafts, draft, make_sources, read_csv

FOLDER = "vispam_reviews"
SPLITS = ("train", "dev")
VERSION = "1"
SPREAD_START = datetime(2021, 1, 1)
SPREAD_LENGTH = timedelta(days=365)
MODERATION_DELAY = timedelta(hours=1)
ACTION_BY_LABEL = {"0": "approved", "1": "rejected"}
RECORD_TYPES = ("members", "reviews", "moderation_events")  # in the order they are loaded


def sources(data_dir: Path) -> list[AdapterSource]:
    folder = data_dir / FOLDER
    return [
        source
        for path in (folder / f"{split}.csv" for split in SPLITS)  # each split its own checksum
        for source in make_sources("vispam", VERSION, [path], [(path.name, rt) for rt in RECORD_TYPES],
                                   lambda file_name: _records(folder / file_name))
    ]


def _records(path: Path) -> Drafts:
    split = path.stem
    count = sum(1 for _ in read_csv(path))
    for index, (line, row) in enumerate(read_csv(path)):
        review_id = f"vispam-{split}-{line}"
        member_id = f"vispam-member-{split}-{line}"
        posted_at = SPREAD_START + timedelta(seconds=int(SPREAD_LENGTH.total_seconds() * index / count))
        decided_at = posted_at + MODERATION_DELAY
        action = ACTION_BY_LABEL[row["Label"]]
        yield line, draft(
            "members", member_id=member_id, kind="consumer", display_name=f"Khách hàng {split}-{line}",
            registered_at=posted_at, status="active", updated_at=posted_at)
        yield line, draft(
            "reviews", review_id=review_id, member_id=member_id, rating=row["Rating"], text=row["Comment"],
            posted_at=posted_at, status=action, updated_at=decided_at)
        yield line, draft(
            "moderation_events", event_id=f"{review_id}-submitted", object_type="review", object_id=review_id,
            action="submitted", occurred_at=posted_at, updated_at=posted_at)
        yield line, draft(
            "moderation_events", event_id=f"{review_id}-moderation", object_type="review", object_id=review_id,
            action=action, occurred_at=decided_at, reason=f"spam_type={row['SpamLabel']}", updated_at=decided_at)
