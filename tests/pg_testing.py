"""PostgreSQL for the tests: the local server (libpq variables; 127.0.0.1:5432, user postgres by default),
databases and roles of their own, created and dropped by the tests.

Names start with TEST_PREFIX and the process id, so test runs of several branches or helpers on one server
never collide. GIAMSAT_TEST_POSTGRES=0 turns every PostgreSQL test off; without a server they skip."""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest

from pipelines.settings import PostgresServer, postgres_from_env

TEST_PREFIX = "giamsat_t_issue_postgres"


# Read once, at collection: tests later point the libpq variables at their own databases and roles.
_ADMIN = postgres_from_env().with_database("postgres")


def admin_server() -> PostgresServer:
    """The server of the libpq variables as the session found them, its maintenance database."""
    return _ADMIN


def require_server() -> PostgresServer:
    if os.environ.get("GIAMSAT_TEST_POSTGRES") == "0":
        pytest.skip("GIAMSAT_TEST_POSTGRES=0: PostgreSQL tests turned off")
    psycopg = pytest.importorskip("psycopg")
    server = admin_server()
    try:
        psycopg.connect(connect_timeout=3, **server.connect_kwargs()).close()
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server at {server.host}:{server.port}: {error}")
    return server


def unique_name(label: str) -> str:
    return f"{TEST_PREFIX}_{label}_{os.getpid()}"


def admin_execute(server: PostgresServer, *statements: str, dbname: str | None = None) -> None:
    import psycopg

    with psycopg.connect(autocommit=True, **server.with_database(dbname or server.dbname).connect_kwargs()) as c:
        for statement in statements:
            c.execute(statement)


def drop_roles(server: PostgresServer, roles: list[str], granted_in: str | None = None) -> None:
    """Drop the roles; `granted_in`: a database that still exists where they hold privileges (dropped first)."""
    import psycopg

    with psycopg.connect(autocommit=True, **server.connect_kwargs()) as c:
        existing = {r for (r,) in c.execute("select rolname from pg_roles where rolname = any(%s)", [roles])}
        for role in sorted(existing) if granted_in else []:  # one by one: several at once trip over a default ACL
            admin_execute(server, f"drop owned by {role}", dbname=granted_in)
        for role in roles:
            if role in existing:
                c.execute(f"drop role {role}")


@contextmanager
def temporary_database(label: str, owner: str | None = None):
    """A fresh database (and, with `owner`, a login role that owns it); dropped, with the role, afterwards.
    Yields the PostgresServer to reach it (as the owner when there is one)."""
    server = require_server()
    name = unique_name(label)
    if owner:
        drop_roles(server, [owner])  # left over by a killed run of the same pid: start clean
        admin_execute(server, f"create role {owner} login")
    admin_execute(server, f"drop database if exists {name} with (force)",
                  f"create database {name}" + (f" owner {owner}" if owner else ""))
    try:
        yield server.with_database(name, owner)
    finally:
        admin_execute(server, f"drop database if exists {name} with (force)")
        if owner:
            drop_roles(server, [owner])
