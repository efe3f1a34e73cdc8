"""Bad settings and an unreachable database: one clear message each, and the run stops."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import BehaveProject

FEATURE = """
    Feature: Probe
      Scenario: Anything
        Given Paula is a registered shopper
"""


def test_an_unknown_setting_is_refused_with_the_known_ones(project: BehaveProject) -> None:
    project.feature(FEATURE)
    outcome = project.run("-D", "colour=red")
    assert outcome.returncode == 1
    assert (
        "journeys: the run did not start. unknown setting 'colour' (from -D colour)."
        in outcome.stderr
    )
    assert "journeys knows: database_url, seed, isolation" in outcome.stderr
    assert "0 scenarios passed" in outcome.stdout or "1 untested" in outcome.stdout


def test_a_misspelt_setting_gets_a_suggestion(project: BehaveProject) -> None:
    project.feature(FEATURE)
    outcome = project.run("-D", "isolaton=delete")
    assert outcome.returncode == 1
    assert (
        "unknown setting 'isolaton' (from -D isolaton). Did you mean 'isolation'?" in outcome.stderr
    )


def test_an_unknown_environment_variable_is_refused(project: BehaveProject) -> None:
    project.feature(FEATURE)
    outcome = project.run(env={"JOURNEYS_DATABASE": "sqlite://"})
    assert outcome.returncode == 1
    assert (
        "unknown setting 'database' (from environment variable JOURNEYS_DATABASE). "
        "Did you mean 'database_url'?" in outcome.stderr
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-D", "isolation=truncate"],
            "isolation='truncate' is not a strategy journeys has; use one of auto, rollback, delete, "
            "recreate, restore.",
        ),
        (["-D", "seed=abc"], "seed='abc' (from -D seed) must be a int."),
    ],
)
def test_a_wrong_value_says_what_would_be_right(
    project: BehaveProject, args: list[str], message: str
) -> None:
    project.feature(FEATURE)
    outcome = project.run(*args)
    assert outcome.returncode == 1
    assert message in outcome.stderr


def test_an_unreachable_database_gives_one_clear_message_without_the_password(
    project: BehaveProject,
) -> None:
    project.feature(FEATURE)
    url = "postgresql+psycopg://postgres:hunter2@127.0.0.1:1/test"
    outcome = project.run(env={"JOURNEYS_DATABASE_URL": url})
    assert outcome.returncode == 1
    assert (
        "journeys: the run did not start. cannot reach the database "
        "postgresql+psycopg://postgres:***@127.0.0.1:1/test" in outcome.stderr
    )
    assert "Start the database server, or correct JOURNEYS_DATABASE_URL" in outcome.stderr
    assert "hunter2" not in outcome.output
    assert outcome.stderr.count("journeys: the run did not start") == 1


def test_a_database_holding_rows_is_left_alone(project: BehaveProject, tmp_path: Path) -> None:
    db = tmp_path / "someone-elses-test.sqlite3"  # a test database, by its name
    url = f"sqlite:///{db}"
    from shop.migrate import upgrade

    upgrade(url=url)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO categories (name, slug) VALUES ('Keep', 'keep')"))
    project.feature(FEATURE)
    outcome = project.run(env={"JOURNEYS_DATABASE_URL": url})
    assert outcome.returncode == 1
    assert "already holds rows: categories (1)" in outcome.stderr
    assert "will not delete data it did not write" in outcome.stderr
    with engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM categories")).scalars().all() == ["Keep"]
