"""Shards across machines: every scenario in exactly one shard, balanced by recorded
durations, and shards merged into the record a single run makes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from behave.parser import parse_file

from journeys.exceptions import SettingsError
from journeys.shards import deal, parse_shard, read_timings, record_timings, scenarios
from tests.conftest import REPO, BehaveProject, database_url


def every_scenario() -> list[str]:
    return scenarios(["features"], REPO)


def test_the_repositorys_scenarios_are_listed_outline_rows_included() -> None:
    listed = every_scenario()
    expected = sum(
        len(list(parse_file(str(p)).walk_scenarios()))
        for p in (REPO / "features").rglob("*.feature")
    )
    assert len(listed) == expected and len(set(listed)) == len(listed)


@pytest.mark.parametrize("shards", range(1, 9))
def test_every_scenario_is_in_exactly_one_shard_the_same_on_every_deal(shards: int) -> None:
    listed = every_scenario()
    dealt = deal(listed, shards, {})
    assert Counter(loc for share in dealt for loc in share) == Counter(listed)
    assert dealt == deal(list(listed), shards, {})  # deterministic
    sizes = [len(share) for share in dealt]
    assert max(sizes) - min(sizes) <= 1  # by count, without timings


def test_recorded_timings_balance_the_shards_by_time() -> None:
    listed = every_scenario()
    timings = {loc: (5.0 if n % 10 == 0 else 0.1) for n, loc in enumerate(listed)}
    dealt = deal(listed, 3, timings)
    totals = [sum(timings[loc] for loc in share) for share in dealt]
    assert max(totals) - min(totals) <= max(timings.values())
    by_count = deal(listed, 3, {})
    count_totals = [sum(timings[loc] for loc in share) for share in by_count]
    assert max(totals) - min(totals) <= max(count_totals) - min(count_totals)


def test_timings_merge_newest_first(tmp_path: Path) -> None:
    record_timings(tmp_path, {"a.feature:3": 1.0, "a.feature:9": 2.0})
    record_timings(tmp_path, {"a.feature:3": 0.5})
    assert read_timings(tmp_path) == {"a.feature:3": 0.5, "a.feature:9": 2.0}
    (tmp_path / "timings.json").write_text("not json")
    assert read_timings(tmp_path) == {}


@pytest.mark.parametrize("given", ["3/2", "0/2", "2", "a/b"])
def test_a_shard_that_cannot_be_is_refused_saying_how_to_write_it(given: str) -> None:
    with pytest.raises(SettingsError, match="write it K/N with 1 <= K <= N"):
        parse_shard(given)


TWO_FEATURES = {
    "carts.feature": """
@critical
Feature: Carts
  Rule: A cart holds what was added
    Scenario Outline: Adding <n> Blue Mugs
      Given the shop sells these products:
        | product  | category | price | stock |
        | Blue Mug | Kitchen  | 12.50 | 10    |
      And Paula is a registered shopper
      When Paula adds <n> Blue Mugs to her cart
      Then her cart holds <n> Blue Mugs

      Examples:
        | n |
        | 1 |
        | 2 |
        | 3 |
""",
    "shoppers.feature": """
Feature: Shoppers
  Rule: A shopper can register
    Scenario: Paula registers
      Given Paula is a registered shopper

    @critical
    Scenario: Bob registers
      Given Bob is a registered shopper
