"""Engines for the harness, with SQLite made to behave like a real database.

pysqlite's legacy transaction handling defers BEGIN and ignores SAVEPOINT semantics, so a
service's commit() would escape the scenario's rollback; and SQLite leaves foreign keys off
unless every connection asks for them. ``prepare`` fixes both on any engine, once. Each
transaction takes the write lock as it begins (BEGIN IMMEDIATE), so concurrent requests
under a committing isolation wait for each other rather than fail "database is locked".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

# The synchronous driver journeys reads a database with, for a service's async driver.
SYNC_DRIVERS = {
    "aiosqlite": "pysqlite",
    "asyncpg": "psycopg",
    "psycopg_async": "psycopg",
    "aiomysql": "pymysql",
    "asyncmy": "pymysql",
}


def sync_url(url: str) -> str:
    """The URL with a synchronous driver in place of an async one (``sqlite+aiosqlite`` ->
    ``sqlite+pysqlite``): journeys' engine is synchronous, and an async URL cannot be used
    by it (``MissingGreenlet``). Any other URL as it is."""
    if not url:
        return url
    parsed = make_url(url)
    driver = SYNC_DRIVERS.get(parsed.get_driver_name())
    if driver is None:
        return url
    backend = parsed.get_backend_name()
    return parsed.set(drivername=f"{backend}+{driver}").render_as_string(hide_password=False)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite shared with the live server's thread and prepared."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        kwargs.setdefault("pool_pre_ping", True)
        return create_engine(url, **kwargs)
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("check_same_thread", False)  # the live server has its own thread
    if parsed.database in (None, "", ":memory:"):
        kwargs.setdefault("poolclass", StaticPool)
    return prepare(create_engine(url, connect_args=connect_args, **kwargs))


def prepare(engine: Engine) -> Engine:
    """Real transactions and enforced foreign keys on SQLite; other databases are left alone.

    Idempotent. An engine whose own events already emit BEGIN must not be prepared twice:
    let journeys do it (Target.make_engine=None, or this function on your engine).
    """
    if engine.dialect.name != "sqlite" or event.contains(engine, "begin", _on_begin):
        return engine
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # let SQLAlchemy emit BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


# An execution option a connection may carry to begin another way (see isolation.py).
BEGIN_OPTION = "journeys_sqlite_begin"


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql(
        connection.get_execution_options().get(BEGIN_OPTION, "BEGIN IMMEDIATE")
    )


def scratch(engine: Engine) -> Engine:
    """A SQLite file journeys made for this run and deletes after it: no fsync at commit and
    its rollback journal in memory. Durability is worth nothing there, and a committing
    scenario's every request waited ~10 ms on the disk."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _scratch):
        event.listen(engine, "connect", _scratch)
    return engine


def _scratch(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.execute("PRAGMA journal_mode=MEMORY")
    cursor.close()
