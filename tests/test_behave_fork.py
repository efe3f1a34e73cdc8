"""A forked behave run (tests/behave_fork.py) is what a subprocess run is, and leaves the
test process as it was."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from behave.step_registry import registry

from tests import behave_fork
from tests.conftest import REPO, BehaveProject, run_behave

FAILING = """
    Feature: One passes, one fails
      Scenario: Paula fills her cart
        Given the shop sells 2 products
        And Paula is a registered shopper
      Scenario: A check that fails
        Given Paula is a registered shopper
        Then Paula's cart holds 1 Blue Mug
"""


def summary(output: str) -> list[str]:
    return re.findall(r"(?m)^\d+ (?:features|scenarios|steps) passed.*$", output)


def test_a_forked_run_ends_and_says_what_a_subprocess_run_does(
    project: BehaveProject, monkeypatch
) -> None:
    project.feature(FAILING)
    forked = project.run("-D", "seed=7")
    monkeypatch.setenv("BEHAVE_IN_SUBPROCESSES", "1")
    alone = project.run("-D", "seed=7")
    assert forked.returncode == alone.returncode == 1
    assert summary(forked.stdout) == summary(alone.stdout) != []
    failed = "journeys: 'A check that fails' failed at features/probe.feature:5"
    assert failed in forked.stderr and failed in alone.stderr
    # The closing line (the contract coverage) is the same.
    assert forked.stderr.strip().splitlines()[-1] == alone.stderr.strip().splitlines()[-1]


def test_a_forked_run_changes_nothing_in_the_test_process(project: BehaveProject) -> None:
    project.feature(FAILING)
    project.steps(
        """
        import os
        from behave import given
        os.environ["SET_BY_THE_RUN"] = "yes"
        os.chdir("/")

        @given("a step only this run defines")
        def step_impl(context):
            pass
        """
    )
    cwd, steps = Path.cwd(), {kind: len(found) for kind, found in registry.steps.items()}
    outcome = run_behave(project.root, "features", env={"TMPDIR": str(project.root)})
    assert outcome.returncode == 1, outcome.output[-2000:]
    assert "SET_BY_THE_RUN" not in os.environ
    assert Path.cwd() == cwd
    assert {kind: len(found) for kind, found in registry.steps.items()} == steps


def test_a_run_that_outlives_its_timeout_is_killed(project: BehaveProject) -> None:
    project.steps(
        """
        import time
        from behave import given

        @given("the run sleeps")
        def step_impl(context):
            time.sleep(30)
        """
    )
    project.feature(
        """
        Feature: Slow
          Scenario: Sleeps
            Given the run sleeps
        """
    )
    with pytest.raises(subprocess.TimeoutExpired):
        behave_fork.run(project.root, ["features"], {**os.environ, "PYTHONPATH": str(REPO)}, 3)
