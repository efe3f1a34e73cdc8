"""Run the shop's suite against ``python -m shop`` in its own process, by URL, on PostgreSQL.

    python scripts/shop_by_url.py [--server URL] [behave arguments...]

It creates a database of its own on the server, starts the shop on it (the shop migrates
it), puts reference data there (a category and a staff account, as a real test database
would hold), runs ``behave`` with JOURNEYS_BASE_URL, and then checks that every table holds
exactly what it held before the run, and that its storage folder holds no file. The database
and the folder are removed afterwards. Exit code: behave's, or 1 if either was not left as it
was found.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import uuid
from pathlib import Path

from live_shop import REPO, live_shop
from sqlalchemy import create_engine

from journeys.filestore import files_in
from journeys.snapshot import Snapshot
from shop.db import Base


def what_is_missing(server: str, cache: str) -> str | None:
    """What this script needs that is not there, said before anything starts."""
    import socket
    from urllib.parse import urlsplit

    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    redis = urlsplit(cache)
    try:
        socket.create_connection((redis.hostname, redis.port or 6379), timeout=2).close()
    except OSError:
        return (
            f"the shop keeps its catalog cache in Redis ({cache}), which does not answer: "
            "start it (redis-server), or give --cache redis://HOST:PORT/DB."
        )
    try:
        with create_engine(server).connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        return (
            f"cannot use the PostgreSQL database {server} to create the run's own "
            f"({str(exc.orig).strip().splitlines()[0]}): start the server, create the "
            "database (createdb test), or give --server postgresql+psycopg://..."
        )
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--server",
        default="postgresql+psycopg://postgres@127.0.0.1:5432/test",
        help="a database on the PostgreSQL server to connect to while creating the run's own",
    )
    parser.add_argument(
        "--cache",
        default="redis://127.0.0.1:6379/15",
        help="the Redis the shop keeps its catalog in, and journeys empties between scenarios",
    )
    options, behave_args = parser.parse_known_args()
    missing = what_is_missing(options.server, options.cache)
    if missing:
        print(f"shop_by_url: {missing}", file=sys.stderr)
        return 2
    # The shop's catalog cache and journeys' view of it: one Redis, one prefix for the run.
    cache = {"url": options.cache, "prefix": f"journeys:by-url-{uuid.uuid4().hex[:8]}:"}
    with live_shop(options.server, cache=cache) as shop:
        engine = create_engine(shop.database_url)
        try:
            before = Snapshot.take(engine, Base.metadata)
            rows = sum(len(r) for r in before.rows.values())
            name = shop.database_url.rsplit("/", 1)[1]
            print(f"by URL: shop at {shop.base_url}, database {name} holding {rows} reference rows")
            behave = subprocess.run(
                [sys.executable, "-m", "behave", *behave_args],
                cwd=REPO,
                env={
                    **os.environ,
                    "JOURNEYS_BASE_URL": shop.base_url,
                    "JOURNEYS_DATABASE_URL": shop.database_url,
                    "JOURNEYS_STAND_IN_PORTS": f"payment_gateway={shop.gateway_port}",
                    "JOURNEYS_CACHE_URL": cache["url"],
                    "JOURNEYS_CACHE_PREFIX": cache["prefix"],
                    # The shop's storage folder: journeys removes what each scenario stored.
                    "JOURNEYS_STORAGE_DIR": shop.storage_dir,
                    # python -m shop runs no events worker here (no SHOP_BROKER_URL): its
                    # announcements stay in the outbox and the sales report stays empty.
                    "JOURNEYS_SKIP_INVARIANTS": "outbox_drained,sales_report_matches_orders",
                },
            )
            changed = before.differences(engine)
            files = files_in(Path(shop.storage_dir))
        finally:
            engine.dispose()
    if changed:
        print(f"by URL: the run left the database changed: {changed}")
        return 1
    if files:
        print(f"by URL: the run left files in the shop's storage: {sorted(files)}")
        return 1
    print(f"by URL: every table is exactly as it was before the run ({rows} rows), no file")
    return behave.returncode


if __name__ == "__main__":
    raise SystemExit(main())
