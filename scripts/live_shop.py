"""`python -m shop` in a process of its own, on a database of its own, for scripts that test
the shop from outside (by URL, fuzzing, load). The database is created for the run and
dropped afterwards: on PostgreSQL when a server URL is given, else a temporary SQLite file.
With ``events=True`` the shop runs its events worker (a memory:// broker inside its process)
and mails a real SMTP server started here; ``settled`` then waits for what it owes to go out.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from sqlalchemy import create_engine, insert, text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from journeys.data import Baseline  # noqa: E402
from journeys.database import ScenarioDatabase  # noqa: E402
from journeys.filestore import files_in  # noqa: E402
from journeys.invariants import Invariant, Violation, check  # noqa: E402
from journeys.mailbox import MailServer  # noqa: E402
from shop.models import Category, User  # noqa: E402
from shop.security import Passwords  # noqa: E402
from support.target import SETTINGS, shop_environment  # noqa: E402

STAFF_EMAIL = "ops@example.com"
STAFF_PASSWORD = "reference-staff-password"  # a test account on a throwaway database


@dataclass(frozen=True)
class LiveShop:
    base_url: str
    database_url: str
    gateway_port: int
    mail: MailServer | None = None
    storage_dir: str = ""  # where the shop keeps its images: the run's own, removed after


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def own_database(server: str | None) -> Iterator[str]:
    if not server:
        with tempfile.TemporaryDirectory(prefix="journeys-shop-") as folder:
            yield f"sqlite:///{Path(folder) / 'shop_test.sqlite3'}"
        return
    name = f"journeys_shop_{uuid.uuid4().hex[:8]}_test"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def live_shop(
    server: str | None = None,
    payment_timeout: float = 0,
    events: bool = False,
    cache: dict[str, str] | None = None,
) -> Iterator[LiveShop]:
    """The shop, migrated and serving, holding two reference rows (a category and a staff
    account that signs in with STAFF_EMAIL / STAFF_PASSWORD). ``payment_timeout``: seconds
    the shop waits for the gateway, when not the suite's (a loaded stand-in is slower);
    ``cache``: the Redis ``url`` and key ``prefix`` of its catalog cache (else in-process)."""
    with (
        own_database(server) as database_url,
        _mail_server(events) as mail,
        tempfile.TemporaryDirectory(prefix="journeys-shop-storage-") as storage_dir,
    ):
        shop_port, gateway_port = free_port(), free_port()
        env = {
            **os.environ,
            **shop_environment(f"http://127.0.0.1:{gateway_port}", database_url),
            "SHOP_STORAGE_DIR": storage_dir,
        }
        if mail is not None:
            env.update(SHOP_BROKER_URL="memory://", SHOP_SMTP_URL=mail.url)
        if payment_timeout:
            env["SHOP_PAYMENT_TIMEOUT_SECONDS"] = str(payment_timeout)
        if cache is not None:
            env.update(SHOP_CACHE_URL=cache["url"], SHOP_CACHE_PREFIX=cache["prefix"])
        with tempfile.TemporaryFile(mode="w+") as log:  # the shop's own log, shown if it fails
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
                base_url = _wait_for(f"http://127.0.0.1:{shop_port}", shop, log)
                with engine.begin() as connection:
                    connection.execute(
                        insert(Category.__table__).values(
                            name="Reference Shelf", slug="reference-shelf"
                        )
                    )
                    connection.execute(
                        insert(User.__table__).values(
                            email=STAFF_EMAIL,
                            full_name="Ops Reference",
                            password_hash=Passwords(SETTINGS).hash(STAFF_PASSWORD),
                            role="staff",
                        )
                    )
                yield LiveShop(base_url, database_url, gateway_port, mail, storage_dir)
            finally:
                shop.terminate()
                shop.wait(timeout=10)
                engine.dispose()


def _wait_for(url: str, shop: subprocess.Popen[str], log: object, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if shop.poll() is not None:
            log.seek(0)  # type: ignore[attr-defined]
            raise SystemExit(f"python -m shop exited:\n{log.read()}")  # type: ignore[attr-defined]
        try:
            if requests.get(f"{url}/health", timeout=1).ok:
                return url
        except requests.RequestException:
            time.sleep(0.1)
    raise SystemExit(f"python -m shop did not answer on {url} within {timeout} s")


@contextmanager
def _mail_server(wanted: bool) -> Iterator[MailServer | None]:
    if not wanted:
        yield None
        return
    mail = MailServer().start()
    try:
        yield mail
    finally:
        mail.stop()


def already_there(database_url: str, *tables: str) -> Baseline:
    """The rows these tables hold now, as a baseline: what the run's set-up made (with the
    factories, not through the shop) is not the shop's doing."""
    engine = create_engine(database_url)
    try:
        db = ScenarioDatabase.committed(engine)
        return Baseline(
            tables={t: [dict(r) for r in db.rows(text(f"SELECT * FROM {t}"))] for t in tables}
        )
    finally:
        engine.dispose()


def settled(
    database_url: str,
    invariants: tuple[Invariant, ...],
    within: float = 60,
    baseline: Baseline | None = None,
    storage_dir: str = "",
) -> list[Violation]:
    """The invariants broken once the shop has had ``within`` seconds to catch up: its
    events worker relays and consumes after the answers, so the sales report and the outbox
    agree with the orders a moment later, not at once."""
    engine = create_engine(database_url)
    try:
        started = time.monotonic()
        while True:
            stores = {"storage": files_in(Path(storage_dir))} if storage_dir else {}
            broken = check(ScenarioDatabase.committed(engine), invariants, baseline=baseline,
                           stores=stores)  # fmt: skip
            waited = time.monotonic() - started
            if not broken or waited >= within:
                print(f"settled: invariants checked {waited:.1f} s after the last request")
                return broken
            time.sleep(0.2)
    finally:
        engine.dispose()
