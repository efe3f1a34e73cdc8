"""The harness refuses what could hurt a user's real data, and says how to override it."""

from __future__ import annotations

import pytest

from journeys.guards import is_loopback, looks_like_test
from tests.conftest import BehaveProject

FEATURE = """
    Feature: Probe
      Scenario: Anything
        Given Paula is a registered shopper
"""
MARKERS = ["test", "dev", "ci"]


@pytest.mark.parametrize(
    ("url", "is_test"),
    [
        ("postgresql+psycopg://postgres@127.0.0.1:5432/test", True),
        ("postgresql://app@db:5432/shop_ci", True),
        ("postgresql://app@db:5432/ci-shop", True),
        ("postgresql://app@db:5432/shop_test2", True),
        ("postgresql://app@db:5432/%74est", True),  # URL-encoded "test"
        ("mysql://app@db/shop_dev", True),
        ("sqlite:////tmp/journeys/suite_test.sqlite3", True),
        ("sqlite:///dev.db", True),
        ("postgresql://app:secret@db.shop.internal:5432/shop", False),
        ("postgresql://app@db/financial", False),  # "ci" inside a word is not a marker
        ("postgresql://app@prod-db/orders", False),
        # Only the database's name counts: not options, host, user, password or folders.
        ("postgresql://app@db/postgres?application_name=test", False),
        ("postgresql://app@test.example.com/prod", False),
        ("postgresql://developer@db/prod", False),
        ("postgresql://app@db/prod?password=testX", False),
        ("sqlite:///prod.db?test=1", False),
        ("sqlite:////tmp/pytest-of-root/suite.sqlite3", False),
        # A marker is a whole word.
        ("postgresql://app@db/contest", False),
        ("postgresql://app@db/latest", False),
        ("postgresql://app@db/attest", False),
        ("postgresql://app@db/cinema", False),
    ],
)
def test_what_looks_like_a_test_database(url: str, is_test: bool) -> None:
    assert looks_like_test(url, MARKERS) is is_test


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("10.1.2.3", False),
        ("shop.example.com", False),
    ],
)
def test_what_counts_as_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_production_looking_database_is_refused_before_connecting(
    project: BehaveProject,
) -> None:
    project.feature(FEATURE)
    url = "postgresql+psycopg://app:s3cret@127.0.0.1:1/shop"
    outcome = project.run(env={"JOURNEYS_DATABASE_URL": url})
    assert outcome.returncode == 1
    assert (
        "refusing to run against postgresql+psycopg://app:***@127.0.0.1:1/shop: it does "
        "not look like a test database (its name, 'shop', has none of these words: test, dev, "
        "ci; only the database name counts, not the host, user or options)" in outcome.stderr
    )
    assert "JOURNEYS_ALLOW_DATABASE=<the same URL>" in outcome.stderr
    assert "cannot reach" not in outcome.stderr  # refused before any connection
    assert "s3cret" not in outcome.output


def test_allowing_that_exact_database_lets_the_run_go_on(project: BehaveProject) -> None:
    project.feature(FEATURE)
    url = "postgresql+psycopg://app@127.0.0.1:1/shop"
    outcome = project.run(env={"JOURNEYS_DATABASE_URL": url, "JOURNEYS_ALLOW_DATABASE": url})
    assert "refusing" not in outcome.stderr
    assert (
        "cannot reach the database postgresql+psycopg://app@127.0.0.1:1/shop" in outcome.stderr
    )  # the guard let it through; nothing listens on port 1


def test_markers_are_a_setting(project: BehaveProject, tmp_path) -> None:
    project.feature(FEATURE)
    url = f"sqlite:///{tmp_path / 'qa_shop.sqlite3'}"
    refused = project.run("-D", "database_markers=staging", env={"JOURNEYS_DATABASE_URL": url})
    assert "its name, 'qa_shop.sqlite3', has none of these words: staging" in refused.stderr
    accepted = project.run("-D", "database_markers=qa", env={"JOURNEYS_DATABASE_URL": url})
    assert accepted.returncode == 0, accepted.output


def test_a_server_address_off_this_machine_is_refused(project: BehaveProject) -> None:
    project.feature(FEATURE)
    outcome = project.run("-D", "host=10.1.2.3")
    assert outcome.returncode == 1
    assert (
        "refusing to serve the target on '10.1.2.3' (host): it is not a loopback address"
        in outcome.stderr
    )
    assert "JOURNEYS_ALLOW_HOSTS=10.1.2.3" in outcome.stderr


def test_an_allowed_host_gets_past_the_guard(project: BehaveProject) -> None:
    project.feature(FEATURE)
    outcome = project.run("-D", "host=10.1.2.3", "-D", "allow_hosts=10.1.2.3")
    assert "refusing" not in outcome.stderr
    # Past the guard, binding fails: this machine has no such address. No traffic is sent.
    assert "journeys: the run did not start. cannot listen on 10.1.2.3:0" in outcome.stderr


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://app:hunter22@127.0.0.1:5999/prod?password=hunter33",
        "postgresql+psycopg://app@127.0.0.1:5999/shop_test?password=hunter33",
        "postgres ql://app:hunter22@nowhere/x",  # not a URL at all
    ],
)
def test_passwords_in_any_url_never_reach_the_console_or_the_results(
    project: BehaveProject, url: str
) -> None:
    project.feature(FEATURE)
    outcome = project.run("-D", f"database_url={url}")
    assert outcome.returncode == 1
    written = "".join(p.read_text() for p in project.root.rglob("*") if p.is_file())
    for secret in ("hunter22", "hunter33"):
        assert secret not in outcome.output and secret not in written


def test_a_sqlite_file_without_a_marker_is_refused_before_it_is_created(
    project: BehaveProject,
) -> None:
    project.feature(FEATURE)
    outcome = project.run("-D", "database_url=sqlite:///prod.db?test=1")
    assert outcome.returncode == 1
    assert "its name, 'prod.db', has none of these words" in outcome.stderr
    assert not (project.root / "prod.db").exists()


def test_ipv6_loopback_serves_the_target(project: BehaveProject) -> None:
    project.feature(FEATURE)
    outcome = project.run("-D", "host=::1")
    assert outcome.returncode == 0, outcome.output
    assert "server=http://[::1]:" in outcome.stderr


def test_the_readmes_benchmark_command_is_not_refused() -> None:
    """`python bench/isolation.py` lets the harness make its own SQLite files: allowed."""
    import subprocess
    import sys

    from tests.conftest import REPO

    done = subprocess.run(
        [sys.executable, "bench/isolation.py", "--scenarios", "2", "--postgres", "none"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "sqlite file  restore" in done.stdout
