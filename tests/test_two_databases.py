"""One service, two databases: its own, and an audit database with no service of its own
(a Target without make_app in a System). Each is rolled back per scenario on its own; the
service reaches the second through ``wiring.databases``; a system run by URL must name it."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeys.exceptions import SettingsError
from journeys.settings import Settings
from journeys.system import System, SystemHarness
from journeys.target import Target
from tests.conftest import REPO, BehaveProject

SERVICE = """
from fastapi import FastAPI
from sqlalchemy import Column, Integer, MetaData, String, Table, insert

from journeys import Target
from journeys.system import System

own = MetaData()
orders = Table("orders", own, Column("id", Integer, primary_key=True), Column("item", String(40)))
kept = MetaData()
audit = Table("audit", kept, Column("id", Integer, primary_key=True), Column("what", String(80)))


def make_app(wiring):
    app = FastAPI()

    @app.post("/orders", status_code=201)
    def order(body: dict):
        with wiring.sessions() as session, session.begin():
            session.execute(insert(orders).values(item=body["item"]))
        with wiring.databases["audit"]() as session, session.begin():
            session.execute(insert(audit).values(what=f"ordered {body['item']}"))
        return body

    return app


SYSTEM = System(
    name="orders-and-audit",
    services={
        "orders": Target(name="orders", metadata=own, make_app=make_app),
        "audit": Target(name="audit", metadata=kept),  # a database, no service
    },
)
"""

STEPS = """
from behave import then, when
from sqlalchemy import text

from journeys import agree


@when('{who} places an audited order for a "{item}"')
def step_order(context, who, item):
    context.cast.actor(who).call("POST", "/orders", json={"item": item}, expect=201)


@then('the orders are {items} and the audit says {entries}')
def step_held(context, items, entries):
    held = context.run.dbs
    agree("orders", items, orders_database=", ".join(r["item"] for r in held["orders"].rows(text("SELECT item FROM orders"))) or "none")
    agree("audit", entries, audit_database=", ".join(r["what"] for r in held["audit"].rows(text("SELECT what FROM audit"))) or "none")
"""

FEATURE = """
Feature: Orders, audited in a database of their own
  Scenario: An order is written to both databases
    When Nora places an audited order for a "teapot"
    Then the orders are teapot and the audit says ordered teapot

  Scenario: Each database was rolled back on its own
    Then the orders are none and the audit says none
"""


def test_a_service_writes_to_a_second_database_each_rolled_back_on_its_own(
    project: BehaveProject, tmp_path: Path
) -> None:
    (project.root / "two_databases.py").write_text(SERVICE)
    project.steps(STEPS, name="two_steps.py")
    project.feature(FEATURE)
    audit_file = tmp_path / "audit_test.sqlite3"
    outcome = project.run(
        "-D", "target=two_databases:SYSTEM", "-D", f"database_url.audit=sqlite:///{audit_file}",
        env={"PYTHONPATH": f"{project.root}:{REPO}", "JOURNEYS_DATABASE_URL": ""},
    )  # fmt: skip
    assert outcome.returncode == 0, outcome.output[-3000:]
    assert "2 scenarios passed, 0 failed" in outcome.stdout
    assert audit_file.exists()  # the audit database is the one named, not a temporary one


def test_a_system_by_url_must_name_the_database_that_has_no_service() -> None:
    system = System(
        name="orders-and-audit",
        services={"orders": Target(name="orders"), "audit": Target(name="audit")},
    )
    settings = Settings(services=(("orders", "base_url", "http://127.0.0.1:9"),))
    harness = SystemHarness(settings, system)
    assert harness.others["audit"].database_only and harness.others["audit"].by_url
    with pytest.raises(
        SettingsError, match=r"set JOURNEYS_DATABASE_URL_AUDIT \(or -D database_url\.audit=\.\.\.\)"
    ):
        harness.start()
