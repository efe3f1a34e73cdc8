"""``python -m journeys hunt``: run the suite several times, each in a new random order with a
fresh seed, and say which scenarios do not always give the same answer.

No scenario is retried: a flaky scenario is reported (with the seed and the command that
replays each failure) and marked flaky in the Allure results, never hidden.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Tally:
    location: str
    name: str
    passed: int = 0
    failed_seeds: list[int] = field(default_factory=list)

    @property
    def flaky(self) -> bool:
        return self.passed > 0 and bool(self.failed_seeds)


def hunt(runs: int, behave_args: list[str], results: Path, out: Any = sys.stdout) -> int:
    tallies: dict[str, Tally] = {}
    for run in range(1, runs + 1):
        seed = secrets.randbelow(2**31)
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "run.json"
            done = subprocess.run(
                [
                    sys.executable, "-m", "behave",
                    "-D", "order=random", "-D", f"seed={seed}",
                    "-D", f"clean_results={'true' if run == 1 else 'false'}",
                    "-f", "json", "-o", str(report), *behave_args,
                ],
                capture_output=True, text=True,
            )  # fmt: skip
            if not report.exists() or not report.read_text().strip():
                print(done.stdout[-3000:], done.stderr[-3000:], file=out)
                print(f"flake hunt: run {run} (seed {seed}) did not run at all", file=out)
                return 2
            outcomes = scenario_outcomes(json.loads(report.read_text()))
        for (location, name), passed in outcomes.items():
            tally = tallies.setdefault(f"{location} {name}", Tally(location, name))
            if passed:
                tally.passed += 1
            else:
                tally.failed_seeds.append(seed)
        failed = sum(1 for passed in outcomes.values() if not passed)
        print(f"run {run}: seed {seed}, {len(outcomes) - failed} passed, {failed} failed", file=out)
    marked = mark_flaky(results)
    return report_tallies(tallies, runs, behave_args, marked, out)


def scenario_outcomes(features: list[dict[str, Any]]) -> dict[tuple[str, str], bool]:
    """(location, name) -> passed, from behave's JSON (steps decide where behave 1.3.3
    leaves a scenario inside a Rule without a status)."""
    found = {}
    for feature in features:
        for element in feature.get("elements", []):
            if element.get("type") != "scenario":
                continue
            status = element.get("status")
            steps = [s.get("result", {}).get("status") for s in element.get("steps", [])]
            if status in ("skipped", "untested") or (status is None and not any(steps)):
                continue  # not run (a tag filter, an @in_process scenario by URL)
            passed = status == "passed" if status else all(s == "passed" for s in steps)
            found[(element["location"], element["name"])] = passed
    return found


def mark_flaky(results: Path) -> int:
    """Results of one test that both passed and failed across the runs get Allure's flaky
    flag; returns how many tests were marked."""
    by_test: dict[str, list[tuple[Path, dict[str, Any]]]] = defaultdict(list)
    for path in results.glob("*-result.json"):
        result = json.loads(path.read_text())
        by_test[result.get("historyId", path.name)].append((path, result))
    marked = 0
    for runs in by_test.values():
        statuses = {result.get("status") for _path, result in runs}
        if "passed" in statuses and statuses & {"failed", "broken"}:
            marked += 1
            for path, result in runs:
                result.setdefault("statusDetails", {})["flaky"] = True
                path.write_text(json.dumps(result))
    return marked


def report_tallies(
    tallies: dict[str, Tally], runs: int, behave_args: list[str], marked: int, out: Any
) -> int:
    unsteady = [t for t in tallies.values() if t.failed_seeds]
    print(f"\nflake hunt: {len(tallies)} scenarios, {runs} runs in random order", file=out)
    if not unsteady:
        print("every scenario passed in every run", file=out)
        return 0
    width = max(len(t.name) for t in unsteady)
    for tally in sorted(unsteady, key=lambda t: t.location):
        verdict = "FLAKY" if tally.flaky else "FAILS"
        print(
            f"  {verdict}  {tally.name:<{width}}  passed {tally.passed}, failed "
            f"{len(tally.failed_seeds)}  ({tally.location})",
            file=out,
        )
        for seed in tally.failed_seeds:
            replay = " ".join(["behave", "-D", "order=random", "-D", f"seed={seed}", *behave_args])
            print(f"         replay: {replay}", file=out)
    print(f"{marked} marked flaky in the Allure results", file=out)
    return 1