""",
}


def journeys(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journeys", *args], cwd=cwd, capture_output=True, text=True,
        timeout=300, env={**os.environ, "PYTHONPATH": f"{cwd}:{REPO}"},
    )  # fmt: skip


def outcomes(results: Path) -> Counter[tuple[str, str]]:
    found = [json.loads(p.read_text()) for p in results.glob("*-result.json")]
    return Counter((r["name"], r["status"]) for r in found)


def coverage_line(output: str) -> str:
    [line] = [line for line in output.splitlines() if "contract coverage: " in line]
    return line.split("contract coverage: ", 1)[1]


def coverage_table(results: Path) -> str:
    [table] = [
        p.read_text() for p in results.glob("*-attachment.md") if "| operation |" in p.read_text()
    ]
    return table


@pytest.mark.parametrize("shards", [3, 4])
def test_shards_merged_are_the_serial_run(project: BehaveProject, shards: int) -> None:
    """Same scenarios, same statuses, same JUnit count and the same contract coverage (the
    line and the report's table) as one serial run; the shards alone report none."""
    shutil.copy(REPO / "pyproject.toml", project.root / "pyproject.toml")
    for name, text in TWO_FEATURES.items():
        project.feature(text, name=name)
    serial = project.run("--tags=@critical")
    assert serial.returncode == 0, serial.output[-2000:]
    expected = outcomes(project.root / "reports" / "allure-results")
    assert len(expected) == 4  # three rows of the outline, and Bob
    serial_table = coverage_table(project.root / "reports" / "allure-results")
    for k in range(1, shards + 1):
        shard = journeys(project.root, "shard", f"{k}/{shards}", "features", "--tags=@critical")
        assert shard.returncode == 0, shard.stdout[-2000:] + shard.stderr[-2000:]
        assert "contract coverage: " not in shard.stdout + shard.stderr  # a share says none
    dirs = [f"reports/shards/{k}-of-{shards}" for k in range(1, shards + 1)]
    merged = journeys(project.root, "merge", *dirs, "--into", "merged")
    assert merged.returncode == 0, merged.stderr
    assert outcomes(project.root / "merged" / "allure-results") == expected
    junit = list((project.root / "merged" / "junit").glob("TESTS-*.xml"))
    assert sum(int(x.read_text().split('tests="')[1].split('"')[0]) for x in junit) == 4
    assert coverage_line(merged.stdout) == coverage_line(serial.output)
    assert "journeys merge: contract coverage: " in merged.stdout
    assert coverage_table(project.root / "merged" / "allure-results") == serial_table
    # What the shards measured is what the next deal is balanced by.
    assert len(read_timings(project.root / ".journeys" / "cache")) >= 4


def test_a_merged_run_below_the_minimum_coverage_fails_as_a_serial_run_would(
    project: BehaveProject,
) -> None:
    shutil.copy(REPO / "pyproject.toml", project.root / "pyproject.toml")
    project.feature(TWO_FEATURES["shoppers.feature"], name="shoppers.feature")
    for k in (1, 2):
        shard = journeys(
            project.root, "shard", f"{k}/2", "features", "-D", "min_contract_coverage=90"
        )
        assert shard.returncode == 0, shard.stdout[-2000:] + shard.stderr[-2000:]
    merged = journeys(project.root, "merge", "reports/shards/1-of-2", "reports/shards/2-of-2")
    assert merged.returncode == 1
    assert "below min_contract_coverage=90" in merged.stderr
    assert (project.root / "reports" / "allure-results").is_dir()  # merged all the same


def test_two_shards_at_once_share_one_database_server_and_leave_nothing(
    project: BehaveProject,
) -> None:
    """Two runners (two checkouts) on one PostgreSQL, and the broker and cache the
    environment names: the shards run at the same moment, each on a database of its own made
    and dropped (queues and cache keys are each run's own already), and merge into one
    record of every scenario."""
    url = database_url()
    if not url or not url.startswith("postgresql"):
        pytest.skip("two shards share a database server: set JOURNEYS_DATABASE_URL to one")
    shutil.copy(REPO / "pyproject.toml", project.root / "pyproject.toml")
    for name, text in TWO_FEATURES.items():
        project.feature(text, name=name)
    second = project.root.parent / "second-runner"
    shutil.copytree(project.root, second)
    before = own_databases(url)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "journeys", "shard", f"{k}/2", "features"],
            cwd=where,
            env={**os.environ, "PYTHONPATH": f"{where}:{REPO}"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for k, where in ((1, project.root), (2, second))
    ]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], "\n".join(o[-2000:] for o in outputs)
    names = [re.search(r"database=\S+/(\w+_wshare_\d+)", o) for o in outputs]
    assert all(names) and names[0][1] != names[1][1], outputs  # type: ignore[index]
    merged = journeys(
        project.root, "merge", "reports/shards/1-of-2", str(second / "reports/shards/2-of-2")
    )
    assert merged.returncode == 0, merged.stderr
    assert "journeys merge: 5 results, 5 test cases" in merged.stdout  # every scenario, once
    assert own_databases(url) == before  # each shard dropped its own


def own_databases(url: str) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        found = list(
            connection.execute(
                text("select datname from pg_database where datname ~ '_wshare_[0-9]+$'")
            ).scalars()
        )
    engine.dispose()
    return found
