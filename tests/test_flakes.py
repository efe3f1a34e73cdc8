"""The flake hunt: random order, fresh seeds, no retries, and an honest account."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, BehaveProject

FLAKY_STEP = """
from pathlib import Path
from behave import then

@then("the second run of this scenario fails")
def step_second_run_fails(context):
    counter = Path({counter!r})
    runs = int(counter.read_text()) + 1 if counter.exists() else 1
    counter.write_text(str(runs))
    assert runs != 2, "this scenario fails on its second run, on purpose"
"""


def hunt(project: BehaveProject, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journeys", "hunt", *args],
        cwd=project.root,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_scenario_that_fails_once_is_reported_flaky_with_its_replay(
    project: BehaveProject, tmp_path: Path
) -> None:
    project.steps(FLAKY_STEP.format(counter=str(tmp_path / "runs.txt")))
    project.feature(
        """
        Feature: Hunted
          Scenario: Steady
            Given Paula is a registered shopper
          Scenario: Unsteady
            Given Paula is a registered shopper
            Then the second run of this scenario fails
        """
    )
    results = project.root / "results"
    allure = ("-f", "journeys.allure_formatter:AllureFormatter", "-o", str(results))
    done = hunt(project, "--runs", "3", "--results", str(results), *allure, "features")
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert sum(line.startswith("run ") for line in lines) == 3
    [flaky] = [line for line in lines if "FLAKY" in line]
    assert "Unsteady" in flaky and "passed 2, failed 1" in flaky
    assert "Steady " not in done.stdout.split("flake hunt:")[1].replace("Unsteady", "")
    [replay] = [line for line in lines if "replay:" in line]
    seed = replay.split("seed=")[1].split()[0]
    assert f"run 2: seed {seed}," in done.stdout  # the failing run's seed, and its command
    assert "behave -D order=random -D seed=" in replay
    marked = [
        json.loads(p.read_text()) for p in results.glob("*-result.json")
        if json.loads(p.read_text())["name"] == "Unsteady"
    ]  # fmt: skip
    assert len(marked) == 3 and all(r["statusDetails"].get("flaky") for r in marked)


def test_a_steady_suite_passes_the_hunt(project: BehaveProject) -> None:
    project.feature(
        """
        Feature: Steady
          Scenario: Register
            Given Paula is a registered shopper
        """
    )
    done = hunt(project, "--runs", "2", "features")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "every scenario passed in every run" in done.stdout


def test_random_order_is_replayed_by_the_seed(project: BehaveProject) -> None:
    for letter in "abcdef":  # six small features: 720 orders
        project.feature(
            f"""
            Feature: Shoppers {letter}
              Scenario: A shopper {letter}
                Given Paula is a registered shopper
            """,
            name=f"{letter}.feature",
        )

    def order(seed: int) -> list[str]:
        done = project.run("-f", "progress", "-D", "order=random", "-D", f"seed={seed}")
        assert done.returncode == 0, done.output
        return [line.split()[0] for line in done.stdout.splitlines() if ".feature" in line]

    first = order(7)
    assert first == order(7)
    assert sorted(first) == sorted(order(8)) and first != sorted(first)
