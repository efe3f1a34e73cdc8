"""Alembic environment: uses a connection handed in by code, or builds one from the URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

import shop.models  # noqa: F401  (registers the tables on Base.metadata)
from shop.db import Base, foreign_keys_off_for_migration, make_engine

config = context.config
target_metadata = Base.metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    with foreign_keys_off_for_migration(connection):
        run_migrations(connection)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///shop.sqlite3")
    # context.begin_transaction() begins and commits the migrations' own transaction.
    with engine.connect() as conn, foreign_keys_off_for_migration(conn):
        run_migrations(conn)
    engine.dispose()
