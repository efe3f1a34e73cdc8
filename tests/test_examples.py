"""The Flask example: a second service, another stack, its own suite, on the same library."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, Outcome, run_behave

EXAMPLE = REPO / "examples" / "flask_bakery"


def bakery_scenarios() -> int:
    """How many scenarios the bakery's features hold (outline rows and those in Rules too)."""
    from behave.parser import parse_file

    features = (REPO / "examples" / "flask_bakery" / "features").rglob("*.feature")
    return sum(len(list(parse_file(str(f)).walk_scenarios())) for f in features)


def run_example(folder: Path, *args: str) -> Outcome:
    # As a new user runs it: journeys installed, the example's own support/ and factories/.
    return run_behave(folder, *args, new_user=True)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "flask_bakery"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("reports", "__pycache__"))
    return target


def test_the_bakery_suite_passes_in_process_with_rollback() -> None:
    outcome = run_example(EXAMPLE)
    assert outcome.returncode == 0, outcome.output
    assert f"{bakery_scenarios()} scenarios passed, 0 failed" in outcome.stdout
    assert "isolation=rollback" in outcome.stderr
    assert "isolation leak" not in outcome.stderr


def test_taking_the_stock_rule_out_of_the_bakery_fails_a_scenario(copy: Path) -> None:
    views = copy / "bakery" / "views.py"
    text = views.read_text()
    rule = "if item.quantity > loaf.stock:  # rule: never more than is on the shelf"
    assert rule in text
    views.write_text(text.replace(rule, "if False:"))
    outcome = run_example(copy)
    assert outcome.returncode == 1
    assert "One more than is left is refused, and nothing changes" in outcome.stdout
    # The database's own constraint stops the sale: a 500, which the bakery's contract does
    # not allow either.
    assert "Contract violation: POST /api/orders -> 500" in outcome.stdout


def test_a_service_writing_through_its_own_engine_stops_the_run_naming_the_table(
    copy: Path,
) -> None:
    target = copy / "support" / "target.py"
    text = target.read_text()
    assert "use_sessions(db, wiring.sessions)" in text
    target.write_text(re.sub(r"\n    use_sessions\(db, wiring.sessions\).*", "", text))
    outcome = run_example(copy)
    assert outcome.returncode == 1
    assert "the service wrote to customers through a database connection of its own" in (
        outcome.stdout
    )
    assert "journeys.flask_sqlalchemy.use_sessions(db, wiring.sessions)" in outcome.stdout
    assert "isolation=delete" in outcome.stdout
    assert "ABORTED" in outcome.output  # the rest of the run is not attempted


def test_the_bakery_report_holds_its_sql_with_password_hashes_masked(copy: Path) -> None:
    results = copy / "results"
    outcome = run_example(
        copy, "-f", "journeys.allure_formatter:AllureFormatter", "-o", str(results)
    )
    assert outcome.returncode == 0, outcome.output
    texts = [p.read_text() for p in results.glob("*-attachment.*")]
    sql = [t for t in texts if "INSERT INTO orders" in t]
    assert sql, "the SQL the Flask app ran was not recorded"
    hashes = [t for t in texts if "INSERT INTO customers" in t]
    assert hashes and all("pbkdf2:" not in t and "scrypt:" not in t for t in hashes)
    scenarios = [
        p for p in results.glob("*-result.json") if "contract coverage" not in p.read_text()
    ]
    assert len(scenarios) == bakery_scenarios()  # the scenarios inside Rules too


def test_the_bakerys_answers_are_checked_against_its_hand_written_contract(copy: Path) -> None:
    views = copy / "bakery" / "views.py"
    text = views.read_text()
    money = 'return f"{pence // 100}.{pence % 100:02d}"'
    assert money in text
    views.write_text(text.replace(money, "return str(pence / 100)"))  # 4.2, not 4.20
    outcome = run_example(copy)
    assert outcome.returncode == 1
    assert "Contract violation: GET /api/loaves -> 200: [0].price:" in outcome.stdout
    assert "does not match" in outcome.stdout
