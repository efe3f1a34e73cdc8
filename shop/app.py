"""The app factory: settings and a sessionmaker in, an ASGI app out.

A harness passes its own sessionmaker (bound to a scenario's connection) and settings;
``python -m shop`` passes none and gets the configured database.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker as SessionMaker

from shop import (
    __version__,
    accounts,
    audit,
    cache,
    cart,
    catalog,
    catalog_admin,
    images,
    orders,
    reports,
    telemetry,
    viewers,
)
from shop.cache import CatalogCache
from shop.db import make_engine, make_sessionmaker
from shop.errors import CatchAll, LimitBody, install_error_handlers, refusals
from shop.payments import PaymentGateway
from shop.security import Passwords
from shop.settings import ShopSettings
from shop.storage import FolderStorage, Storage


def create_app(
    settings: ShopSettings | None = None,
    sessionmaker: SessionMaker | None = None,
    cache_client: Any = None,
    storage: Storage | None = None,
    tracer_provider: Any = None,
) -> FastAPI:
    """``cache_client``: a redis-py-like client to keep the catalog in (a harness gives its
    own); None: the one ``settings.cache_url`` names. ``storage``: where images are kept;
    None: the folder ``settings.storage_dir``. ``tracer_provider``: an OpenTelemetry one to
    record a span of each request with; None: nothing is recorded."""
    settings = settings or ShopSettings.from_env()
    if sessionmaker is None:
        sessionmaker = make_sessionmaker(make_engine(settings.database_url))

    app = FastAPI(title="Shop", version=__version__)
    app.state.settings = settings
    app.state.sessionmaker = sessionmaker
    app.state.passwords = Passwords(settings)
    app.state.payments = PaymentGateway(settings, telemetry.instrument(app, tracer_provider))
    app.state.cache = CatalogCache(
        cache_client or cache.connect(settings.cache_url, settings.cache_prefix)
    )
    app.state.storage = storage or FolderStorage(settings.storage_dir)
    install_error_handlers(app)
    app.add_middleware(LimitBody, max_bytes=settings.max_body_bytes)
    app.add_middleware(CatchAll)  # outermost of the shop's own: nothing escapes as a reset
    for module in (accounts, catalog, catalog_admin, images, viewers, cart, orders, reports, audit):
        # Any route may meet a body too large, a database that fails, or an error nobody
        # expected.
        app.include_router(module.router, responses=refusals(413, 500, 503))

    @app.get("/health", tags=["ops"])
    def health() -> dict[str, str]:
        if app.state.cache.check():
            return {"status": "ok", "version": __version__, "cache": "ok"}
        return {
            "status": "degraded",
            "version": __version__,
            "cache": "unavailable: answering from the database",
        }

    return app
