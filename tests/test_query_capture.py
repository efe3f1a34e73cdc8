"""SQL is captured per request; budgets fail with the statements; an N+1 is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import ProductFactory
from journeys.queries import Statement, does_not_grow, within_budget
from tests.conftest import BehaveProject


def test_each_request_gets_the_statements_it_caused_and_the_step_they_ran_in(harness):
    run = harness.begin_scenario("queries:per-request")
    try:
        ProductFactory.create_batch(3)
        run.queries.step = run.recorder.step = "When Paula browses"
        visitor = run.cast.visitor()
        first = visitor.call("GET", "/products", expect=200)
        second = visitor.call("GET", "/categories", expect=200)
        listed = run.queries.of_response(first)
        assert [s.request for s in listed] == ["1", "1"]
        assert "FROM products" in listed[1].sql and "categories" in listed[1].sql
        assert [s.sql.split()[0] for s in run.queries.of_response(second)] == ["SELECT"]
        # Recorded with the HTTP exchange and the step, for reports.
        exchange = run.recorder.exchanges[0]
        assert exchange.request_id == "1" and len(exchange.queries) >= 2
        assert {s.step for s in exchange.queries} == {"When Paula browses"}
        # The factories' statements belong to no request.
        assert any(
            s.request is None and "INSERT INTO products" in s.sql for s in run.queries.statements
        )
    finally:
        harness.end_scenario()


def statements(*sql: str) -> list[Statement]:
    return [Statement(s, (), "1", None) for s in sql]


def test_a_budget_overrun_lists_the_statements() -> None:
    with pytest.raises(
        AssertionError,
        match=r"(?s)a page took 3 database queries; the budget "
        r"is 2:\n  1\. SELECT a\n  2\. SELECT b\n  3\. ",
    ):
        within_budget("a page", statements("SELECT a", "SELECT b", "SELECT c"), 2)
    within_budget("a page", statements("SELECT a", "SELECT b"), 2)


def test_growth_names_the_repeated_statement() -> None:
    before = statements("SELECT count", "SELECT list", "SELECT one WHERE id = ?")
    after = statements("SELECT count", "SELECT list", *["SELECT one WHERE id = ?"] * 20)
    with pytest.raises(
        AssertionError,
        match=r"took 3 database queries, then 22 after 45 more: "
        r"the cost grows with the data \(an N\+1 query\)\. "
        r"Repeated 20 times:\n  SELECT one WHERE id = \?",
    ):
        does_not_grow("a page", before, after, "45 more")
    does_not_grow("a page", before, list(before), "nothing")


def test_a_deliberate_n_plus_one_fails_with_the_repeated_statement(
    project: BehaveProject, tmp_path: Path
) -> None:
    project.feature("""
        Feature: Probe
          Scenario: The catalog with 5 products, then 50
            Given the shop sells 5 products
            Then showing a page of the catalog takes no more database queries once the shop sells 45 more products
    """)
    outcome = project.run("-D", "target=tests.n_plus_one:TARGET")
    assert outcome.returncode == 1
    assert (
        "a page of the catalog took 7 database queries, then 22 after the shop sells 45 "
        "more products: the cost grows with the data (an N+1 query). Repeated 20 times:"
        in outcome.stdout
    )
    assert "FROM categories WHERE categories.id = " in outcome.stdout
    # The shop as it is passes the same scenario.
    assert project.run().returncode == 0
