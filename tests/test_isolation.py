"""Per-scenario rollback, proved on the backend under test (SQLite, or JOURNEYS_DATABASE_URL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from factories import ProductFactory, UserFactory
from journeys import Harness
from shop.models import CartItem, User
from tests.conftest import REPO, database_url, run_behave


def fresh_counts(harness: Harness) -> dict[str, int]:
    """Row counts seen by a brand-new connection from a separate engine."""
    engine = create_engine(harness.database_url)
    try:
        with engine.connect() as connection:
            return {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar()
                for table in harness.target.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def test_rows_from_the_app_and_the_factories_are_visible_inside_and_gone_after(harness):
    run = harness.begin_scenario("isolation:visible")
    try:
        ProductFactory(name="Blue Mug")
        UserFactory()
        paula = run.cast.actor("Paula")
        paula.call(
            "POST",
            "/accounts",
            expect=201,
            json={"email": "paula@example.com", "password": "long enough", "full_name": "Paula"},
        )
        counts = run.db.table_counts(harness.target.metadata)
        assert counts["products"] == 1 and counts["categories"] == 1
        assert counts["users"] == 2  # one from the factory, one registered over HTTP
        # The app sees the factory's product: both sides share the scenario's transaction.
        found = paula.call("GET", "/products", params={"q": "blue mug"}, expect=200).json()
        assert [p["name"] for p in found["items"]] == ["Blue Mug"]
    finally:
        harness.end_scenario()
    assert set(fresh_counts(harness).values()) == {0}


def test_an_app_rollback_after_an_integrity_error_keeps_the_scenarios_earlier_rows(harness):
    run = harness.begin_scenario("isolation:integrity")
    try:
        ProductFactory()
        shopper = UserFactory()
        quentin = run.cast.actor("Quentin")
        answer = quentin.call(
            "POST",
            "/accounts",
            json={"email": shopper.email, "password": "long enough", "full_name": "Quentin"},
        )
        assert answer.status_code == 409  # the unique index fired inside the request
        counts = run.db.table_counts(harness.target.metadata)
        assert counts["users"] == 1 and counts["products"] == 1
        # And the scenario goes on: the app can still write in the same transaction.
        quentin.call(
            "POST",
            "/accounts",
            expect=201,
            json={"email": "quentin@example.com", "password": "long enough", "full_name": "Q"},
        )
        assert run.db.count(User.__table__) == 2
    finally:
        harness.end_scenario()
    assert set(fresh_counts(harness).values()) == {0}


def test_foreign_keys_are_enforced(harness):
    harness.begin_scenario("isolation:foreign-keys")
    try:
        from journeys.data import current_session

        session = current_session()
        with pytest.raises(IntegrityError):
            session.execute(
                insert(CartItem).values(cart_id=999_999, product_id=999_999, quantity=1)
            )
            session.flush()
        session.rollback()
    finally:
        harness.end_scenario()


def test_a_failed_scenario_is_rolled_back_too(tmp_path: Path):
    project = tmp_path / "project"
    (project / "features").mkdir(parents=True)
    (project / "steps").mkdir()
    (project / "environment.py").write_text("from journeys.hooks import *\n")
    (project / "steps" / "s.py").write_text(
        "from behave import given, then\n"
        "from factories import ProductFactory\n"
        "@given('a product is made')\n"
        "def make(context):\n    ProductFactory()\n"
        "@then('the scenario fails')\n"
        "def fail(context):\n    assert False, 'on purpose'\n"
    )
    (project / "features" / "f.feature").write_text(
        "Feature: F\n  Scenario: S\n    Given a product is made\n    Then the scenario fails\n"
    )
    url = database_url() or f"sqlite:///{tmp_path / 'failed_test.sqlite3'}"
    outcome = run_behave(project, "features", env={"JOURNEYS_DATABASE_URL": url})
    assert outcome.returncode == 1 and "on purpose" in outcome.output
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM products")).scalar() == 0
    engine.dispose()


@pytest.mark.slow  # the whole suite: pytest -m slow
def test_after_the_whole_suite_every_table_is_empty(tmp_path: Path):
    url = database_url() or f"sqlite:///{tmp_path / 'suite_test.sqlite3'}"
    # From a directory without [tool.behave]: the user's own reports/ stay untouched.
    outcome = run_behave(
        tmp_path, str(REPO / "features"), "-f", "progress", env={"JOURNEYS_DATABASE_URL": url}
    )
    assert outcome.returncode == 0, outcome.output[-3000:]
    assert "19 scenarios passed" in outcome.stdout or "scenarios passed, 0 failed" in outcome.stdout
    engine = create_engine(url)
    try:
        from shop.db import Base

        with engine.connect() as connection:
            counts = {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar()
                for table in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()
    assert counts and set(counts.values()) == {0}, counts


def test_concurrent_requests_on_the_shared_connection_all_succeed(harness):
    """Without serialising, one connection serving parallel requests fails most of them."""
    from concurrent.futures import ThreadPoolExecutor

    run = harness.begin_scenario("isolation:concurrent")
    try:
        ProductFactory.create_batch(3)
        actors = [run.cast.actor(f"Shopper{n}") for n in range(8)]

        def register_and_browse(number: int) -> tuple[int, int]:
            actor = actors[number % len(actors)]
            made = actor.call(
                "POST",
                "/accounts",
                json={
                    "email": f"shopper{number}@example.com",
                    "password": "long enough",
                    "full_name": f"Shopper {number}",
                },
            )
            return made.status_code, actor.call("GET", "/products").status_code

        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(register_and_browse, range(40)))
        assert statuses == [(201, 200)] * 40
        assert run.db.count(User.__table__) == 40
    finally:
        harness.end_scenario()
    assert set(fresh_counts(harness).values()) == {0}
