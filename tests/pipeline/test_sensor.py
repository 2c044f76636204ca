"""landing_sensor: asks for an ingest run once a delivered file has settled, never for a file still arriving."""

import os
import time

from dagster import RunRequest, SkipReason, build_sensor_context

from pipelines.ingest import landing_sensor
from pipelines.resources import WarehouseResource


def evaluate(home):
    with build_sensor_context(resources={"warehouse": WarehouseResource(home=str(home))}) as context:
        return landing_sensor(context)


def test_empty_landing_folder_skips(tmp_path):
    assert isinstance(evaluate(tmp_path), SkipReason)


def test_a_file_still_being_written_waits(tmp_path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "listings_2026-01.csv").write_text("listing_id\n")
    assert isinstance(evaluate(tmp_path), SkipReason)


def test_a_settled_file_requests_one_ingest_run(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    export = landing / "listings_2026-01.csv"
    export.write_text("listing_id\n")
    (landing / "~$listings_2026-01.xlsx").write_text("lock")  # Excel's lock file is not an export
    old = time.time() - 60
    os.utime(export, (old, old))
    os.utime(landing / "~$listings_2026-01.xlsx", (old, old))
    request = evaluate(tmp_path)
    assert isinstance(request, RunRequest)
    assert request.run_key.startswith("listings_2026-01.csv:") and "~$" not in request.run_key
    assert request.run_config["ops"]["raw_tables"]["config"]["source"] == "landing"
