"""Load on the live shop from the suite's own tasks: Locust users are journeys actors.

    python scripts/load_shop.py [--server URL] [--users 20] [--requests 3000] [--seconds 60]

It starts `python -m shop` on a committed PostgreSQL database of its own (live_shop.py), a
payment stand-in that approves, and products made by the suite's factories. Each Locust user
is a journeys Actor on Locust's HttpSession (a requests.Session), so it signs up, browses,
fills its cart and checks out through `support/tasks.py`, the only code that knows the
shop's endpoints. It stops at the request or time bound, whichever comes first, prints
throughput, percentiles and errors, and then checks the shop's invariants on the database.
Exit code 1 if any request failed or any invariant is broken. Password hashing runs at the
test cost (Argon2id, time cost 1, 32 KiB), as in the suite: the figures are not the shop's
production sign-in speed.
"""

from __future__ import annotations

import gevent  # Locust runs on gevent; import it before anything opens a socket
from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import itertools  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

from live_shop import already_there, live_shop, settled  # noqa: E402
from locust import HttpUser, constant, task  # noqa: E402
from locust.env import Environment  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from factories import ProductFactory  # noqa: E402  (live_shop puts the repo on the path)
from journeys import data  # noqa: E402
from journeys.personas import Actor  # noqa: E402
from journeys.stubs import OutsideService  # noqa: E402
from support import payments, tasks  # noqa: E402
from support.invariants import INVARIANTS  # noqa: E402

PRODUCTS = 12
_numbers = itertools.count(1)


class Shopper(HttpUser):
    """A shopper of the suite's tasks: signs up, then browses and buys, again and again."""

    wait_time = constant(0)
    products: list[str] = []

    def on_start(self) -> None:
        self.actor = Actor(f"Shopper {next(_numbers)}", self.host or "", None, 30, http=self.client)
        tasks.register(self.actor).raise_for_status()

    @task(3)
    def browse(self) -> None:
        tasks.catalog_page(self.actor, page=random.randint(1, 2))

    @task(2)
    def buy(self) -> None:
        # Two products in a random order: carts that meet in opposite orders, as in real life.
        picked = random.sample(self.products, 2)
        tasks.fill_cart(self.actor, [(1, picked[0]), (1, picked[1])])
        tasks.check_out(self.actor, expect=201)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=60)
    options = parser.parse_args()
    with live_shop(options.server, payment_timeout=2.0, events=True) as shop:
        gateway = OutsideService(payments.SERVICE, port=shop.gateway_port)
        gateway.start()
        payments.prepare({payments.SERVICE: gateway})
        engine = create_engine(shop.database_url)
        try:
            Shopper.products = _stock_the_shelves(engine)
            made = already_there(shop.database_url, "products")  # by the factories, not staff
            stats, seconds = _load(shop.base_url, options)
            broken = settled(
                shop.database_url, INVARIANTS, baseline=made, storage_dir=shop.storage_dir
            )
        finally:
            engine.dispose()
            gateway.stop()
    return _report(stats, seconds, broken, options)


def _stock_the_shelves(engine: Any) -> list[str]:
    with Session(engine, expire_on_commit=False) as session:
        data.bind(session)
        made = [ProductFactory(stock=1_000_000).name for _ in range(PRODUCTS)]
        data.use(None)
    return made


def _load(base_url: str, options: argparse.Namespace) -> tuple[Any, float]:
    env = Environment(user_classes=[Shopper], host=base_url)
    runner = env.create_local_runner()
    started = time.monotonic()
    runner.start(options.users, spawn_rate=options.users)
    while (
        time.monotonic() - started < options.seconds
        and env.stats.total.num_requests < options.requests
    ):
        gevent.sleep(0.2)
    runner.quit()
    return env.stats, time.monotonic() - started


def _report(stats: Any, seconds: float, broken: list[Any], options: argparse.Namespace) -> int:
    total = stats.total
    print(f"load: {options.users} users for {seconds:.1f} s against python -m shop on PostgreSQL")
    print("| requests | failures | per second | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    print(
        f"| {total.num_requests} | {total.num_failures} | "
        f"{total.num_requests / seconds:.0f} | {total.get_response_time_percentile(0.5):.0f} | "
        f"{total.get_response_time_percentile(0.95):.0f} | "
        f"{total.get_response_time_percentile(0.99):.0f} |"
    )
    for errors in list(stats.errors.values())[:10]:
        print(f"  error: {errors.method} {errors.name}: {errors.error} ({errors.occurrences}x)")
    for violation in broken:
        print(violation.describe())
    print(f"load: {len(INVARIANTS) - len(broken)} of {len(INVARIANTS)} invariants hold afterwards")
    return 1 if total.num_failures or broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
