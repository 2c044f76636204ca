"""A deterministic sample province (Tỉnh Lâm Đồng, 2025 units) as the platform would export it, with planted
anomalies written to a separate ground-truth file.

    from ingest.sample_province import generate
    summary = generate(Path("data/landing"), Path("data/ground_truth.csv"), scale=1.0)

The same seed and scale give byte-identical files. Keep the ground-truth file outside the landing folder: it is
not a platform export.
"""

from __future__ import annotations

import random
import time
from datetime import date
from pathlib import Path

from . import anomalies, establishments, oversight
from .actors import create_consumers, create_organizations
from .clock import Clock
from .context import Province
from .output import Output

CONSUMERS = 6000  # at scale 1, beside about 2,000 establishments and their owners


def generate(out_dir: Path, ground_truth_path: Path, scale: float = 1.0, seed: int = 20260101,
             start: date = date(2025, 12, 1), months: int = 12, progress=print) -> dict:
    """Write the export files of the sample province into `out_dir` and the planted anomalies into
    `ground_truth_path` (anomaly_kind, object_type, object_id, detail). Returns counts per record type and
    anomaly kind."""
    began = time.monotonic()
    out_dir, ground_truth_path = Path(out_dir), Path(ground_truth_path)
    clock = Clock(start, months)
    out = Output(out_dir, created=clock.start)
    truth = anomalies.GroundTruth(ground_truth_path)
    p = Province(out, clock, random.Random(seed), seed, scale)
    try:
        create_organizations(p)
        consumer_count = p.count(CONSUMERS, 20)
        phones = anomalies.plan_shared_phones(p, consumer_count)
        anomalies.record_shared_phones(truth, create_consumers(p, consumer_count, phones), phones)
        progress(f"Tỉnh mẫu: đã tạo {_vn(consumer_count)} tài khoản người mua")
        establishments.create_establishments(p)
        establishments.create_independent_traders(p)
        progress(f"Tỉnh mẫu: đã tạo {_vn(out.records['establishments'])} cơ sở, "
                 f"{_vn(out.records['listings'])} tin đăng")
        used, originals = anomalies.plant_listing_anomalies(p, truth)
        anomalies.plant_review_bursts(p, truth)
        oversight.create_incidents(p)
        oversight.create_policy_documents(p)
        anomalies.plant_second_stream(p, truth, used, originals)  # last: what comes before stays as it was
    finally:
        out.close()
        truth.close()
    seconds = round(time.monotonic() - began, 1)
    progress(f"Tỉnh mẫu: {_vn(sum(out.rows.values()))} dòng trong {str(seconds).replace('.', ',')} giây, "
             f"{_vn(sum(truth.counts.values()))} đối tượng bất thường cài sẵn")
    return {
        "out_dir": str(out_dir), "ground_truth": str(ground_truth_path), "scale": scale, "seed": seed,
        "start": clock.start.date().isoformat(), "end": clock.end.date().isoformat(),
        "records": dict(out.records), "rows": dict(out.rows), "anomalies": dict(truth.counts),
        "files": sorted(f.name for f in out_dir.iterdir() if f.is_file()), "seconds": seconds,
    }


def _vn(number: int) -> str:
    """A count as Vietnamese write it: 12.345."""
    return f"{number:,}".replace(",", ".")
