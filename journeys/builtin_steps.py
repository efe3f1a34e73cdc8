"""Steps journeys gives every suite. Loaded with the hooks, so a suite need not define them."""

from __future__ import annotations

from typing import Any

from behave import given, then

from journeys import reporting
from journeys.exceptions import InvariantViolation, ScenarioNotPrepared

# journeys appends this step to every scenario, so it runs after the last one; in the words
# a product owner reads in the report.
CONSISTENCY_STEP = "every business rule still holds"
# Its earlier wording, still understood in a suite's features.
EARLIER_CONSISTENCY_STEP = "the stored data is consistent"
# ... and puts this one first when the scenario could not be prepared.
PREPARED_STEP = "journeys has prepared the scenario"


@then(CONSISTENCY_STEP)
@then(EARLIER_CONSISTENCY_STEP)
def step_stored_data_is_consistent(context: Any) -> None:
    """Every invariant of the target holds now (journeys also checks after each scenario)."""
    context.harness.assert_isolated(context.run)  # after_scenario then stops the run
    try:
        context.harness.assert_invariants(context.run)
    except InvariantViolation as violation:
        for broken in violation.violations:
            reporting.attach_text(f"Invariant violated: {broken.invariant.name}", broken.describe())
        raise


@given(PREPARED_STEP)
def step_scenario_prepared(context: Any) -> None:
    """Stands in for a failed before_scenario hook, so the failure has a step and a message."""
    error = context.preparation_error
    raise ScenarioNotPrepared(f"journeys could not prepare the scenario: {error}") from error
