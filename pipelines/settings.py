"""The one place that reads the environment: where the warehouse lives and how to reach it.

Called at run time (never at import time), by the command line, the Dagster resources and the dbt profile.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
WAREHOUSES = ("duckdb", "postgres")
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DEFAULT_HOME = PROJECT_ROOT / "data"


class SettingsError(ValueError):
    """A setting a person got wrong: the message says which and how to fix it (shown without a traceback)."""


@dataclass(frozen=True)
class PostgresServer:
    """A PostgreSQL database reached with the standard libpq variables (PGHOST, PGPORT, PGDATABASE, PGUSER,
    PGPASSWORD), as psql and every other PostgreSQL tool reaches it."""

    host: str = "127.0.0.1"
    port: str = "5432"
    dbname: str = "giamsat"
    user: str = "postgres"
    password: str = field(default="", repr=False)  # never printed: not in repr, not in display()

    def connect_kwargs(self) -> dict[str, str]:
        """Keyword arguments of psycopg.connect (an empty password is left to libpq: .pgpass, trust)."""
        kwargs = {"host": self.host, "port": self.port, "dbname": self.dbname, "user": self.user}
        return kwargs | ({"password": self.password} if self.password else {})

    def display(self) -> str:
        """The connection string for people and logs: everything but the password."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.dbname}"

    def libpq_env(self) -> dict[str, str]:
        return {"PGHOST": self.host, "PGPORT": self.port, "PGDATABASE": self.dbname, "PGUSER": self.user,
                "PGPASSWORD": self.password}

    def with_database(self, dbname: str, user: str | None = None) -> "PostgresServer":
        return replace(self, dbname=dbname, user=user or self.user)


def postgres_from_env() -> PostgresServer:
    env, default = os.environ, PostgresServer()
    return PostgresServer(host=env.get("PGHOST") or default.host, port=env.get("PGPORT") or default.port,
                          dbname=env.get("PGDATABASE") or default.dbname, user=env.get("PGUSER") or default.user,
                          password=env.get("PGPASSWORD", ""))


@dataclass(frozen=True)
class Settings:
    home: Path
    warehouse: str  # duckdb | postgres
    postgres: PostgresServer = field(default_factory=PostgresServer)
    # Names of the access roles are <prefix>_loader, _transformer, _analyst, _dashboard (pipelines/access.py).
    role_prefix: str = "giamsat"

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

    def warehouse_location(self) -> str:
        """Where the warehouse is, as a person may read it (no password)."""
        return self.postgres.display() if self.warehouse == "postgres" else str(self.duckdb_path)

    def dbt_env(self) -> dict[str, str]:
        """Variables the dbt profile (dbt_project/profiles.yml) reads."""
        env = {"GIAMSAT_DUCKDB_PATH": str(self.duckdb_path), "DBT_TARGET": self.warehouse}
        return env | (self.postgres.libpq_env() if self.warehouse == "postgres" else {})


def load_settings(home: str | Path | None = None) -> Settings:
    warehouse = os.environ.get("WAREHOUSE") or "duckdb"
    if warehouse not in WAREHOUSES:
        raise SettingsError(f"Biến WAREHOUSE={warehouse!r} không hợp lệ: chọn duckdb (mặc định, nhúng) "
                            f"hoặc postgres (máy chủ PostgreSQL, kết nối qua PGHOST, PGPORT, PGDATABASE, "
                            f"PGUSER, PGPASSWORD).")
    home = Path(home or os.environ.get("GIAMSAT_HOME") or DEFAULT_HOME).resolve()
    return Settings(home=home, warehouse=warehouse, postgres=postgres_from_env(),
                    role_prefix=os.environ.get("GIAMSAT_ROLE_PREFIX") or "giamsat")
