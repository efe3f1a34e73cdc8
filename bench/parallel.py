"""The whole suite serially against 2 worker processes, and what start-up costs a worker.

    python bench/parallel.py [--runs 3] [--workers 2]

Each figure is the median wall time of the given number of runs (the machine is noisy),
console output off, Allure results and JUnit written as in any run. Start-up is a run
that selects no scenario: imports, settings, database, schema, server, stand-ins, and
stopping them again.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:])
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    behave = [sys.executable, "-m", "behave", "-f", "null"]
    parallel = [
        sys.executable, "-m", "journeys", "parallel", "--workers", str(options.workers),
        "-f", "null",
    ]  # fmt: skip
    figures: dict[str, list[float]] = {"serial": [], "parallel": [], "start-up": []}
    for _ in range(options.runs):
        figures["serial"].append(timed([*behave, "features/"]))
        figures["parallel"].append(timed([*parallel, "features/"]))
        figures["start-up"].append(timed([*behave, "--tags=@no-such-tag", "features/"]))
    serial, parallel_time = (statistics.median(figures[k]) for k in ("serial", "parallel"))
    startup = statistics.median(figures["start-up"])
    print(f"whole suite, median of {options.runs} runs on {options_cores()} cores:")
    print(f"  serial (behave)            {serial:6.2f} s")
    print(f"  {options.workers} workers (behavex)       {parallel_time:6.2f} s")
    print(f"  speed-up                   {serial / parallel_time:6.2f}x")
    print(f"  start-up of one run        {startup:6.2f} s  (a worker pays it once)")
    return 0


def options_cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    raise SystemExit(main())
