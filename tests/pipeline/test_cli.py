"""`giamsat` and each subcommand explain themselves; a bad file is refused with a message, not a traceback."""

import pytest
from click.testing import CliRunner

from pipelines.cli import main

SUBCOMMANDS = ["run", "ingest", "extract", "generate-sample", "load-dataset", "score-reviews", "export-flags",
               "report", "ranking-check"]


def test_top_level_help_lists_every_subcommand():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in SUBCOMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_has_help_with_home(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "--home" in result.output


def test_run_accepts_the_documented_sources():
    result = CliRunner().invoke(main, ["run", "--help"])
    for source in ("sample", "chicago", "fhrs", "vispam"):
        assert source in result.output
    assert CliRunner().invoke(main, ["run", "--source", "nowhere"]).exit_code == 2


def test_ingest_refuses_an_unknown_record_type_without_traceback(tmp_path):
    bad = tmp_path / "khong_ro.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(bad), "--home", str(tmp_path / "home")])
    assert result.exit_code == 1
    assert "khong_ro.csv" in result.output
    assert "Traceback" not in result.output
    # one line, once (the loader's; the command adds nothing of its own for it)
    assert result.output.splitlines() == [
        "TỪ CHỐI  khong_ro.csv: tên tệp không bắt đầu bằng tên một loại bản ghi của hợp đồng dữ liệu "
        "(ví dụ establishments_2026-01.csv; xem docs/contract.md)"]


INCIDENTS = """incident_id,title,severity,reported_at,updated_at
I1,Mất kết nối,high,2026-01-05 10:00,2026-01-05 10:00
I2,Chậm,urgent,2026-01-06 10:00,2026-01-06 10:00
I3,Lỗi,urgent,2026-01-07 10:00,2026-01-07 10:00
I4,Treo,low,hôm qua,2026-01-07 10:00
"""


def test_ingest_prints_the_quarantine_reasons_and_exits_1(tmp_path):
    (tmp_path / "incidents_2026-01.csv").write_text(INCIDENTS, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "incidents_2026-01.csv"), "--home",
                                       str(tmp_path / "home")])
    assert result.exit_code == 1  # rows to correct and deliver again, as with import-decisions
    [loaded] = result.stdout.splitlines()
    assert loaded.startswith("ĐÃ NẠP   incidents_2026-01.csv [incidents]: nhận 4, nạp 1, cách ly 3 (lô ")
    batch = loaded.rsplit("(lô ", 1)[1].rstrip(")")
    assert result.stderr.splitlines() == [
        "  incidents_2026-01.csv: 3 dòng bị cách ly, lý do:",
        "    2 dòng, cột severity: giá trị không thuộc danh sách cho phép: 'urgent' (dòng đầu tiên: 3)",
        "    1 dòng, cột reported_at: ngày giờ không hợp lệ: 'hôm qua' (dòng đầu tiên: 5)",
        f"    (từng dòng: bảng raw.quarantine, lô {batch})"]
    again = CliRunner().invoke(main, ["ingest", str(tmp_path / "incidents_2026-01.csv"), "--home",
                                      str(tmp_path / "home")])
    assert again.exit_code == 0
    assert again.output.splitlines() == [
        "BỎ QUA   incidents_2026-01.csv: đã được nạp trước đây (cùng checksum), không nạp lại"]


def test_the_quarantine_summary_keeps_to_a_few_lines(tmp_path):
    bad = "".join(f"I{n},Sự cố,mức{n},2026-01-05 10:00,2026-01-05 10:00\n" for n in range(1, 9))
    (tmp_path / "incidents.csv").write_text(INCIDENTS.splitlines()[0] + "\n" + bad, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "incidents.csv"), "--home", str(tmp_path / "h")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 8 and lines[-2] == "    … và 3 lý do khác"
    assert lines[1] == "    1 dòng, cột severity: giá trị không thuộc danh sách cho phép: 'mức1' (dòng đầu tiên: 2)"


@pytest.mark.parametrize("scale", ["0", "-1", "nan", "inf", "51"])
def test_a_scale_out_of_bounds_is_refused_before_anything_is_written(scale, tmp_path):
    home = tmp_path / "home"
    result = CliRunner().invoke(main, ["generate-sample", "--scale", scale, "--home", str(home)])
    assert result.exit_code == 2
    assert "không quá 50" in result.output
    assert not home.exists()


@pytest.mark.parametrize("command", [["export-flags"], ["report"], ["ranking-check"]])
def test_commands_that_read_the_marts_say_when_the_warehouse_is_not_built(command, tmp_path):
    home = tmp_path / "home"
    result = CliRunner().invoke(main, [*command, "--home", str(home)])
    assert result.exit_code == 1
    assert "chưa được xây" in result.output and "giamsat run" in result.output
    assert "Traceback" not in result.output
    assert not (home / "warehouse.duckdb").exists()


def test_a_missing_dataset_folder_is_named_without_traceback(tmp_path):
    empty = tmp_path / "data"
    empty.mkdir()
    result = CliRunner().invoke(main, ["load-dataset", "fhrs", "--data-dir", str(empty), "--home", str(tmp_path / "h")])
    assert result.exit_code == 1
    assert "Không tìm thấy" in result.output and str(empty) in result.output
    assert result.exc_info[0] is SystemExit


def test_a_folder_without_write_permission_is_one_line(tmp_path, monkeypatch):
    # Tests run as root here, which ignores permissions: the error is raised where generating would meet it.
    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "home" / "landing"))

    monkeypatch.setattr("pipelines.ingest.generate_sample", refused)
    result = CliRunner().invoke(main, ["generate-sample", "--scale", "0.01", "--home", str(tmp_path / "home")])
    assert result.exit_code == 1
    assert f"Không có quyền ghi hoặc đọc {tmp_path / 'home' / 'landing'}" in result.output
    assert result.exc_info[0] is SystemExit


def test_ctrl_c_stops_with_a_sentence_and_code_130(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("pipelines.ingest.generate_sample", interrupted)
    result = CliRunner().invoke(main, ["generate-sample", "--home", str(tmp_path / "home")])
    assert result.exit_code == 130
    assert "Đã dừng theo yêu cầu" in result.output
