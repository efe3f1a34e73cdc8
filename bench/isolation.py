"""Per-scenario isolation cost: rollback against deleting all rows and recreating the schema.

Each scenario does what a typical journey does (5 factory inserts, 4 HTTP calls over the live
server, 3 database checks); the isolation cost is the time spent in begin_scenario() plus
end_scenario(). Prints median and p95 per backend and strategy, and ratios to rollback.

    python bench/isolation.py                       # SQLite
    python bench/isolation.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test
    JOURNEYS_DATABASE_URL=postgresql+psycopg://... python bench/isolation.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factories import ProductFactory, UserFactory
from journeys import Harness, Settings
from journeys.isolation import STRATEGIES
from support import notes, questions, tasks


def one_scenario(harness: Harness, number: int) -> tuple[float, float]:
    """Returns (isolation ms, whole scenario ms)."""
    start = time.perf_counter()
    run = harness.begin_scenario(f"bench:{number}")
    begun = time.perf_counter()

    shopper = run.cast.actor("Paula")
    UserFactory(email=f"paula{number}@example.com", password="bench-password")
    shopper.remember(notes.EMAIL, f"paula{number}@example.com")
    shopper.remember(notes.PASSWORD, "bench-password")
    mug, cup = ProductFactory.create_batch(2, stock=10)
    ProductFactory.create_batch(2)  # the rest of the catalog
    # 4 HTTP calls: sign in, add two products, check out.
    tasks.sign_in(shopper)
    for product in (mug, cup):
        shopper.call(
            "POST", "/cart/items", json={"product_id": product.id, "quantity": 2}, expect=201
        )
    tasks.check_out(shopper, expect=201)
    # 3 database checks.
    assert questions.stock(run.db, mug.name) == 8
    assert len(questions.orders_of(run.db, shopper.recall(notes.EMAIL))) == 1
    assert questions.cart_contents(run.db, shopper.recall(notes.EMAIL)) == {}

    ending = time.perf_counter()
    harness.end_scenario()
    end = time.perf_counter()
    return ((begun - start) + (end - ending)) * 1000, (end - start) * 1000


def measure(url: str, strategy: str, scenarios: int) -> dict[str, float]:
    harness = Harness(Settings(database_url=url, isolation=strategy, seed=1)).start()
    try:
        for warm in range(5):
            one_scenario(harness, -1 - warm)
        costs, wholes = zip(*(one_scenario(harness, n) for n in range(scenarios)), strict=True)
    finally:
        harness.stop()
    return {
        "median": statistics.median(costs),
        "p95": statistics.quantiles(costs, n=20)[18],
        "whole": statistics.median(wholes),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=200)
    parser.add_argument("--postgres", default=None, help="a PostgreSQL URL to measure too")
    args = parser.parse_args()

    backends = []
    # "" lets each harness make (and remove) its own temporary SQLite file
    backends.append(("sqlite file", ""))
    postgres = args.postgres or os.environ.get("JOURNEYS_DATABASE_URL", "")
    if postgres.startswith("postgresql"):
        backends.append(("postgresql", postgres))

    print(
        f"isolation cost per scenario (begin + end), {args.scenarios} scenarios each, "
        "after 5 warm-up scenarios"
    )
    print(
        f"{'backend':<12} {'strategy':<9} {'median ms':>10} {'p95 ms':>8} "
        f"{'x rollback':>11} {'scenario median ms':>19}"
    )
    for name, url in backends:
        results = {s: measure(url, s, args.scenarios) for s in STRATEGIES}
        base = results["rollback"]["median"]
        for strategy, r in results.items():
            print(
                f"{name:<12} {strategy:<9} {r['median']:>10.2f} {r['p95']:>8.2f} "
                f"{r['median'] / base:>10.1f}x {r['whole']:>19.1f}"
            )
    if len(backends) == 1:
        print("(PostgreSQL not measured: pass --postgres URL or set JOURNEYS_DATABASE_URL)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
