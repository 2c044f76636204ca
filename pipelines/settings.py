"""The one place that reads the environment: where the warehouse lives and how to reach it.

Called at run time (never at import time), by the command line, the Dagster resources and the dbt profile.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DEFAULT_HOME = PROJECT_ROOT / "data"
DEFAULT_SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


@dataclass(frozen=True)
class Settings:
    home: Path
    warehouse: str  # duckdb | postgres
    shared_data: Path = DEFAULT_SHARED_DATA  # the public datasets (GIAMSAT_SHARED_DATA, else ../shared/data)

    @property
    def landing(self) -> Path:
        return self.home / "landing"

    @property
    def duckdb_path(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def reports(self) -> Path:
        return self.home / "reports"

    @property
    def exports(self) -> Path:
        return self.home / "exports"

    def hash_key(self) -> bytes:
        """Key of the PII hash: GIAMSAT_HASH_KEY, else one generated once and kept in the home folder."""
        if os.environ.get("GIAMSAT_HASH_KEY"):
            return os.environ["GIAMSAT_HASH_KEY"].encode()
        path = self.home / "secrets" / "hash_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
        return path.read_text().strip().encode()

    def dbt_env(self) -> dict[str, str]:
        """Variables the dbt profile (dbt_project/profiles.yml) reads."""
        return {"GIAMSAT_DUCKDB_PATH": str(self.duckdb_path), "DBT_TARGET": self.warehouse}


def load_settings(home: str | Path | None = None) -> Settings:
    warehouse = os.environ.get("WAREHOUSE", "duckdb")
    if warehouse not in ("duckdb", "postgres"):
        raise ValueError(f"WAREHOUSE must be duckdb or postgres, not {warehouse!r}")
    home = Path(home or os.environ.get("GIAMSAT_HOME") or DEFAULT_HOME).resolve()
    shared_data = Path(os.environ.get("GIAMSAT_SHARED_DATA") or DEFAULT_SHARED_DATA)
    return Settings(home=home, warehouse=warehouse, shared_data=shared_data)
