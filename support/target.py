"""The shop as journeys sees it: the one place the harness meets the service under test."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from sqlalchemy import Connection
from sqlalchemy.orm import sessionmaker

import shop.models  # noqa: F401  (registers every table on Base.metadata)
from journeys.target import Target
from shop import __version__
from shop.app import create_app
from shop.db import Base, make_engine
from shop.migrate import upgrade
from shop.settings import ShopSettings
from support import payments
from support.invariants import INVARIANTS

# Cheap hashing (Argon2's least cost) and a fixed signing key: tests need speed, not secrecy.
SETTINGS = ShopSettings(
    database_url="",
    secret_key="journeys-test-signing-key-not-a-secret",
    password_time_cost=1,
    password_memory_kib=32,
)


def _migrate(connection: Connection) -> None:
    upgrade(connection=connection)


def _make_app(sessions: sessionmaker, services: Mapping[str, str]) -> object:
    # Short payment timeouts, so the failure scenarios take a second, not a minute.
    settings = replace(
        SETTINGS,
        payment_gateway_url=services[payments.SERVICE],
        payment_timeout_seconds=payments.SHOP_WAITS_SECONDS,
        payment_retries=2,
    )
    return create_app(settings, sessions)


TARGET = Target(
    name="shop",
    version=__version__,
    metadata=Base.metadata,
    make_engine=make_engine,
    migrate=_migrate,
    make_app=_make_app,
    invariants=INVARIANTS,
    outside_services=(payments.SERVICE,),
    prepare_services=payments.prepare,
)
