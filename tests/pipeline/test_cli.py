"""`giamsat` and each subcommand explain themselves; a bad file is refused with a message, not a traceback."""

import pytest
from click.testing import CliRunner

from pipelines.cli import main

SUBCOMMANDS = ["run", "ingest", "generate-sample", "load-dataset", "score-reviews", "export-flags", "report",
               "ranking-check"]


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
