"""Fast feedback, one table from one run: start-up, isolation, the cost of a recorded HTTP
call, reporting, the whole suite's pace, its slowest scenario and the framework's tests.

    python bench/feedback.py                    # SQLite
    python bench/feedback.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test
    python bench/feedback.py --quick            # fewer repetitions, no pytest run

Each figure is a median of the runs made here (the machine is noisy: compare ratios within
one run). Bytecode is compiled first, as Python does by itself on a machine where it may
write it (this one sets PYTHONDONTWRITEBYTECODE=1).
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import isolation as isolation_bench  # noqa: E402  (bench/isolation.py, one scenario's work)
import requests  # noqa: E402
from sqlalchemy.engine.base import RootTransaction  # noqa: E402

from journeys import Harness, Settings  # noqa: E402
from journeys.isolation import STRATEGIES, ScenarioScope  # noqa: E402

Row = tuple[str, str, str]  # what, measured, goal


def behave(*args: str, env: dict[str, str] | None = None, cwd: Path = REPO) -> tuple[float, str]:
    """Wall seconds and output of one ``behave`` run in a fresh process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "behave", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"behave {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return wall, done.stdout


def start_up(runs: int) -> Row:
    behave("--tags=@none", "features/")  # the cache (schema, OpenAPI) as a second run finds it
    walls = [behave("--tags=@none", "features/")[0] for _ in range(runs)]
    return ("start-up and shut-down, no scenario (behave --tags=@none)", secs(walls), "<= 1.2 s")


def median_ms(action: Callable[[int], object], repeat: int) -> float:
    times = []
    for n in range(repeat):
        started = time.perf_counter()
        action(n)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def isolation_rows(backend: str, url: str, scenarios: int) -> list[Row]:
    rows = []
    for strategy in STRATEGIES:
        if strategy != "rollback" and scenarios < 100:
            continue  # --quick: rollback only
        result = isolation_bench.measure(url, strategy, scenarios)
        rows.append(
            (
                f"isolation {strategy} on {backend}: begin + end of a typical scenario",
                f"{result['median']:.2f} ms (p95 {result['p95']:.2f})",
                "",
            )
        )
    rows += rollback_phases(backend, url, scenarios)
    return rows


def rollback_phases(backend: str, url: str, scenarios: int) -> list[Row]:
    """The rollback strategy's own share (checkout, BEGIN, session, ROLLBACK, release) of a
    typical scenario's begin + end, and the rest of the harness's per-scenario bookkeeping."""
    harness = Harness(Settings(database_url=url, seed=1)).start()
    own: list[float] = []
    rollbacks: list[float] = []  # the ROLLBACK statement alone, sent and answered
    rollback = RootTransaction.rollback

    def timed_rollback(transaction: RootTransaction) -> None:
        started = time.perf_counter()
        rollback(transaction)
        rollbacks.append((time.perf_counter() - started) * 1000)

    strategy = harness.isolation
    assert strategy is not None
    begin = strategy.begin

    def timed_begin() -> ScenarioScope:  # the strategy as the harness calls it, timed
        started = time.perf_counter()
        scope = begin()
        took = time.perf_counter() - started
        close = scope.close

        def timed_close() -> None:
            closing = time.perf_counter()
            close()
            own.append((took + time.perf_counter() - closing) * 1000)

        scope.close = timed_close
        return scope

    strategy.begin = timed_begin  # type: ignore[method-assign]
    RootTransaction.rollback = timed_rollback  # type: ignore[method-assign]
    try:
        for warm in range(5):
            isolation_bench.one_scenario(harness, -1 - warm)
        own.clear()
        rollbacks.clear()
        whole = [isolation_bench.one_scenario(harness, n)[0] for n in range(scenarios)]
    finally:
        RootTransaction.rollback = rollback  # type: ignore[method-assign]
        harness.stop()
    rest = [w - o for w, o in zip(whole, own, strict=True)]
    return [
        (
            f"  of which the rollback strategy on {backend} (checkout, BEGIN, session, "
            "ROLLBACK, release)",
            f"{statistics.median(own):.2f} ms",
            "",
        ),
        (
            f"    of which the ROLLBACK statement on {backend}",
            f"{statistics.median(rollbacks):.2f} ms",
            "",
        ),
        (
            f"  of which the rest on {backend} (seeding, stand-ins reset, actors, records)",
            f"{statistics.median(rest):.2f} ms",
            "<= 0.3 ms",
        ),
    ]


def http_overhead(repeat: int) -> Row:
    """One GET through an actor (recorded, contract-checked) against a bare requests call."""
    harness = Harness(Settings(seed=1)).start()
    try:
        run = harness.begin_scenario("http")
        actor = run.cast.actor("Paula")
        actor.call("GET", "/products", expect=200)  # openapi-core loaded, connection open
        with requests.Session() as raw:
            raw.get(harness.url + "/products", timeout=10)
            bare = median_ms(lambda _: raw.get(harness.url + "/products", timeout=10), repeat)
        recorded = median_ms(lambda _: actor.call("GET", "/products", expect=200), repeat)
        harness.end_scenario()
    finally:
        harness.stop()
    return (
        "one HTTP call: recorded and contract-checked / bare requests",
        f"{recorded:.2f} / {bare:.2f} ms (+{recorded - bare:.2f} ms)",
        "",
    )


