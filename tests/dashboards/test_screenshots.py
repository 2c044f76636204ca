"""Headless Chromium logs in, opens each dashboard and takes its picture; a chart that shows an error or no data
fails the test. The pictures stay in logs/dashboard-screenshots/ (git-ignored; the path is printed) to be looked at."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from giamsat_superset.render import ASSETS

pytestmark = pytest.mark.superset


def test_every_dashboard_draws_every_chart(superset):
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.skip("Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")
    import yaml

    slugs = [yaml.safe_load(path.read_text(encoding="utf-8"))["slug"] for path in sorted((ASSETS / "dashboards").glob("*.yaml"))]
    out = superset.dashboards.parent / "logs" / "dashboard-screenshots"  # outlives pytest's rotated tmp folders
    result = subprocess.run(
        [str(superset.python), "-m", "giamsat_superset.screenshots", "--url", superset.url, "--username", "admin",
         "--password", superset.admin_password, "--out", str(out), *slugs],
        cwd=superset.dashboards, env=superset.env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"screenshots: {out}")
    states = json.loads(result.stdout)
    assert sorted(states) == sorted(slugs)
    for slug, page in states.items():
        assert (out / f"{slug}.png").stat().st_size > 20_000, slug
        bad = {title: state for title, state in page["charts"].items() if state != "ok"}
        assert page["charts"] and not bad, (slug, bad)
