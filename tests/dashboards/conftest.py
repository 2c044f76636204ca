"""A Superset of its own for the dashboard tests: the sample province built and published in a fresh home,
Superset set up there from dashboards/ (the same command a person runs) and served on a free loopback port.
The sample has no reviewers' decisions: a few, on items the sample flags (decisions.csv), are imported with
`giamsat import-decisions` before the build, so the precision per rule has rows to show.

These tests are marked `superset` and left out of `make test` (pyproject's addopts); `make test-dashboards` runs
them. They skip with a message when Superset's virtual environment is not installed."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from pipelines.runner import execute_main_job
from pipelines.settings import PROJECT_ROOT, load_settings

DASHBOARDS = PROJECT_ROOT / "dashboards"
SUPERSET_PYTHON = PROJECT_ROOT / ".venv-superset" / "bin" / "python"
SAMPLE_SCALE = 0.2
ADMIN_PASSWORD = "quan-tri-thu-nghiem"
DECISIONS = Path(__file__).with_name("decisions.csv")
PROVINCE_USERS = {"lam_dong": ("68", "mat-khau-68"), "ha_noi": ("01", "mat-khau-01")}

sys.path.insert(0, str(DASHBOARDS))  # the asset renderer, to read what each chart shows


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Superset:
    url: str
    home: Path
    env: dict[str, str]
    python: Path = SUPERSET_PYTHON
    dashboards: Path = DASHBOARDS
    admin_password: str = ADMIN_PASSWORD
    province_users: dict = field(default_factory=lambda: dict(PROVINCE_USERS))
    tokens: dict[str, str] = field(default_factory=dict)

    def token(self, username: str, password: str) -> str:
        if username not in self.tokens:
            answer = requests.post(f"{self.url}/api/v1/security/login", timeout=60,
                                   json={"username": username, "password": password, "provider": "db"})
            answer.raise_for_status()
            self.tokens[username] = answer.json()["access_token"]
        return self.tokens[username]

    def get(self, path: str, username: str = "admin", password: str = ADMIN_PASSWORD, **params) -> dict:
        answer = requests.get(f"{self.url}{path}", params=params, timeout=120,
                              headers={"Authorization": f"Bearer {self.token(username, password)}"})
        answer.raise_for_status()
        return answer.json()

    def charts(self) -> dict[str, int]:
        """chart UUID -> id"""
        query = json.dumps({"columns": ["id", "uuid"], "page_size": 100})
        return {row["uuid"]: row["id"] for row in self.get("/api/v1/chart/", q=query)["result"]}

    def chart_data(self, chart_id: int, username: str = "admin", password: str = ADMIN_PASSWORD) -> dict:
        """The chart's query as the chart data API runs it (the chart's saved query context)."""
        return self.get(f"/api/v1/chart/{chart_id}/data/", username, password)["result"][0]


def manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run([str(SUPERSET_PYTHON), str(DASHBOARDS / "manage.py"), *args], env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="session")
def superset(tmp_path_factory):
    if not SUPERSET_PYTHON.exists():
        pytest.skip(f"Superset's virtual environment is not installed ({SUPERSET_PYTHON}): run `make superset-install`")
    home = tmp_path_factory.mktemp("superset-home")
    settings = load_settings(home)
    imported = subprocess.run([str(Path(sys.executable).with_name("giamsat")), "import-decisions", str(DECISIONS),
                               "--home", str(home)], capture_output=True, text=True, timeout=300)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert execute_main_job(settings, source="sample", scale=SAMPLE_SCALE).success
    port = free_port()
    env = {**os.environ, "GIAMSAT_HOME": str(home), "SUPERSET_PORT": str(port), "WAREHOUSE": "duckdb",
           "SUPERSET_ADMIN_USERNAME": "admin", "SUPERSET_ADMIN_PASSWORD": ADMIN_PASSWORD}
    manage(env, "setup")
    for username, (province, password) in PROVINCE_USERS.items():
        manage(env, "add-user", "--username", username, "--password", password, "--province", province)
    server = subprocess.Popen([str(SUPERSET_PYTHON), str(DASHBOARDS / "manage.py"), "serve", "--no-setup"], env=env,
                              stdout=subprocess.DEVNULL, stderr=(home / "superset-server.log").open("w"),
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if requests.get(f"{url}/health", timeout=30).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or a worker still starting
                pass
            assert server.poll() is None and time.monotonic() < deadline, (home / "superset-server.log").read_text()[-3000:]
            time.sleep(2)
        yield Superset(url=url, home=home, env=env)
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server we started, by its process group
        server.wait(timeout=60)


@pytest.fixture(scope="session")
def published(superset) -> Path:
    return load_settings(superset.home).published_duckdb_path
