"""`dashboards/manage.py COMMAND`: set Superset up for the giamsat dashboards, import the assets, serve.

Runs with Superset's own virtual environment (.venv-superset, see dashboards/requirements.txt).

  setup     metadata database, roles, the admin account (from the environment), every asset, the province roles
  import    only the assets and province roles (after changing a YAML file; the server can stay up)
  serve     setup, then serve on 127.0.0.1 (SUPERSET_PORT, default 8088) until stopped
  bundle    write the import bundle as a ZIP (to look at what is imported)
  add-user  an analyst account with a province role (--province CODE) or the Gamma role only
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

from pipelines.settings import PROJECT_ROOT, Settings, load_settings, load_superset_settings

from giamsat_superset.render import ASSETS, Environment, build_bundle

DASHBOARDS_DIR = Path(__file__).resolve().parent.parent
CONFIG = DASHBOARDS_DIR / "superset_config.py"
VENV_BIN = Path(sys.executable).parent
PROVINCE_ROLE_PREFIX = "Tỉnh/thành phố"
RLS_GROUP = "province"


class UserError(Exception):
    """A mistake the person running the command can fix: printed without a traceback."""


def environment(settings: Settings) -> Environment:
    if settings.warehouse == "postgres":
        # The SQL macros have their PostgreSQL form, but the datasets' column types are read from the published
        # DuckDB file, .venv-superset has no PostgreSQL driver and the read-only role is another issue's: not yet.
        raise UserError("WAREHOUSE=postgres: Superset chưa đọc PostgreSQL (cần vai trò chỉ đọc và trình điều khiển "
                        "psycopg2 trong .venv-superset); hãy dùng bản công bố DuckDB (WAREHOUSE=duckdb)")
    published = settings.published_duckdb_path
    if not published.exists():
        raise UserError(f"Chưa có bản công bố của kho dữ liệu: {published}\n"
                        "Hãy chạy pipeline trước (make run, hoặc giamsat run --home THƯ_MỤC).")
    return Environment("duckdb", f"duckdb:///{published}", duckdb_path=published)


def child_env(settings: Settings) -> dict[str, str]:
    """What a Superset process needs: this config, the project importable, the same home."""
    paths = [str(PROJECT_ROOT), str(DASHBOARDS_DIR)]
    return {**os.environ, "SUPERSET_CONFIG_PATH": str(CONFIG), "FLASK_APP": "superset",
            "GIAMSAT_HOME": str(settings.home),
            "PYTHONPATH": os.pathsep.join(paths + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])}


def superset_command(settings: Settings, *args: str) -> None:
    result = subprocess.run([str(VENV_BIN / "superset"), *args], env=child_env(settings),
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise UserError(f"superset {' '.join(args)} thất bại (mã {result.returncode})")


# ---------------------------------------------------------------------------------------------------------
# Inside Superset's application
# ---------------------------------------------------------------------------------------------------------

def app_context(settings: Settings):
    os.environ.update({k: v for k, v in child_env(settings).items() if k in ("SUPERSET_CONFIG_PATH", "GIAMSAT_HOME")})
    from superset.app import create_app

    return create_app().app_context()


def ensure_admin(settings: Settings) -> None:
    from superset import security_manager

    config = load_superset_settings(settings)
    user = security_manager.find_user(username=config.admin_username)
    if user is None:
        security_manager.add_user(config.admin_username, "Quản trị", "viên", f"{config.admin_username}@localhost",
                                  security_manager.find_role("Admin"), password=config.admin_password)
    else:  # the password in the environment wins: a changed one is applied on the next setup
        security_manager.reset_password(user.id, config.admin_password)


def import_bundle(settings: Settings, bundle: dict[str, str]) -> None:
    """Each importer with overwrite: the database, the datasets and the charts are replaced by what the YAML now
    says, not only the dashboards (the dashboard importer alone keeps charts and datasets that already exist)."""
    from superset import security_manager
    from superset.commands.chart.importers.v1 import ImportChartsCommand
    from superset.commands.dashboard.importers.v1 import ImportDashboardsCommand
    from superset.commands.database.importers.v1 import ImportDatabasesCommand
    from superset.commands.dataset.importers.v1 import ImportDatasetsCommand
    from superset.utils.core import override_user

    def part(*prefixes: str) -> dict[str, str]:
        return {path: text for path, text in bundle.items() if path == "metadata.yaml" or path.startswith(prefixes)}

    admin = security_manager.find_user(username=load_superset_settings(settings).admin_username)
    with override_user(admin):
        ImportDatabasesCommand(part("databases/"), overwrite=True).run()
        ImportDatasetsCommand(part("databases/", "datasets/"), overwrite=True).run()
        ImportChartsCommand(part("databases/", "datasets/", "charts/"), overwrite=True).run()
        ImportDashboardsCommand(bundle, overwrite=True).run()
    fix_filter_scopes()


def fix_filter_scopes() -> None:
    """Native filters name the charts they apply to by id, which only exists after the import."""
    from superset import db
    from superset.models.dashboard import Dashboard

    for dashboard in db.session.query(Dashboard).filter(Dashboard.slug.isnot(None)):
        metadata = json.loads(dashboard.json_metadata or "{}")
        chart_ids = [chart.id for chart in dashboard.slices]
        for native_filter in metadata.get("native_filter_configuration", []):
            excluded = set(native_filter.get("scope", {}).get("excluded", []))
            native_filter["chartsInScope"] = sorted(i for i in chart_ids if i not in excluded)
            native_filter["tabsInScope"] = []
        metadata["global_chart_configuration"] = {"scope": {"rootPath": ["ROOT_ID"], "excluded": []},
                                                  "chartsInScope": sorted(chart_ids)}
        dashboard.json_metadata = json.dumps(metadata, ensure_ascii=False)
    db.session.commit()


def our_datasets():
    from superset import db
    from superset.connectors.sqla.models import SqlaTable
    from superset.models.core import Database

    return (db.session.query(SqlaTable).join(Database).filter(Database.database_name == "Kho dữ liệu giám sát")
            .all())


def province_roles(env: Environment) -> None:
    """A role per province: read access to every dashboard dataset, and a row-level filter on province_code.
    A province user has Gamma (the interface) plus their province's role; the admin sees every row."""
    from superset import db, security_manager
    from superset.connectors.sqla.models import RowLevelSecurityFilter

    datasets = our_datasets()
    permissions = [security_manager.find_permission_view_menu("datasource_access", table.perm) for table in datasets]
    permissions += [security_manager.find_permission_view_menu("database_access", datasets[0].database.perm)]
    for code, province in provinces(env):
        role = security_manager.find_role(province_role(code)) or security_manager.add_role(province_role(code))
        role.permissions = [p for p in permissions if p is not None]
        name = f"Chỉ dữ liệu {province} ({code})"
        rls = db.session.query(RowLevelSecurityFilter).filter_by(name=name).one_or_none() or RowLevelSecurityFilter(
            name=name)
        rls.filter_type = "Regular"
        rls.group_key = RLS_GROUP
        rls.clause = f"province_code = '{code}'"
        rls.description = f"Người dùng có vai trò {province_role(code)} chỉ thấy các dòng của {province}"
        rls.roles = [role]
        rls.tables = datasets
        db.session.add(rls)
    db.session.commit()


