"""Engines and sessions, with SQLite made to behave like a real database.

pysqlite's legacy transaction handling defers BEGIN and ignores SAVEPOINT semantics, and
SQLite leaves foreign keys off unless every connection asks for them. Both are fixed here,
in the engine's events, so the shop (and anything that joins its transactions) gets real
transactions and enforced foreign keys on every connection. A transaction takes SQLite's
write lock when it begins (BEGIN IMMEDIATE): two checkouts at once then wait for each other,
where a deferred one reading first would fail with "database is locked".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, sessionmaker
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


def make_engine(url: str, **kwargs: Any) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        kwargs.setdefault("pool_pre_ping", True)
        return create_engine(url, **kwargs)

    connect_args = kwargs.pop("connect_args", {})
    # The live server answers on its own thread; the connection is shared with it.
    connect_args.setdefault("check_same_thread", False)
    if parsed.database in (None, "", ":memory:"):
        kwargs.setdefault("poolclass", StaticPool)
    engine = create_engine(url, connect_args=connect_args, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy emit BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_sessionmaker(engine: Engine | None = None) -> sessionmaker:
    # expire_on_commit=False: response models are built from objects after commit.
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def foreign_keys_off_for_migration(connection: Connection) -> Iterator[None]:
    """SQLite: rebuilding a table that others reference needs foreign keys off (Alembic's batch
    mode does so); the pragma only works outside a transaction. Violations left behind are
    reported before enforcement comes back. Other databases need nothing."""
    if connection.dialect.name != "sqlite":
        yield
        return
    if connection.in_transaction():
        raise RuntimeError("migrate SQLite on a connection that has not begun a transaction")
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        raw.execute("PRAGMA foreign_keys = ON")
    if broken:
        raise RuntimeError(f"the migration left rows breaking foreign keys: {broken[:5]}")
