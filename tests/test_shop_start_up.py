"""The shop's code that no scenario runs: its settings, its SQLite migration guard and the
last line of its error handling. The scenarios start the shop with good settings, once;
these say what it does with bad ones (and the integration mutants of these modules are
judged by them: ``journeys mutate --also``)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from shop.db import foreign_keys_off_for_migration, make_engine
from shop.errors import CatchAll
from shop.settings import SettingsError, ShopSettings


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SHOP_TOKEN_TTL_SECONDS": "0"}, "SHOP_TOKEN_TTL_SECONDS=0 is below the minimum 1"),
        ({"SHOP_PASSWORD_MEMORY_KIB": "31"}, "SHOP_PASSWORD_MEMORY_KIB=31 is below the minimum 32"),
        ({"SHOP_PAYMENT_TIMEOUT_SECONDS": "0"}, "SHOP_PAYMENT_TIMEOUT_SECONDS=0.0 must be above zero"),
        ({"SHOP_PAYMENT_TIMEOUT_SECONDS": "-1"}, "SHOP_PAYMENT_TIMEOUT_SECONDS=-1.0 must be above zero"),
        ({"SHOP_CACHE_URL": "memcached://127.0.0.1"}, "SHOP_CACHE_URL='memcached://127.0.0.1' is neither"),
        ({"SHOP_SMTP_URL": "127.0.0.1:25"}, "SHOP_SMTP_URL='127.0.0.1:25' is not an smtp://host:port URL"),
        ({"SHOP_CURRENCY": "EU"}, "SHOP_CURRENCY='EU' is not a three-letter ISO code"),
        ({"SHOP_CURRENCY": "EU1"}, "SHOP_CURRENCY='EU1' is not a three-letter ISO code"),
    ],
)  # fmt: skip
def test_a_setting_the_shop_cannot_use_is_refused_with_its_name(
    env: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(".", r"\.")):
        ShopSettings.from_env(env)


def test_the_edges_of_each_setting_are_taken() -> None:
    settings = ShopSettings.from_env({
        "SHOP_TOKEN_TTL_SECONDS": "1", "SHOP_PASSWORD_MEMORY_KIB": "32",
        "SHOP_PAYMENT_TIMEOUT_SECONDS": "0.01", "SHOP_CACHE_URL": "rediss://cache:6380/0",
        "SHOP_SMTP_URL": "smtp://127.0.0.1:2525", "SHOP_CURRENCY": "gbp",
    })  # fmt: skip
    assert (settings.token_ttl_seconds, settings.password_memory_kib) == (1, 32)
    assert settings.payment_timeout_seconds == 0.01
    assert (settings.cache_url, settings.currency) == ("rediss://cache:6380/0", "GBP")


def test_the_signing_key_is_the_configured_one_else_a_random_one_per_process() -> None:
    assert ShopSettings.from_env({"SHOP_SECRET_KEY": "k" * 40}).secret_key == "k" * 40
    first, second = ShopSettings.from_env({}), ShopSettings.from_env({})
    assert first.secret_key and second.secret_key and first.secret_key != second.secret_key


def test_sqlite_migrations_refuse_a_connection_already_in_a_transaction(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'shop.sqlite3'}")
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))  # begins one (autobegin)
        refused = pytest.raises(RuntimeError, match="has not begun a transaction")
        with refused, foreign_keys_off_for_migration(connection):
            pass
    engine.dispose()


def test_sqlite_migrations_that_break_foreign_keys_are_reported(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'shop.sqlite3'}")  # the shop's: autocommit
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        raw.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id REFERENCES parent(id))")
        reported = pytest.raises(RuntimeError, match="the migration left rows breaking foreign")
        with reported, foreign_keys_off_for_migration(connection):
            raw.execute("INSERT INTO child (id, parent_id) VALUES (1, 99)")
        assert raw.execute("PRAGMA foreign_keys").fetchone() == (1,)  # enforcement is back
    engine.dispose()


def test_an_error_after_the_answer_began_closes_the_connection_instead_of_a_second_answer() -> None:
    sent: list[dict[str, Any]] = []

    async def half_then_fails(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        raise RuntimeError("a bug while streaming")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "method": "GET", "path": "/stream", "headers": []}
    with pytest.raises(RuntimeError, match="a bug while streaming"):
        asyncio.run(CatchAll(half_then_fails)(scope, receive, send))
    assert [m["type"] for m in sent] == ["http.response.start"]  # no second start, no 500
