"""A system of two services in two stacks, each with its own database: the shop (FastAPI)
and the bakery (Flask-SQLAlchemy). Personas call either by name, factories write to either
database, a rule reads both, each database is isolated and checked for leaks on its own,
and each service's settings come by name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from journeys.exceptions import SettingsError
from journeys.settings import Settings
from tests.conftest import REPO, BehaveProject

BAKERY = REPO / "examples" / "flask_bakery"
# The bakery's package by its folder: its folder on the path would bring its own `support`.
USE_BAKERY = f"""
import importlib.util, sys

if "bakery" not in sys.modules:
    spec = importlib.util.spec_from_file_location(
        "bakery", {str(BAKERY / "bakery" / "__init__.py")!r},
        submodule_search_locations=[{str(BAKERY / "bakery")!r}],
    )
    sys.modules["bakery"] = module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
"""

SYSTEM = f"""
import use_bakery  # noqa: F401
from bakery import create_app
from bakery.models import Loaf, db
from sqlalchemy import select

from journeys import Invariant, Target
from journeys.flask_sqlalchemy import use_sessions
from journeys.system import System
from shop.models import Product
from support.target import TARGET as SHOP


def make_bakery(wiring):
    app = create_app({{"SQLALCHEMY_DATABASE_URI": wiring.database_url}})
    use_sessions(db, wiring.sessions)
    return app


def loaves_named_like_products(dbs, baseline):
    products = {{row["name"] for row in dbs["shop"].rows(select(Product.__table__))}}
    return [row for row in dbs["bakery"].rows(select(Loaf.__table__)) if row["name"] in products]


BAKERY = Target(
    name="bakery",
    metadata=db.metadata,
    make_app=make_bakery,
    openapi={str(BAKERY / "openapi.json")!r},
)
SYSTEM = System(
    name="shop-and-bakery",
    services={{"shop": SHOP, "bakery": BAKERY}},
    invariants=(
        Invariant(
            "no_loaf_named_like_a_product",
            "No loaf of the bakery has the name of a product of the shop",
            loaves_named_like_products,
        ),
    ),
)
"""

STEPS = """
import use_bakery  # noqa: F401
from behave import given, then
from sqlalchemy import create_engine, select, text

from bakery.models import Loaf
from journeys import agree
from journeys.data import ModelFactory, session_of


class LoafFactory(ModelFactory):
    class Meta:
        model = Loaf
        sqlalchemy_session_factory = session_of("bakery")

    price_pence = 350
    stock = 5


@given('the bakery bakes a loaf named "{name}"')
def step_bakes(context, name):
    LoafFactory(name=name)


@then('{who} sees {loaves} at the bakery')
def step_sees(context, who, loaves):
    wanted = [] if loaves == "no loaf" else [loaves.split('"')[1]]
    answer = context.cast.actor(who).call("GET", "/api/loaves", service="bakery", expect=200)
    stored = context.run.dbs["bakery"].rows(select(Loaf.__table__))
    agree("loaves", wanted, api=[l["name"] for l in answer.json()], bakery_database=[r["name"] for r in stored])


@given("a late job will bake a loaf once the feature is over")
def step_late(context):
    url = context.harness.others["bakery"].database_url

    def bake():
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO loaves (name, price_pence, stock) VALUES ('Late', 1, 1)"))
        engine.dispose()

    context.add_cleanup(bake, layer="feature")
"""

TWO_SERVICES = """
Feature: Two services
  Scenario: A loaf at the bakery, a shopper at the shop
    Given Paula is a registered shopper
    And the bakery bakes a loaf named "Rye"
    Then Paula sees the loaf "Rye" at the bakery

  Scenario: Nothing of the scenario before is left in either database
    Then Paula sees no loaf at the bakery
"""


@pytest.fixture
def system(project: BehaveProject) -> BehaveProject:
    (project.root / "use_bakery.py").write_text(USE_BAKERY)
    (project.root / "shop_and_bakery.py").write_text(SYSTEM)
    project.steps(STEPS, name="bakery_steps.py")
    return project


def run(project: BehaveProject, *args: str) -> object:
    return project.run(
        "-D", "target=shop_and_bakery:SYSTEM", *args,
        env={"PYTHONPATH": f"{project.root}:{REPO}", "JOURNEYS_DATABASE_URL": ""},
    )  # fmt: skip


def test_personas_and_factories_reach_both_services_each_isolated(
    system: BehaveProject, tmp_path: Path
) -> None:
    system.feature(TWO_SERVICES)
    bakery = tmp_path / "bakery_test.sqlite3"
    outcome = run(system, "-D", f"database_url.bakery=sqlite:///{bakery}")
    assert outcome.returncode == 0, outcome.output[-3000:]
    # Each service's contract, checked and covered on its own.
    assert "shop: contract coverage:" in outcome.stderr
    assert "bakery: contract coverage: 1 of" in outcome.stderr
    with sqlite3.connect(bakery) as db:  # the bakery's own database, named by its setting
        assert db.execute("select count(*) from loaves").fetchone() == (0,)


def test_a_rule_across_both_databases_names_the_rows_that_break_it(system: BehaveProject) -> None:
    system.feature(
        """
        Feature: A rule across the system
          Scenario: A loaf named like a product of the shop
            Given the shop sells these products:
              | product  | category | price | stock |
              | Blue Mug | Kitchen  | 12.00 | 10    |
            And the bakery bakes a loaf named "Blue Mug"
        """
    )
    outcome = run(system)
    assert outcome.returncode == 1
    assert (
        "Invariant violated: No loaf of the bakery has the name of a product of the shop "
        "[no_loaf_named_like_a_product]" in outcome.stdout
    )


def test_a_leak_in_the_second_database_fails_the_run_naming_it(
    system: BehaveProject, tmp_path: Path
) -> None:
    system.feature(
        """
        Feature: Late
          Scenario: A job that bakes after everything
            Given a late job will bake a loaf once the feature is over
        """
    )
    bakery = tmp_path / "late_bakery_test.sqlite3"
    outcome = run(system, "-D", f"database_url.bakery=sqlite:///{bakery}")
    assert outcome.returncode == 1
    assert (
        f"isolation leak: rows remain after the run in sqlite:///{bakery}: loaves (1 rows)"
        in outcome.stderr
    )


def test_settings_name_only_the_systems_services() -> None:
    settings = Settings.load(
        {"database_url.users": "sqlite:///users_test.db"},
        env={"JOURNEYS_BASE_URL_CONTENT": "http://127.0.0.1:9000"},
    )
    assert settings.services == (
        ("content", "base_url", "http://127.0.0.1:9000"),
        ("users", "database_url", "sqlite:///users_test.db"),
    )
    users = settings.for_service("users", entry=False)
    assert (users.database_url, users.base_url) == ("sqlite:///users_test.db", "")
    from journeys.system import System, SystemHarness
    from support.target import TARGET as SHOP

    with pytest.raises(SettingsError, match="name service\\(s\\) content, users, which the system"):
        SystemHarness(settings, System(name="s", services={"shop": SHOP}))
    from journeys import Harness

    with pytest.raises(SettingsError, match="names a service of a system, but the target"):
        Harness(settings, SHOP).start()
