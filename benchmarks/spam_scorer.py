"""Benchmark of the review-spam scorer on ViSpamReviews: training time, dev macro-F1, reviews scored per second.

    python -m benchmarks.spam_scorer [--data-dir DIR] [--out results.json]      (make bench-spam)

Trains on the train split (through the vispam adapter, in a temporary home), measures the two goals once on the
dev split, then scores the dev reviews again and again in chunks of 10,000 on one thread (BLAS and OpenMP held to
one): reviews per second of wall time and of CPU time (CPU time does not count the time other processes take on a
busy machine).
"""

import argparse
import json
import os
import platform
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from sklearn.metrics import precision_score
from threadpoolctl import threadpool_limits

from pipelines.settings import load_settings
from pipelines.spam_scorer import SpamScorer, labelled_from_dataset, train_or_reuse

THROUGHPUT_REVIEWS = 50_000
CHUNK = 10_000
QUEUE_THRESHOLD = 0.8  # flag_rules.csv, review_spam


def throughput(scorer: SpamScorer, texts: list, ratings: list) -> dict:
    repeats = -(-THROUGHPUT_REVIEWS // len(texts))
    texts, ratings = texts * repeats, ratings * repeats
    scorer.score(texts[:100], ratings[:100])  # warm up
    with threadpool_limits(1):
        wall, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(texts), CHUNK):
            scorer.score(texts[start:start + CHUNK], ratings[start:start + CHUNK])
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"reviews": len(texts), "per_second_wall": round(len(texts) / wall),
            "per_second_cpu": round(len(texts) / cpu)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="the public datasets (default: ../shared/data)")
    parser.add_argument("--out", type=Path, help="write the results as JSON here too")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or load_settings().shared_data

    train, dev = (labelled_from_dataset(data_dir, split) for split in ("train", "dev"))
    with tempfile.TemporaryDirectory() as home:
        began, cpu = time.perf_counter(), time.process_time()
        scorer, metadata = train_or_reuse(Path(home), train, dev, source="benchmark", progress=print)
        trained = {"wall": round(time.perf_counter() - began, 1), "cpu": round(time.process_time() - cpu, 1)}
    dev_scores = scorer.score(dev.texts, dev.ratings)
    queued = dev_scores.spam_probability >= QUEUE_THRESHOLD
    results = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Linux {platform.release()}, "
                   f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}",
        "training_rows": len(train.texts), "training_seconds": trained, "dev_rows": len(dev.texts),
        "dev": metadata["dev_metrics"], "spam_threshold": metadata["spam_threshold"],
        "dev_spam_share": round(float(dev_scores.is_spam.mean()), 4),
        "queue_threshold": QUEUE_THRESHOLD, "dev_queued": int(queued.sum()),
        "dev_queue_precision": round(float(precision_score(dev.spam_types > 0, queued)), 4),
        "throughput_one_thread": throughput(scorer, dev.texts, dev.ratings),
        "load_average_after": round(os.getloadavg()[0], 1),
    }
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