def province_role(code: str) -> str:
    return f"{PROVINCE_ROLE_PREFIX} {code}"


def provinces(env: Environment) -> list[tuple[str, str]]:
    if env.duckdb_path is None:
        raise UserError("Vai trò theo tỉnh đọc danh sách tỉnh từ kho DuckDB đã công bố")
    import duckdb

    with duckdb.connect(str(env.duckdb_path), read_only=True) as connection:
        return connection.execute("select province_code, province from marts.dim_provinces order by 1").fetchall()


def add_user(username: str, password: str, province: str | None) -> None:
    from superset import db, security_manager

    roles = [security_manager.find_role("Gamma")]
    if province:
        role = security_manager.find_role(province_role(province))
        if role is None:
            raise UserError(f"Không có vai trò cho tỉnh {province}: chạy setup trước, mã tỉnh có hai chữ số")
        roles.append(role)
    user = security_manager.find_user(username=username)
    if user is None:
        security_manager.add_user(username, username, "giamsat", f"{username}@localhost", roles, password=password)
    else:
        user.roles = roles
        db.session.commit()
        security_manager.reset_password(user.id, password)


# ---------------------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------------------

def setup(settings: Settings, assets: Path = ASSETS) -> None:
    env = environment(settings)
    settings.superset_home.mkdir(parents=True, exist_ok=True)
    print("Superset: cơ sở dữ liệu siêu dữ liệu", flush=True)
    superset_command(settings, "db", "upgrade")
    print("Superset: vai trò và quyền", flush=True)
    superset_command(settings, "init")
    import_assets(settings, env, assets, with_admin=True)


