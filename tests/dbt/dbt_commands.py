"""Running the project's dbt from the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.settings import DBT_PROJECT_DIR

DBT = Path(sys.executable).parent / "dbt"


def run_dbt(args: list[str], work_dir: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the venv's dbt on the project with its own target and log folders; fail the test with dbt's output."""
    command = [str(DBT), *args, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
               "--target-path", str(work_dir / "target")]
    full_env = os.environ | {"DBT_VERSION_CHECK": "false", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
                             "DBT_LOG_PATH": str(work_dir / "logs")} | env
    result = subprocess.run(command, env=full_env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}")
    return result