def suite_rows(runs: int, serial: list[float]) -> list[Row]:
    """The whole suite with the report writers (console, Allure, JUnit) and without: run
    from a folder with no behave configuration, so that none is configured at all."""
    bare = Path(tempfile.mkdtemp(prefix="journeys-bench-"))
    without_config = {"PYTHONPATH": str(REPO), "JOURNEYS_CACHE": str(REPO / ".journeys/cache")}
    reported, plain, scenarios, slowest = [], [], 0, ("", 0.0)
    for _ in range(runs):
        wall, out = behave("features/")  # as a user runs it: reports/allure-results, junit
        reported.append(wall)
        slowest = max(slowest, slowest_scenario(REPO / "reports" / "junit"), key=lambda s: s[1])
        wall, out = behave(
            "-f", "null", "--no-junit", str(REPO / "features"), env=without_config, cwd=bare
        )
        plain.append(wall)
        found = re.search(r"(\d+) scenarios? passed", out)
        scenarios = int(found[1]) if found else 0
    bare.rmdir()  # left empty by the runs
    with_reports, without = statistics.median(reported), statistics.median(plain)
    overhead = 100 * (with_reports - without) / without
    serial.append(with_reports)
    return [
        ("whole suite without report writers", secs(plain), ""),
        ("whole suite with console, Allure results and JUnit", secs(reported), ""),
        ("reporting overhead", f"{overhead:.0f}%", "<= 10%"),
        ("scenarios per second (without report writers)", f"{scenarios / without:.1f}", ""),
        ("slowest scenario", f"{slowest[1]:.2f} s ({slowest[0]})", "<= 0.5 s"),
    ]


def parallel_rows(serial: float) -> list[Row]:
    """The whole suite in 2 and 4 workers (python -m journeys parallel), against the serial
    run with the same report writers."""
    rows = []
    for workers in (2, 4):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "journeys", "parallel", "--workers", str(workers), "features/"],
            cwd=REPO, capture_output=True, text=True,
        )  # fmt: skip
        wall = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(f"journeys parallel failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        rows.append((
            f"whole suite in {workers} workers (journeys parallel), speed-up over serial",
            f"{wall:.2f} s, {serial / wall:.2f}x",
            ">= 1.6x" if workers == 2 else "",
        ))  # fmt: skip
    return rows


def ci_row(log: Path) -> Row:
    """.ci/run's total, from the log of a run on a fresh clone (it prints its stages' times)."""
    found = re.search(r"== time per stage \(total (\d+) min (\d+) s\)", log.read_text())
    if not found:
        sys.exit(f"{log} holds no '== time per stage (total ...)' line: is it a .ci/run log?")
    return (
        ".ci/run on a fresh clone, every stage (from its log)",
        f"{found[1]} min {found[2]} s",
        "<= 12 min",
    )


def slowest_scenario(junit: Path) -> tuple[str, float]:
    cases = [
        (case.get("name", "?"), float(case.get("time", 0)))
        for report in junit.glob("*.xml")
        for case in ET.parse(report).getroot().iter("testcase")
    ]
    return max(cases, key=lambda c: c[1], default=("none", 0.0))


def pytest_rows() -> list[Row]:
    """``pytest`` (the tests a developer runs) and ``pytest -m slow`` (the whole-suite and
    mutation-run tests it leaves out, which CI runs too)."""
    rows = []
    for what, marker, goal in (
        ("the framework's tests (pytest)", [], "<= 90 s"),
        ("the framework's slow tests, whole suite and mutation runs (pytest -m slow)",
         ["-m", "slow"], ""),
    ):  # fmt: skip
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *marker],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - started
        summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "no output"
        rows.append((what, f"{wall:.0f} s ({summary.strip('= ')})", goal))
    return rows


def secs(walls: list[float]) -> str:
    return f"{statistics.median(walls):.2f} s (runs: {', '.join(f'{w:.2f}' for w in walls)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL to measure too")
    parser.add_argument("--quick", action="store_true", help="fewer runs, no pytest")
    parser.add_argument("--ci-log", type=Path, help="a .ci/run log, for its total time")
    options = parser.parse_args()
    runs, scenarios = (2, 50) if options.quick else (5, 200)
    for folder in ("journeys", "shop", "support", "steps", "factories"):
        compileall.compile_dir(REPO / folder, quiet=1)

    rows = [start_up(runs)]
    backends = [("SQLite", "")]
    if options.postgres:
        backends.append(("PostgreSQL", options.postgres))
    for backend, url in backends:
        rows += isolation_rows(backend, url, scenarios)
    rows.append(http_overhead(scenarios))
    serial: list[float] = []
    rows += suite_rows(max(runs - 2, 1), serial)
    rows += parallel_rows(statistics.median(serial))
    if not options.quick:
        rows += pytest_rows()
    if options.ci_log:
        rows.append(ci_row(options.ci_log))

    print(
        f"journeys fast feedback, {date.today()}, {platform.node() or 'this machine'}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print("| what | measured | goal |\n|---|---|---|")
    for what, measured, goal in rows:
        print(f"| {what} | {measured} | {goal} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
