"""How long a whole `behave features/` takes, start-up included: the pace the README quotes.

    python bench/suite_pace.py [--runs 3] [behave arguments...]

Runs behave in a subprocess the given number of times (the machine is noisy, so it prints
each run and the median) and the scenarios per second of wall time.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options, behave_args = parser.parse_known_args()
    walls, scenarios = [], 0
    for run in range(1, options.runs + 1):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "behave", "-f", "null", *(behave_args or ["features/"])],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        walls.append(time.perf_counter() - started)
        if done.returncode != 0:
            print(done.stdout[-2000:], done.stderr[-2000:])
            return done.returncode
        found = re.search(r"(\d+) scenarios? passed", done.stdout)
        scenarios = int(found[1]) if found else 0
        print(f"run {run}: {scenarios} scenarios in {walls[-1]:.2f} s")
    wall = statistics.median(walls)
    print(f"median: {scenarios} scenarios in {wall:.2f} s = {scenarios / wall:.1f} scenarios/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
