"""The API <-> database cross-check shows what differs, field by field."""

from __future__ import annotations

import pytest

from journeys.checks import documents_agree
from tests.conftest import BehaveProject
from tests.test_invariants import CORRUPT_STEP


def test_documents_that_agree_pass() -> None:
    stored = {"id": 1, "lines": [{"quantity": 2}]}
    documents_agree("the order", "database", stored, api={**stored, "created_at": "ignored"})


def test_differences_are_listed_field_by_field() -> None:
    stored = {"id": 1, "total_cents": 2500, "lines": [{"quantity": 2}, {"quantity": 1}]}
    api = {"id": 1, "total_cents": 2600, "lines": [{"quantity": 3}]}
    with pytest.raises(AssertionError) as failure:
        documents_agree("Paula's order", "database", stored, api=api)
    # Only the fields that differ, with each witness's value; "id" agrees, so it is not shown.
    assert str(failure.value).splitlines() == [
        "Paula's order differs from the database:",
        "  | field             | database | api       |",
        "  | total_cents       | 2500     | 2600      |",
        "  | lines.count       | 2        | 1         |",
        "  | lines[0].quantity | 2        | 3         |",
        "  | lines[1].quantity | 1        | (missing) |",
    ]


def test_a_stored_order_that_differs_from_the_answer_fails_the_step(
    project: BehaveProject,
) -> None:
    project.steps(CORRUPT_STEP)
    project.feature('''
        Feature: Probe
          @skip_invariant:*
          Scenario: Someone edits an order behind the shop's back
            Given the shop sells these products:
              | product  | category | price | stock |
              | Blue Mug | Kitchen  | 12.50 | 10    |
            And Paula is a registered shopper
            And Paula has ordered 2 Blue Mugs
            When someone bypasses the shop and runs:
              """
              UPDATE order_lines SET quantity = 3
              """
            Then her order in the shop matches its records
    ''')
    outcome = project.run()
    assert outcome.returncode == 1
    assert "Paula's order differs from the database:" in outcome.stdout
    assert "| field             | database | api_at_checkout | api_now |" in outcome.stdout
    assert "| lines[0].quantity | 3        | 2               | 3       |" in outcome.stdout
