"""The report in Dagster (an asset partitioned by month, a monthly schedule) and on the command line."""

import json
import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from dagster import AssetKey, MonthlyPartitionsDefinition, build_schedule_context, materialize

from pipelines.cli import main
from pipelines.definitions import defs
from pipelines.reports import monthly_report
from pipelines.resources import WarehouseResource
from report_files import pdf_flat

REPORT, DELIVERY = AssetKey(["reports", "monthly_report"]), AssetKey(["reports", "monthly_report_delivery"])


@pytest.fixture
def home(report_home, tmp_path):
    shutil.copy(report_home / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    return tmp_path


def test_the_report_and_its_delivery_are_partitioned_by_month_from_2010():
    graph = defs.resolve_asset_graph()
    for key in (REPORT, DELIVERY):
        months = graph.get(key).partitions_def
        assert isinstance(months, MonthlyPartitionsDefinition) and months.timezone == "Asia/Ho_Chi_Minh"
        keys = months.get_partition_keys(current_time=datetime(2026, 12, 3, tzinfo=ZoneInfo("UTC")))
        assert (keys[0], keys[-1]) == ("2010-01-01", "2026-11-01") and "2025-12-01" in keys
    assert REPORT in graph.get(DELIVERY).parent_keys


def test_the_schedule_builds_last_month_on_the_first_at_six():
    schedule = defs.get_schedule_def("monthly_report_schedule")
    assert (schedule.cron_schedule, schedule.execution_timezone, schedule.job_name) == \
        ("0 6 1 * *", "Asia/Ho_Chi_Minh", "monthly_report_job")
    tick = datetime(2026, 12, 1, 6, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    (request,) = schedule.evaluate_tick(build_schedule_context(scheduled_execution_time=tick)).run_requests
    assert request.partition_key == "2026-11-01"


def test_only_the_monthly_job_delivers():
    def selected(job_name):
        return set(defs.resolve_job_def(job_name).asset_layer.selected_asset_keys)

    assert REPORT in selected("main_job") and DELIVERY not in selected("main_job")
    assert REPORT in selected("rebuild_job") and DELIVERY not in selected("rebuild_job")
    assert selected("monthly_report_job") == {REPORT, DELIVERY}


def test_materialising_a_partition_builds_that_month(home):
    # the first partition: a month the fixture has no activity in, valid whatever today's date
    result = materialize([monthly_report], partition_key="2010-01-01",
                         resources={"warehouse": WarehouseResource(home=str(home))})
    assert result.success
    (materialisation,) = result.asset_materializations_for_node("reports__monthly_report")
    assert materialisation.metadata["month"].value == "2010-01"
    assert materialisation.metadata["empty_reports"].value == 5
    manifest = json.loads((home / "reports" / "bao-cao-thang-2010-01.json").read_text(encoding="utf-8"))
    assert {r["key"] for r in manifest["reports"]} == {"tinh-68", "tinh-01", "ORG_YT", "ORG_CT", "ORG_HN"}


def test_the_command_reaches_a_month_before_the_partitions(home):
    result = CliRunner().invoke(main, ["report", "--month", "1999-01", "--home", str(home)])
    assert result.exit_code == 0, result.output
    assert result.output.count("(không có hoạt động trong tháng)") == 5
    province = home / "reports" / "bao-cao-thang-1999-01_tinh-68_tinh-lam-dong.pdf"
    assert "Tháng 01/1999 không ghi nhận hoạt động nào trong kho dữ liệu (Tỉnh Lâm Đồng)." in pdf_flat(province)


@pytest.mark.parametrize("arguments, code, message", [
    (["--month", "2026-13"], 2, "tháng phải có dạng YYYY-MM"),
    (["--month", "2026-11", "--home", "/nonexistent/giamsat"], 1, "Kho /nonexistent/giamsat/warehouse.duckdb chưa được xây"),
])
def test_the_command_explains_what_is_wrong(arguments, code, message):
    result = CliRunner().invoke(main, ["report", *arguments])
    assert result.exit_code == code and message in result.output and "Traceback" not in result.output
