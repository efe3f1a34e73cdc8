"""Every invariant fires: corrupt the data behind the shop's back and the scenario fails with
that invariant's rule and the offending rows. The corruption happens inside the scenario's
transaction (constraints switched off as each backend allows) and is rolled back with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.invariants import INVARIANTS
from tests.conftest import BehaveProject

CORRUPT_STEP = '''
from behave import when
from sqlalchemy import text
from journeys.data import current_session


def constraints_off(session):
    """Switch CHECK and FOREIGN KEY enforcement off until the scenario's rollback."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA ignore_check_constraints = ON")
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # until the rollback
        return lambda: connection.exec_driver_sql("PRAGMA ignore_check_constraints = OFF")
    connection.exec_driver_sql("SET LOCAL session_replication_role = replica")  # no FK triggers
    checks = connection.execute(text(
        "SELECT conrelid::regclass::text, conname FROM pg_constraint WHERE contype = 'c' "
        "AND connamespace = 'public'::regnamespace")).all()
    for table, name in checks:
        connection.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    return lambda: None


@when("someone bypasses the shop and runs:")
def step_bypass(context):
    session = current_session()
    constraints_back_on = constraints_off(session)
    for statement in context.text.split(";"):
        if statement.strip():
            session.execute(text(statement))
    constraints_back_on()  # the pooled connection must not keep ignoring CHECKs
    session.commit()
