"""python -m journeys parallel: behavex workers, each on a database of its own, one record."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from behave.parser import parse_file
from sqlalchemy import create_engine, text

from tests.conftest import REPO, BehaveProject, database_url

FEATURES = ("cart/cart.feature", "orders/checkout.feature", "accounts/registration.feature")


def parallel(project: BehaveProject, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journeys", "parallel", "--workers", "2", *args, "features"],
        cwd=project.root,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def worker_databases() -> list[str]:
    url = database_url()
    if not url or not url.startswith("postgresql"):
        return []
    engine = create_engine(url)
    with engine.connect() as connection:
        names = connection.execute(
            text("select datname from pg_database where datname ~ '_w[0-9]+_[0-9]+$'")
        ).scalars()
        found = list(names)
    engine.dispose()
    return found


def test_two_workers_make_one_record_and_leave_nothing_behind(project: BehaveProject) -> None:
    shutil.copy(REPO / "pyproject.toml", project.root / "pyproject.toml")
    for feature in FEATURES:
        shutil.copy(REPO / "features" / feature, project.root / "features")
    before = worker_databases()
    done = parallel(project, "-D", "seed=4242", "-D", "tracing=true")  # @tracing ones too
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "journeys parallel: 2 workers, seed 4242" in done.stdout
    assert "python -m journeys parallel --workers 2 -D seed=4242" in done.stdout
    results = list((project.root / "reports/allure-results").glob("*-result.json"))
    scenarios = sum(  # each example of an outline is a scenario of its own
        len(list(parse_file(str(REPO / "features" / f)).walk_scenarios())) for f in FEATURES
    )
    assert len(results) == scenarios
    junit = sorted(p.name for p in (project.root / "reports/junit").glob("TESTS-*.xml"))
    assert len(junit) == len(FEATURES)
    assert worker_databases() == before  # each worker dropped its own database
    # The run says its settings once (not once per worker or feature), and behavex's report
    # is named where it is kept, not in the scratch folder it was made in and that is gone.
    assert done.stderr.count("replay this run's data with") == 1, done.stderr
    assert done.stderr.count(" seed=4242 target=") == 1, done.stderr
    assert "every worker of this parallel run has a database" in done.stderr
    assert "journeys-bx-" not in done.stdout
    # The contract coverage of the whole, once, as the serial run of the same says it.
    said = [
        line for line in (done.stdout + done.stderr).splitlines() if "contract coverage:" in line
    ]
    assert len(said) == 1, said
    serial = project.run("-D", "seed=4242", "-D", "tracing=true")
    assert serial.returncode == 0, serial.output[-2000:]
    [alone] = [line for line in serial.output.splitlines() if "contract coverage:" in line]
    assert said[0].split("contract coverage:")[1] == alone.split("contract coverage:")[1]
    # Every step counted, as the serial run's summary counts them.
    steps = re.search(r"(\d+) steps passed, 0 failed", serial.output)
    assert steps, serial.output[-1000:]
    assert (
        f"journeys parallel: {scenarios} scenarios ({scenarios} passed, 0 failed); "
        f"{steps[1]} steps ({steps[1]} passed, 0 failed)"
    ) in done.stdout
    for path in re.findall(r"(/\S+reports/behavex/\S+\.html)", done.stdout):
        assert Path(path).exists(), path


def test_a_failure_in_any_worker_fails_the_run(project: BehaveProject) -> None:
    project.feature(
        """
        Feature: Broken
          Scenario: A check that fails
            Given Paula is a registered shopper
            Then Paula's cart holds 1 Blue Mug
        """
    )
    shutil.copy(REPO / "features/cart/cart.feature", project.root / "features")
    done = parallel(project)
    assert done.returncode == 1
    assert "journeys parallel: exit 1" in done.stdout