def import_assets(settings: Settings, env: Environment, assets: Path = ASSETS, with_admin: bool = False) -> None:
    bundle = build_bundle(env, assets)
    with app_context(settings):
        if with_admin:
            ensure_admin(settings)
        import_bundle(settings, bundle)
        province_roles(env)
    charts = sum(path.startswith("charts/") for path in bundle)
    dashboards = sum(path.startswith("dashboards/") for path in bundle)
    print(f"Superset: đã nhập {dashboards} bảng điều khiển, {charts} biểu đồ từ {env.sqlalchemy_uri}", flush=True)


def serve(settings: Settings) -> None:
    config = load_superset_settings(settings)
    print(f"Superset: http://{config.host}:{config.port}/ (tài khoản {config.admin_username}; dừng: Ctrl+C)",
          flush=True)
    # DESIGN.md: a process started in the background from a script ignores SIGINT; restore the defaults so the
    # server stops on Ctrl+C / SIGTERM like any other.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)
    args = [str(VENV_BIN / "gunicorn"), "--bind", f"{config.host}:{config.port}", "--workers", "2",
            "--worker-class", "gthread", "--threads", "4", "--timeout", "120", "--log-level", "warning",
            "superset.app:create_app()"]
    os.execve(args[0], args, child_env(settings))


def write_bundle(settings: Settings, path: Path) -> None:
    bundle = build_bundle(environment(settings))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in bundle.items():
            archive.writestr(f"giamsat_assets/{name}", text)  # one top folder, as Superset's exports have
    path.write_bytes(buffer.getvalue())
    print(f"{path}: {len(bundle)} tệp")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dashboards/manage.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["setup", "import", "serve", "bundle", "add-user"])
    parser.add_argument("--home", help="the warehouse home (else GIAMSAT_HOME, else ./data)")
    parser.add_argument("--output", default="giamsat_assets.zip", help="bundle: where to write the ZIP")
    parser.add_argument("--username")
    parser.add_argument("--password")
    parser.add_argument("--province", help="add-user: two-digit province code")
    parser.add_argument("--assets", type=Path, default=ASSETS, help="the assets folder (default dashboards/assets)")
    parser.add_argument("--no-setup", action="store_true", help="serve: start the server on what is set up")
    args = parser.parse_args(argv)
    if args.home:
        os.environ["GIAMSAT_HOME"] = str(Path(args.home).resolve())
    settings = load_settings(args.home)
    try:
        if args.command == "setup":
            setup(settings, args.assets)
        elif args.command == "import":
            import_assets(settings, environment(settings), args.assets)
        elif args.command == "serve":
            if not args.no_setup:
                setup(settings)
            serve(settings)
        elif args.command == "bundle":
            write_bundle(settings, Path(args.output))
        elif args.command == "add-user":
            if not (args.username and args.password):
                raise UserError("add-user cần --username và --password")
            with app_context(settings):
                add_user(args.username, args.password, args.province)
    except UserError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    return 0
