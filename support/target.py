"""The shop as journeys sees it: the one place the harness meets the service under test."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import Connection

import shop.models  # noqa: F401  (registers every table on Base.metadata)
from journeys.schema import files_digest
from journeys.target import Target, Wiring
from shop import __version__
from shop.app import create_app
from shop.db import Base
from shop.migrate import MIGRATIONS, upgrade
from shop.settings import ShopSettings
from shop.storage import FolderStorage
from support import events, payments
from support.invariants import INVARIANTS

CONTRACT = Path(__file__).resolve().parent.parent / "contracts" / "shop-openapi.json"

# Cheap hashing (Argon2's least cost) and a fixed signing key: tests need speed, not secrecy.
SETTINGS = ShopSettings(
    database_url="",
    secret_key="journeys-test-signing-key-not-a-secret",
    password_time_cost=1,
    password_memory_kib=32,
)


def _migrate(connection: Connection) -> None:
    upgrade(connection=connection)


def shop_environment(gateway_url: str, database_url: str) -> dict[str, str]:
    """The SHOP_* variables that make ``python -m shop`` behave as the in-process one does,
    for a run by URL (see scripts/shop_by_url.py)."""
    return {
        "SHOP_DATABASE_URL": database_url,
        "SHOP_SECRET_KEY": SETTINGS.secret_key,
        "SHOP_PASSWORD_TIME_COST": str(SETTINGS.password_time_cost),
        "SHOP_PASSWORD_MEMORY_KIB": str(SETTINGS.password_memory_kib),
        "SHOP_PAYMENT_GATEWAY_URL": gateway_url,
        "SHOP_PAYMENT_TIMEOUT_SECONDS": str(payments.SHOP_WAITS_SECONDS),
        "SHOP_PAYMENT_RETRIES": "2",
    }


def _make_app(wiring: Wiring) -> object:
    # Short payment timeouts, so the failure scenarios take a fraction of a second.
    settings = replace(
        SETTINGS,
        payment_gateway_url=wiring.services[payments.SERVICE],
        payment_timeout_seconds=payments.SHOP_WAITS_SECONDS,
        payment_retries=2,
    )
    assert wiring.storage is not None  # TARGET.storage: the harness gives a folder
    return create_app(
        settings, wiring.sessions, wiring.cache, FolderStorage(wiring.storage),
        wiring.tracer_provider,
    )  # fmt: skip


TARGET = Target(
    name="shop",
    version=__version__,
    metadata=Base.metadata,
    migrate=_migrate,
    schema_version=lambda: files_digest(MIGRATIONS),
    make_app=_make_app,
    invariants=INVARIANTS,
    outside_services=(payments.SERVICE,),
    mail_services=(events.MAIL,),
    events=events.EVENTS,
    cache=True,  # the catalog cache: the run's own (cache_url), emptied between scenarios
    storage=True,  # product images: the run's own folder (storage_dir), emptied likewise
    prepare_services=payments.prepare,
    # The committed contract: every answer is checked against it, not against whatever the
    # shop says of itself today (tests/test_contracts.py keeps the two together).
    openapi=str(CONTRACT),
)
