"""@database:<dialect>: a scenario runs only on the databases it names, and says why elsewhere."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from journeys.tags import other_database
from tests.conftest import BehaveProject, database_url

FEATURE = """
    Feature: Probe
      @database:postgresql
      Scenario: Only where readers do not wait for writers
        Given Paula is a registered shopper

      Scenario: Anywhere
        Given Paula is a registered shopper
"""


def test_a_scenario_for_another_database_is_skipped_with_its_reason(
    project: BehaveProject,
) -> None:
    project.feature(FEATURE)
    outcome = project.run()
    assert outcome.returncode == 0, outcome.output
    dialect = make_url(database_url()).get_backend_name() if database_url() else "sqlite"
    if dialect == "postgresql":
        assert "2 scenarios passed, 0 failed, 0 skipped" in outcome.stdout
    else:
        assert "1 scenario passed, 0 failed, 1 skipped" in outcome.stdout
        assert (
            "skipped 'Only where readers do not wait for writers' (features/probe.feature:3): "
            f"@database:postgresql: runs on postgresql only, and this run's database is {dialect}"
        ) in outcome.stderr


def test_several_dialects_and_none() -> None:
    assert other_database("mysql", ["database:postgresql,mysql"]) is None
    assert other_database("sqlite", ["critical", "isolation:delete"]) is None
    reason = other_database("sqlite", ["database:postgresql, mysql"])
    assert reason is not None
    assert reason.startswith("@database:postgresql,mysql: runs on postgresql or mysql only")
