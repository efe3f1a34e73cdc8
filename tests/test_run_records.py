"""What a run prints and leaves on disk tells the truth: durations, console, dry runs,
folders from earlier runs, a run that could not start, and a run that was stopped."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import REPO, BehaveProject, Outcome, database_url, run_behave

FEATURE = """
    Feature: Probe
      A description that must end its own line.

      Background:
        Given the shop sells 2 products

      Scenario: Browse
        Given Paula is a registered shopper
"""

STOP = """
import os, signal
from behave import when

@when("the run is stopped by {name}")
def step_stop(context, name):
    os.kill(os.getpid(), getattr(signal, name))
"""


def configured(project: BehaveProject) -> BehaveProject:
    """The repository's [tool.behave] configuration: console, Allure and JUnit."""
    shutil.copy(REPO / "pyproject.toml", project.root / "pyproject.toml")
    return project


def run_configured(
    project: BehaveProject, *args: str, env: dict[str, str] | None = None
) -> Outcome:
    # Without --no-capture: as a user runs it, with the configured formatters only.
    return run_behave(project.root, *args, env=env, timeout=180, no_capture=False)


def test_the_console_shows_each_feature_header_once(project: BehaveProject) -> None:
    project.feature(FEATURE)
    done = run_configured(configured(project))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("Feature: Probe") == 1
    assert done.stdout.count("Scenario: Browse") == 1
    assert "A description that must end its own line.\n" in done.stdout


def test_moving_the_clock_does_not_move_the_recorded_durations(project: BehaveProject) -> None:
    shutil.copy(REPO / "features/accounts/tokens.feature", project.root / "features")
    done = run_configured(configured(project))
    assert done.returncode == 0, done.stdout + done.stderr
    took = re.search(r"Took (\d+)min", done.stdout)
    assert took and took[1] == "0"
    times = [
        float(case.get("time", "0"))
        for report in (project.root / "reports/junit").glob("*.xml")
        for case in ET.parse(report).iter("testcase")
    ]
    assert times and max(times) < 60  # one scenario moves the clock 61 minutes on


def test_a_dry_run_and_the_steps_catalog_write_no_results_and_fail_nothing(
    project: BehaveProject,
) -> None:
    shutil.copy(REPO / "features/accounts/tokens.feature", project.root / "features")
    configured(project)
    dry = run_configured(project, "--dry-run")
    assert dry.returncode == 0, dry.stdout
    assert "0 failed" in dry.stdout and "1 untested" in dry.stdout  # an outline, then more
    catalog = run_configured(project, "--steps-catalog")
    entries = re.findall(r"^(?:Given|When|Then|Step) .+$", catalog.stdout, re.M)
    assert entries and len(entries) == len(set(entries))
    results = project.root / "reports/allure-results"
    assert not list(results.glob("*-result.json"))


