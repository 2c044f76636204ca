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


@dataclass(frozen=True)
class Settings:
    home: Path
    warehouse: str  # duckdb | postgres

    @property
    def landing(self) -> Path:
        return self.home / "landing"

    @property
    def duckdb_path(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def published_duckdb_path(self) -> Path:
        """The copy of the warehouse that readers open (Superset): swapped in whole after each successful run."""
        return self.home / "published" / "warehouse.duckdb"

    @property
    def superset_home(self) -> Path:
        """Superset's own metadata (users, roles, imported assets) and logs."""
        return self.home / "superset"

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
    return Settings(home=home, warehouse=warehouse)



@dataclass(frozen=True)
class SupersetSettings:
    """What the Superset installer and server (dashboards/) need; they run in their own virtual environment and
    import only this stdlib-only module from the project."""

    admin_username: str
    admin_password: str
    secret_key: str
    host: str
    port: int


def load_superset_settings(settings: Settings) -> SupersetSettings:
    return SupersetSettings(
        admin_username=os.environ.get("SUPERSET_ADMIN_USERNAME", "admin"),
        admin_password=os.environ.get("SUPERSET_ADMIN_PASSWORD") or _kept_secret(settings, "superset_admin_password"),
        secret_key=os.environ.get("SUPERSET_SECRET_KEY") or _kept_secret(settings, "superset_secret_key"),
        host="127.0.0.1",  # the issue: serve on the loopback only
        port=int(os.environ.get("SUPERSET_PORT", "8088")),
    )


def _kept_secret(settings: Settings, name: str) -> str:
    """A random value generated once into HOME/secrets/NAME (as the hash key), so a re-run keeps logins valid."""
    path = settings.home / "secrets" / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(24))
        path.chmod(0o600)
    return path.read_text().strip()
