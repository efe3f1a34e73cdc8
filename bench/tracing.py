"""What tracing costs, per step: a step that makes one HTTP call (the shop answers from the
database) and a checkout step (the shop's request, its query, its call to the payment
provider), each with tracing off and on; on, the step's spans are collected as the step
ends, as the harness does after every step.

    python bench/tracing.py [--steps 200]

Medians of the runs made here, in one run (the machine is noisy: compare the ratios)."""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factories import ProductFactory  # noqa: E402
from journeys import Harness, Settings  # noqa: E402
from journeys.scenario import ScenarioRun  # noqa: E402
from support import arrange, tasks  # noqa: E402


def timed_steps(tracing: bool, steps: int) -> tuple[float, float, int]:
    """Median ms of a one-call step and of a checkout step; spans of the last checkout."""
    folder = Path(tempfile.mkdtemp(prefix="journeys-bench-"))
    url = f"sqlite:///{folder / 'bench_test.sqlite3'}"
    harness = Harness(Settings(database_url=url, seed=1, tracing=tracing)).start()
    calls, checkouts, spans = [], [], 0
    try:
        for number in range(steps + 5):  # the first five warm up
            run = harness.begin_scenario(f"bench:{number}")
            paula = arrange.registered_shopper(run.cast.actor("Paula"))
            mug = ProductFactory(stock=10)
            tasks.sign_in(paula)
            paula.call("POST", "/cart/items", json={"product_id": mug.id, "quantity": 1})
            call = step(harness, run, "1. When she browses", paula.call, "GET", "/products")
            checkout = step(harness, run, "2. When she checks out", tasks.check_out, paula)
            spans = len(run.spans_in("2. When she checks out"))
            harness.end_scenario()
            if number >= 5:
                calls.append(call)
                checkouts.append(checkout)
    finally:
        harness.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return statistics.median(calls), statistics.median(checkouts), spans


def step(
    harness: Harness, run: ScenarioRun, key: str, action: Callable[..., object], *args: object
) -> float:
    run.recorder.step = run.queries.step = key
    started = time.perf_counter()
    action(*args)
    harness.collect_spans(run)
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200, help="scenarios measured per setting")
    options = parser.parse_args()
    call_off, checkout_off, _ = timed_steps(False, options.steps)
    call_on, checkout_on, spans = timed_steps(True, options.steps)
    print("| step | tracing off | tracing on | cost of tracing |\n|---|---|---|---|")
    for what, off, on in (
        ("one HTTP call (GET /products)", call_off, call_on),
        (f"a checkout (its trace: {spans} spans)", checkout_off, checkout_on),
    ):
        cost = f"{on - off:+.2f} ms ({100 * (on - off) / off:+.0f}%)"
        print(f"| {what} | {off:.2f} ms | {on:.2f} ms | {cost} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
