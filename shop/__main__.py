"""``python -m shop``: migrate the configured database to the latest schema and serve."""

from __future__ import annotations

import argparse
import sys

import uvicorn

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
    uvicorn.run(create_app(settings), host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
