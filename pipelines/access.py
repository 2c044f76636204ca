"""Who may read what on PostgreSQL: four roles, created and granted idempotently (`giamsat create-roles`).

| role | may |
|---|---|
| <prefix>_loader | write and read the raw schema (the loader, the extract); nothing else |
| <prefix>_transformer | read raw; build seeds, snapshots, staging, intermediate and marts (dbt) |
| <prefix>_analyst | read the marts, without their personal columns; nothing in raw (no quarantine), staging or intermediate |
| <prefix>_dashboard | the same as analyst, read only, with a statement timeout (Superset) |

The marts hold no clear personal data, but one keeps a keyed hash of a phone number (member_history.phone_hash,
to link a member's versions): every column named after a personal field of the contract is withheld from
analysts and dashboards, column by column. dbt re-creates a table on every build, which drops those column
grants with it: the transform asset re-applies the readers' grants after each build (`refresh_reader_grants`),
and default privileges make each new mart readable by the readers as soon as the transformer role creates it.

The roles are created with LOGIN and no password: a deployment sets each password itself (ALTER ROLE … PASSWORD,
or certificates, or .pgpass on the client); no secret lives in this repository.
"""

from __future__ import annotations

from ingest.contract import RECORD_TYPES
from ingest.warehouse import Warehouse
from pipelines.ingest import open_warehouse
from pipelines.settings import Settings

ROLES = ("loader", "transformer", "analyst", "dashboard")
READERS = ("analyst", "dashboard")
TRANSFORM_SCHEMAS = ("seeds", "snapshots", "staging", "intermediate", "marts")
DASHBOARD_TIMEOUT = "60s"


def role_names(prefix: str) -> dict[str, str]:
    return {kind: f"{prefix}_{kind}" for kind in ROLES}


def personal_columns() -> set[str]:
    """Column names that carry personal data, in clear or hashed: every personal field of the contract."""
    names = {f.name for rt in RECORD_TYPES.values() for f in rt.fields if f.pii}
    return names | {f"{name}_hash" for name in names}


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def role_statements(prefix: str, database: str) -> list[str]:
    """The SQL that creates the roles and grants them their schemas; safe to run again."""
    r = {kind: _ident(name) for kind, name in role_names(prefix).items()}
    readers = f"{r['analyst']}, {r['dashboard']}"
    db = _ident(database)
    sql = []
    for kind, name in role_names(prefix).items():
        sql.append(f"do $$ begin if not exists (select from pg_roles where rolname = '{name}') then "
                   f"create role {_ident(name)} login; end if; end $$")
    sql += [
        f"revoke all on database {db} from public",
        f"grant connect on database {db} to {', '.join(r.values())}",
        f"grant create, temporary on database {db} to {r['loader']}, {r['transformer']}",  # COPY and dbt stage in temporary tables
        f"grant usage, create on schema public to {r['transformer']}",  # dbt's target schema
        "create schema if not exists raw",
        f"grant usage, create on schema raw to {r['loader']}",
        f"grant select, insert, update, delete, truncate on all tables in schema raw to {r['loader']}",
        f"grant usage on schema raw to {r['transformer']}",
        f"grant select on all tables in schema raw to {r['transformer']}",
        f"alter default privileges for role {r['loader']} in schema raw grant select on tables to {r['transformer']}",
        f"revoke all on schema raw from {readers}",
        f"revoke all on all tables in schema raw from {readers}",
    ]
    for schema in TRANSFORM_SCHEMAS:
        sql += [f"create schema if not exists {schema}",
                f"grant usage, create on schema {schema} to {r['transformer']}",
                f"grant all on all tables in schema {schema} to {r['transformer']}"]
        if schema != "marts":
            sql += [f"revoke all on schema {schema} from {readers}",
                    f"revoke all on all tables in schema {schema} from {readers}"]
    sql += [
        f"grant usage on schema marts to {readers}",
        f"grant select on all tables in schema marts to {readers}",
        f"alter default privileges for role {r['transformer']} in schema marts grant select on tables to {readers}",
        f"alter role {r['analyst']} set default_transaction_read_only = on",
        f"alter role {r['dashboard']} set default_transaction_read_only = on",
        f"alter role {r['dashboard']} set statement_timeout = '{DASHBOARD_TIMEOUT}'",
    ]
    return sql


def create_roles(warehouse: Warehouse, prefix: str, database: str) -> list[str]:
    """Create the roles and grants (as a superuser or the database's owner), then withhold personal columns.
    Returns the role names."""
    with warehouse.transaction():
        for statement in role_statements(prefix, database):
            warehouse.execute(statement)
        lock_personal_columns(warehouse, prefix)
    return list(role_names(prefix).values())


def readers_exist(warehouse: Warehouse, prefix: str) -> bool:
    names = [role_names(prefix)[kind] for kind in READERS]
    return warehouse.execute("select count(*) from pg_roles where rolname in (?, ?)", names)[0][0] == 2


def lock_personal_columns(warehouse: Warehouse, prefix: str) -> list[str]:
    """Readers may select every mart; of a mart with a personal column, every other column. Returns those marts."""
    names = role_names(prefix)
    readers = ", ".join(_ident(names[kind]) for kind in READERS)
    columns: dict[str, list[str]] = {}
    for table, column in warehouse.execute("select table_name, column_name from information_schema.columns "
                                           "where table_schema = 'marts' order by table_name, ordinal_position"):
        columns.setdefault(table, []).append(column)
    # Every mart first (dbt re-created them; default privileges cover only tables the transformer role creates,
    # not those of a login that builds as itself), then the personal columns withheld.
    warehouse.execute(f"grant usage on schema marts to {readers}")
    warehouse.execute(f"grant select on all tables in schema marts to {readers}")
    personal = personal_columns()
    locked = []
    for table, names_ in columns.items():
        if not personal & set(names_):
            continue
        allowed = ", ".join(_ident(c) for c in names_ if c not in personal)
        warehouse.execute(f"revoke select on marts.{_ident(table)} from {readers}")
        warehouse.execute(f"grant select ({allowed}) on marts.{_ident(table)} to {readers}")
        locked.append(table)
    return locked


def refresh_reader_grants(settings: Settings) -> list[str]:
    """After a dbt build on PostgreSQL, where the access roles exist: withhold the personal columns of the
    re-created marts again. Nothing to do on DuckDB (one file, no roles) or without the roles."""
    if settings.warehouse != "postgres":
        return []
    with open_warehouse(settings, read_only=True) as warehouse:
        if not readers_exist(warehouse, settings.role_prefix):
            return []
        with warehouse.transaction():
            return lock_personal_columns(warehouse, settings.role_prefix)