def test_the_steps_catalog_piped_to_head_ends_quietly(project: BehaveProject) -> None:
    project.feature(FEATURE)
    configured(project)
    done = subprocess.run(
        f"{sys.executable} -m behave --steps-catalog | head -2",
        shell=True,
        cwd=project.root,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "BrokenPipeError" not in done.stderr and "Exception ignored" not in done.stderr


def test_a_run_stopped_by_its_settings_leaves_no_earlier_results(project: BehaveProject) -> None:
    project.feature(FEATURE)
    configured(project)
    assert run_configured(project).returncode == 0
    done = run_configured(project, "-D", "isolaton=delete")
    assert done.returncode == 1
    results = list((project.root / "reports/allure-results").glob("*-result.json"))
    assert len(results) == 1 and "the run did not start" in results[0].read_text()
    junit = [p.name for p in (project.root / "reports/junit").glob("*.xml")]
    assert "TESTS-journeys-run.xml" in junit


def test_a_run_that_cannot_reach_its_database_fails_one_junit_case_saying_why(
    project: BehaveProject,
) -> None:
    project.feature(FEATURE)
    configured(project)
    url = "postgresql+psycopg://app:s3cret@127.0.0.1:1/shop_test"
    done = run_configured(project, env={"JOURNEYS_DATABASE_URL": url})
    assert done.returncode == 1
    report = ET.parse(project.root / "reports/junit/TESTS-journeys-run.xml")
    [error] = list(report.iter("error"))
    assert "cannot reach the database postgresql+psycopg://app:***@127.0.0.1:1" in error.get(
        "message", ""
    )
    assert "s3cret" not in (project.root / "reports/junit/TESTS-journeys-run.xml").read_text()


def committed_rows(url: str) -> int:
    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        return int(db.execute("select count(*) from products").fetchone()[0])


@pytest.mark.skipif(database_url() is not None, reason="counts rows in a SQLite file")
def test_sigterm_cleans_up_like_ctrl_c_and_sigkill_leaves_rows_journeys_can_remove(
    project: BehaveProject, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'stopped_test.sqlite3'}"
    project.steps(STOP, name="stop_steps.py")
    feature = """
        Feature: Stopped
          Scenario: Stopped midway
            Given the shop sells 2 products
            When the run is stopped by {signal}
          Scenario: Never reached
            Given the shop sells 2 products
    """
    settings = ("-D", "isolation=delete", "-D", f"database_url={url}")
    project.feature(feature.format(signal="SIGTERM"))
    stopped = project.run(*settings)
    assert stopped.returncode == 1
    assert "stopped by signal SIGTERM; cleaning up" in stopped.stderr
    assert committed_rows(url) == 0

    project.feature(feature.format(signal="SIGKILL"))
    # A temporary folder of its own: another test's run would remove the killed run's
    # storage folder as soon as it starts, as every run does.
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()
    killed = project.run(*settings, env={"TMPDIR": str(own_tmp)})
    assert killed.returncode == -9
    assert committed_rows(url) == 2
    refused = project.run(*settings)
    assert refused.returncode == 1
    assert "was stopped before it could clean up" in refused.stderr
    assert "python -m journeys clean" in refused.stderr
    # The killed run's storage folder, named with its process id: clean removes it.
    said = re.search(r"storage=(\S+), emptied", killed.stderr)
    assert said and Path(said[1]).is_dir(), killed.stderr

    clean = subprocess.run(
        [sys.executable, "-m", "journeys", "clean", "-D", f"database_url={url}"],
        cwd=project.root,
        env={**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(own_tmp)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert clean.returncode == 0, clean.stderr
    assert "deleted the rows of the run" in clean.stdout
    assert f"removed {said[1]}, the storage folder of a run that was stopped" in clean.stdout
    assert not Path(said[1]).exists()
    assert committed_rows(url) == 0
    project.feature(FEATURE)
    assert project.run(*settings).returncode == 0


def test_isolation_delete_passes_the_token_and_sign_in_features(project: BehaveProject) -> None:
    for name in ("tokens.feature", "sign_in_limits.feature"):
        shutil.copy(REPO / "features/accounts" / name, project.root / "features")
    outcome = project.run("-D", "isolation=delete")
    assert outcome.returncode == 0, outcome.output[-3000:]


def test_a_scenario_that_errors_names_its_place_and_last_call(project: BehaveProject) -> None:
    project.steps(
        """
        from behave import then

        @then("the step code breaks")
        def step_breaks(context):
            raise RuntimeError("a bug in step code")
        """,
    )
    project.feature(
        """
        Feature: Broken
          Scenario: Step code that raises
            Given Paula is a registered shopper
            When Paula signs in
            Then the step code breaks
        """
    )
    outcome = project.run()
    assert outcome.returncode == 1
    assert "'Step code that raises' failed at features/probe.feature:2; last HTTP call: POST" in (
        outcome.stderr
    )


def test_a_feature_written_in_rules_takes_the_time_its_scenarios_took(
    project: BehaveProject,
) -> None:
    project.feature(
        """
        Feature: Ruled
          Rule: Shoppers register
            Scenario: Register
              Given Paula is a registered shopper
              When Paula signs in
        """
    )
    done = run_configured(configured(project))
    assert done.returncode == 0, done.stdout + done.stderr
    took = re.search(r"Took (\d+)min ([\d.]+)s", done.stdout)
    assert took and float(took[2]) > 0  # behave 1.3.3 alone says 0.000s


LATE = """
from behave import given
from sqlalchemy import create_engine, text

@given("a background job will write a category once the feature is over")
def step_late(context):
    url = context.harness.database_url

    def write():  # after every scenario's clean-up: as a late consumer would
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO categories (name, slug) VALUES ('Late', 'late')"))
        engine.dispose()

    context.add_cleanup(write, layer="feature")
"""


@pytest.mark.skipif(database_url() is not None, reason="writes into a SQLite file of its own")
def test_rows_left_after_the_run_fail_it_naming_the_database_and_the_table(
    project: BehaveProject, tmp_path: Path
) -> None:
    project.steps(LATE, name="late_steps.py")
    project.feature(
        """
        Feature: Late
          Scenario: A job that finishes after everything
            Given a background job will write a category once the feature is over
        """
    )
    url = f"sqlite:///{tmp_path / 'late_test.sqlite3'}"
    outcome = project.run("-D", f"database_url={url}")
    assert outcome.returncode == 1, outcome.output[-2000:]
    assert (
        f"isolation leak: rows remain after the run in {url}: categories (1 rows)" in outcome.stderr
    )
