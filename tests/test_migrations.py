"""The shop's Alembic migrations: from 0001 with data to head and back, on the backend under
test (a scratch SQLite file, or a scratch database beside JOURNEYS_DATABASE_URL)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from shop.migrate import alembic_config
from tests.conftest import database_url


@pytest.fixture
def scratch_url(tmp_path: Path) -> Iterator[str]:
    configured = database_url()
    if not configured or not configured.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'migrations_test.sqlite3'}"
        return
    admin = create_engine(
        make_url(configured).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    name = f"journeys_migrations_{uuid.uuid4().hex[:8]}_test"  # one per run: runs may overlap
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield make_url(configured).set(database=name).render_as_string(False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def test_upgrade_from_0001_with_data_then_down_and_up_again(scratch_url: str) -> None:
    config = alembic_config(scratch_url)
    engine = create_engine(scratch_url)
    command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO categories (name, slug) VALUES ('Kitchen', 'k')"))
        connection.execute(
            text(
                "INSERT INTO products (category_id, name, description, price_cents, currency, stock)"
                " VALUES (1, 'Blue Mug', '', 1250, 'EUR', 7), (1, 'Cup', '', 600, 'EUR', 0)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO users (email, full_name, password_hash, created_at)"
                " VALUES ('a@example.com', 'A', 'x', CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text("INSERT INTO carts (user_id, created_at) VALUES (1, CURRENT_TIMESTAMP)")
        )
        # A cart holding a product: 0002 rebuilds carts on SQLite while this row refers to it.
        connection.execute(
            text("INSERT INTO cart_items (cart_id, product_id, quantity) VALUES (1, 1, 2)")
        )
    for _ in range(2):
        command.upgrade(config, "head")
        with engine.connect() as connection:
            ledger = connection.execute(
                text("SELECT product_id, kind, quantity FROM stock_movements")
            ).all()
            assert [tuple(row) for row in ledger] == [(1, "receipt", 7)]  # opening balance
            items = connection.execute(text("SELECT cart_id, quantity FROM cart_items")).all()
            assert [tuple(row) for row in items] == [(1, 2)]
            with pytest.raises(IntegrityError):
                connection.execute(
                    text("INSERT INTO carts (user_id, created_at) VALUES (1, CURRENT_TIMESTAMP)")
                )
            connection.rollback()
        command.check(config)  # the models and the migrated schema agree
        command.downgrade(config, "0001")
    engine.dispose()
