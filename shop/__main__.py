"""``python -m shop``: migrate the configured database to the latest schema and serve; with
``SHOP_BROKER_URL`` set, an events worker (relay and consumers) runs beside the app."""

from __future__ import annotations

import argparse
import sys
import threading

import uvicorn
from sqlalchemy.orm import Session, sessionmaker

from shop.app import create_app
from shop.migrate import upgrade
from shop.settings import SettingsError, ShopSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shop", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--no-migrate",
        action="store_true",
        help="serve without running the Alembic migrations first",
    )
    args = parser.parse_args(argv)
    try:
        settings = ShopSettings.from_env()
    except SettingsError as exc:
        print(f"shop: {exc}", file=sys.stderr)
        return 2
    if not args.no_migrate:
        upgrade(url=settings.database_url)
    app = create_app(settings)
    stop = threading.Event()
    if settings.broker_url:
        _start_worker(settings, app.state.sessionmaker, stop)
    try:
        uvicorn.run(app, host=args.host, port=args.port)
    finally:
        stop.set()
    return 0


def _start_worker(
    settings: ShopSettings, sessions: sessionmaker[Session], stop: threading.Event
) -> None:
    from kombu import Connection

    from shop.mailer import Mailer
    from shop.worker import EventWorker, shop_consumers

    worker = EventWorker(
        sessions,
        lambda: Connection(settings.broker_url),
        shop_consumers(Mailer(settings.smtp_url)),
        settings.events_prefix,
    )
    worker.declare()
    threading.Thread(target=worker.run, args=(stop,), name="shop-events", daemon=True).start()


if __name__ == "__main__":
    raise SystemExit(main())
