"""Run the shop's suite against ``python -m shop`` in its own process, by URL, on PostgreSQL.

    python scripts/shop_by_url.py [--server URL] [behave arguments...]

It creates a database of its own on the server, starts the shop on it (the shop migrates
it), puts reference data there (a category and a staff account, as a real test database
would hold), runs ``behave`` with JOURNEYS_BASE_URL, and then checks that every table holds
exactly what it held before the run. The database is dropped afterwards. Exit code: behave's,
or 1 if the database was not left as it was found.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import create_engine, insert, text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from journeys.snapshot import Snapshot  # noqa: E402
from shop.db import Base  # noqa: E402
from shop.models import Category, User  # noqa: E402
from support.target import shop_environment  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--server",
        default="postgresql+psycopg://postgres@127.0.0.1:5432/test",
        help="a database on the PostgreSQL server to connect to while creating the run's own",
    )
    options, behave_args = parser.parse_known_args()
    name = f"journeys_by_url_{uuid.uuid4().hex[:8]}_test"
    admin = create_engine(options.server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    database_url = options.server.rsplit("/", 1)[0] + "/" + name
    shop_port, gateway_port = free_port(), free_port()
    env = {**os.environ, **shop_environment(f"http://127.0.0.1:{gateway_port}", database_url)}
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed in the finally below
    shop = subprocess.Popen(
        [sys.executable, "-m", "shop", "--port", str(shop_port)],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    engine = create_engine(database_url)
    try:
        base_url = wait_for(f"http://127.0.0.1:{shop_port}", shop, log)
        with engine.begin() as connection:  # reference data a test database would hold
            connection.execute(
                insert(Category.__table__).values(name="Reference Shelf", slug="reference-shelf")
            )
            connection.execute(
                insert(User.__table__).values(
                    email="ops@example.com",
                    full_name="Ops Reference",
                    password_hash="not-a-password-hash",
                    role="staff",
                )
            )
        before = Snapshot.take(engine, Base.metadata)
        rows = sum(len(r) for r in before.rows.values())
        print(f"by URL: shop at {base_url}, database {name} holding {rows} reference rows")
        behave = subprocess.run(
            [sys.executable, "-m", "behave", *behave_args],
            cwd=REPO,
            env={
                **os.environ,
                "JOURNEYS_BASE_URL": base_url,
                "JOURNEYS_DATABASE_URL": database_url,
                "JOURNEYS_STAND_IN_PORTS": f"payment_gateway={gateway_port}",
            },
        )
        changed = before.differences(engine)
        if changed:
            print(f"by URL: the run left the database changed: {changed}")
            return 1
        print(f"by URL: every table is exactly as it was before the run ({rows} rows)")
        return behave.returncode
    finally:
        shop.terminate()
        shop.wait(timeout=10)
        log.close()
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def wait_for(url: str, shop: subprocess.Popen[str], log: Any, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if shop.poll() is not None:
            log.seek(0)
            raise SystemExit(f"python -m shop exited:\n{log.read()}")
        try:
            if requests.get(f"{url}/health", timeout=1).ok:
                return url
        except requests.RequestException:
            time.sleep(0.1)
    raise SystemExit(f"python -m shop did not answer on {url} within {timeout} s")


if __name__ == "__main__":
    raise SystemExit(main())
