"""One user of a home at a time, waiting rather than failing; nothing half-written or moved behind a person's back."""

import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

import pipelines.home_lock as home_lock
from pipelines.cli import main
from pipelines.ingest import generate_sample
from pipelines.settings import load_settings

HOLD = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def hold_lock(home, seconds: float) -> subprocess.Popen:
    home.mkdir(parents=True, exist_ok=True)
    (home / home_lock.HOLDER_FILE).write_text("tiến trình thử: giữ kho\n", encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(home / home_lock.LOCK_FILE), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


@pytest.fixture(scope="module")
def sample_folder(tmp_path_factory):
    """A tiny generated province in a folder of the person's own, outside any home."""
    home = tmp_path_factory.mktemp("generated")
    settings = load_settings(home)
    generate_sample(settings, scale=0.01, progress=lambda message: None)
    return settings.landing


def test_generating_leaves_only_finished_files_and_the_ground_truth(sample_folder):
    names = sorted(p.name for p in sample_folder.iterdir())
    assert not [name for name in names if name.startswith(".")]
    assert len(names) == 41  # the 42 of scale 1 (README) less December's reviews: none yet at this size
    assert (sample_folder.parent / "sample" / "ground_truth.csv").stat().st_size > 0


def test_an_interrupted_generator_leaves_nothing_in_landing(tmp_path, monkeypatch):
    def dies_half_way(out_dir, ground_truth, **kwargs):
        (out_dir / "establishments_2026-01.csv").write_text("establishment_id\nE1\n", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr("pipelines.ingest.generate", dies_half_way)
    settings = load_settings(tmp_path / "home")
    with pytest.raises(KeyboardInterrupt):
        generate_sample(settings, scale=0.01)
    assert list(settings.landing.iterdir()) == []


def test_ingesting_a_folder_of_ones_own_leaves_its_files_in_place(sample_folder, tmp_path):
    before = sorted(p.name for p in sample_folder.iterdir())
    result = CliRunner().invoke(main, ["ingest", str(sample_folder), "--home", str(tmp_path / "home")])
    assert result.exit_code == 0, result.output
    assert result.output.count("ĐÃ NẠP") == 41
    assert sorted(p.name for p in sample_folder.iterdir()) == before


def test_a_command_waits_for_the_home_and_then_runs(sample_folder, tmp_path):
    home = tmp_path / "home"
    holder = hold_lock(home, 3)
    began = time.monotonic()
    one_file = sorted(sample_folder.glob("organizations.csv"))[0]
    result = CliRunner().invoke(main, ["ingest", str(one_file), "--home", str(home)])
    holder.wait()
    assert result.exit_code == 0, result.output
    assert "đang được dùng (tiến trình thử: giữ kho)" in result.stderr
    assert time.monotonic() - began >= 2.5
    assert "ĐÃ NẠP" in result.stdout


def test_a_command_gives_up_after_the_wait_with_one_line(sample_folder, tmp_path, monkeypatch):
    monkeypatch.setattr(home_lock, "WAIT_SECONDS", 1)
    home = tmp_path / "home"
    holder = hold_lock(home, 5)
    one_file = sorted(sample_folder.glob("organizations.csv"))[0]
    try:
        result = CliRunner().invoke(main, ["ingest", str(one_file), "--home", str(home)])
    finally:
        holder.kill()
    assert result.exit_code == 1
    assert "vẫn đang được dùng (tiến trình thử: giữ kho) sau 1 giây: chưa nạp tệp" in result.output
    assert "Traceback" not in result.output
