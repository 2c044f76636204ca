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
DEFAULT_SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


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


def postgres_from_conninfo(conninfo: str) -> PostgresServer:
    """A libpq connection string or URI ("host=… dbname=…", "postgresql://…"); what it leaves out comes from
    the libpq variables, as libpq itself does."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        given = conninfo_to_dict(conninfo)
    except Exception:  # psycopg.ProgrammingError; its message would repeat the string, password and all
        raise SettingsError("Chuỗi kết nối GIAMSAT_PLATFORM_DB không hợp lệ (dạng đúng: "
                            "\"host=… port=… dbname=… user=…\" hoặc postgresql://user@host:port/dbname).") from None
    base = postgres_from_env()
    return PostgresServer(host=str(given.get("host") or base.host), port=str(given.get("port") or base.port),
                          dbname=str(given.get("dbname") or base.dbname), user=str(given.get("user") or base.user),
                          password=str(given.get("password") or base.password))


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
    platform_db: str = field(default="", repr=False)  # GIAMSAT_PLATFORM_DB: the platform's database (may hold a password)
    extract_overlap_minutes: float = 10.0  # GIAMSAT_EXTRACT_OVERLAP_MINUTES (ingest/extract.py: why)

    def platform(self) -> PostgresServer:
        """The platform's operational database, for the incremental extract."""
        if not self.platform_db:
            raise SettingsError("Chưa cấu hình cơ sở dữ liệu của sàn: đặt GIAMSAT_PLATFORM_DB là chuỗi kết nối "
                                "PostgreSQL (ví dụ \"host=10.0.0.5 dbname=platform user=giamsat_reader\"; "
                                "mật khẩu để trong PGPASSWORD hoặc ~/.pgpass).")
        return postgres_from_conninfo(self.platform_db)
    shared_data: Path = DEFAULT_SHARED_DATA  # the public datasets (GIAMSAT_SHARED_DATA, else ../shared/data)

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
    overlap = os.environ.get("GIAMSAT_EXTRACT_OVERLAP_MINUTES") or "10"
    try:
        overlap_minutes = float(overlap)
    except ValueError:
        raise SettingsError(f"GIAMSAT_EXTRACT_OVERLAP_MINUTES={overlap!r} phải là một số phút.") from None
    return Settings(home=home, warehouse=warehouse, postgres=postgres_from_env(),
                    role_prefix=os.environ.get("GIAMSAT_ROLE_PREFIX") or "giamsat",
                    platform_db=os.environ.get("GIAMSAT_PLATFORM_DB", ""), extract_overlap_minutes=overlap_minutes,
                    shared_data=Path(os.environ.get("GIAMSAT_SHARED_DATA") or DEFAULT_SHARED_DATA))


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