'''

BACKGROUND = """
Feature: Corrupted data
  Background:
    Given the shop sells these products:
      | product  | category | price | stock |
      | Blue Mug | Kitchen  | 12.50 | 10    |
    And Paula is a registered shopper
    And Paula has ordered 2 Blue Mugs
"""

# What must happen before a corruption can show (the cache holds only what was looked at).
FIRST = {
    "cache_agrees_with_database": "Given Paula has looked at the Blue Mug and the Kitchen category"
}

# invariant name -> SQL that breaks it, and nothing a shop would ever do.
CORRUPTIONS = {
    "stock_not_negative": "UPDATE products SET stock = -1",
    "order_has_lines": "DELETE FROM order_lines",
    "order_total_is_sum_of_lines": "UPDATE orders SET total_cents = total_cents + 100",
    "line_total_is_quantity_times_price": "UPDATE order_lines SET line_total_cents = line_total_cents + 1",
    "order_lines_reference_existing_rows": "UPDATE order_lines SET product_id = 999999",
    "one_cart_per_shopper": "DROP INDEX uq_carts_user_id; "
    "INSERT INTO carts (user_id, created_at) SELECT user_id, created_at FROM carts",
    "cart_quantities_positive": "INSERT INTO cart_items (cart_id, product_id, quantity) "
    "SELECT carts.id, products.id, 0 FROM carts, products",
    "ledger_explains_stock": "UPDATE products SET stock = stock + 1",
    # Stock put back, through the ledger, for a cancellation that never happened: only
    # conservation can see it.
    "stock_conservation": "INSERT INTO stock_movements (product_id, kind, quantity, created_at) "
    "SELECT id, 'cancellation', 1, CURRENT_TIMESTAMP FROM products; "
    "UPDATE products SET stock = stock + 1",
    "outbox_drained": "UPDATE outbox_events SET published_at = NULL",
    # Behind the shop's back: the cache still shows the price Paula saw.
    "cache_agrees_with_database": "UPDATE products SET price_cents = price_cents + 1",
    "catalog_changes_audited": "INSERT INTO products "
    "(category_id, name, description, price_cents, currency, stock, published) "
    "SELECT category_id, 'Ghost Mug', description, price_cents, currency, 0, published "
    "FROM products",
    "one_confirmation_per_order": "INSERT INTO notifications "
    "(event_id, order_id, kind, recipient, subject, sent_at) SELECT event_id, order_id, kind, "
    "recipient, subject, sent_at FROM notifications WHERE kind = 'order_paid'",
    "sales_report_matches_orders": "UPDATE sales_by_day SET units = units + 1",
    # A photo record whose file was never stored.
    "photos_match_storage": "INSERT INTO product_images (product_id, key, content_type, size) "
    "SELECT id, 'products/ghost-' || id || '.png', 'image/png', 3 FROM products",
}


def scenario(name: str, sql: str, tags: str = "") -> str:
    return f"""
  {tags}
  Scenario: {name}
    {FIRST.get(name, "")}
    When someone bypasses the shop and runs:
      \"\"\"
      {sql}
      \"\"\"
"""


def results(project: BehaveProject, tmp_path: Path, *args: str) -> dict[str, dict]:
    report = tmp_path / "report.json"
    outcome = project.run("-f", "json", "-o", str(report), *args)
    scenarios = {}
    for feature in json.loads(report.read_text()):
        for element in feature["elements"]:
            if element["type"] == "scenario":
                failed = [
                    s for s in element["steps"] if s.get("result", {}).get("status") == "failed"
                ]
                message = failed[0]["result"]["error_message"] if failed else ""
                if isinstance(message, list):
                    message = "\n".join(message)
                scenarios[element["name"]] = {
                    "status": element["status"],
                    "error": message,
                    "stderr": outcome.stderr,
                }
    return scenarios


@pytest.fixture(scope="module")
def corrupted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    tmp_path = tmp_path_factory.mktemp("invariants")
    project = BehaveProject(tmp_path / "project")
    project.steps(CORRUPT_STEP)
    body = "".join(scenario(name, sql) for name, sql in CORRUPTIONS.items())
    body += scenario(
        "skipped on purpose",
        CORRUPTIONS["stock_conservation"],
        tags="@skip_invariant:stock_conservation",
    )
    project.feature(BACKGROUND + body)
    return results(project, tmp_path)


def test_every_invariant_has_a_corruption_here() -> None:
    assert sorted(CORRUPTIONS) == sorted(i.name for i in INVARIANTS)


@pytest.mark.parametrize("invariant", INVARIANTS, ids=lambda i: i.name)
def test_the_invariant_fails_the_scenario_with_its_rule_and_rows(corrupted, invariant) -> None:
    outcome = corrupted[invariant.name]
    assert outcome["status"] == "failed", outcome
    assert f"Invariant violated: {invariant.rule} [{invariant.name}]" in outcome["error"]
    assert "offending rows (" in outcome["error"] and "\n    | " in outcome["error"]


def test_the_offending_rows_are_shown_as_a_table(corrupted) -> None:
    error = corrupted["order_total_is_sum_of_lines"]["error"]
    assert "| order_id | total_cents | sum_of_lines |" in error
    assert "| 2600        | 2500         |" in error


def test_a_tag_narrows_the_check_and_the_run_says_so(corrupted) -> None:
    outcome = corrupted["skipped on purpose"]
    assert outcome["status"] == "passed", outcome
    assert (
        "journeys: 'skipped on purpose': invariants not checked, on purpose: "
        "stock_conservation" in outcome["stderr"]
    )


def test_an_unknown_invariant_in_a_tag_is_named(project: BehaveProject) -> None:
    project.feature("""
        Feature: Probe
          @skip_invariant:stock_never_negative
          Scenario: A typo in a tag
            Given Paula is a registered shopper
    """)
    outcome = project.run()
    assert outcome.returncode == 1
    assert (
        "unknown invariant(s) stock_never_negative in the tags of "
        "features/probe.feature:3; the target has: stock_not_negative" in outcome.output
    )


def test_a_setting_narrows_the_check_for_the_whole_run(project: BehaveProject) -> None:
    project.steps(CORRUPT_STEP)
    project.feature(BACKGROUND + scenario("cancelled", CORRUPTIONS["stock_conservation"]))
    outcome = project.run("-D", "skip_invariants=stock_conservation,ledger_explains_stock")
    assert outcome.returncode == 0, outcome.output
    assert (
        "invariants not checked, on purpose: ledger_explains_stock, stock_conservation"
        in outcome.stderr
    )
    assert project.run().returncode == 1  # and without the setting, the same data fails


def test_an_unknown_invariant_in_the_setting_stops_the_run(project: BehaveProject) -> None:
    project.feature(BACKGROUND + scenario("anything", "SELECT 1"))
    outcome = project.run("-D", "skip_invariants=stock_conservaton")
    assert outcome.returncode == 1
    assert (
        "journeys: the run did not start. unknown invariant(s) stock_conservaton in the "
        "skip_invariants setting; the target has: stock_not_negative" in outcome.stderr
    )
