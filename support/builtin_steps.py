"""Steps journeys gives every suite. Loaded with the hooks, so a suite need not define them."""

from __future__ import annotations

from typing import Any

from behave import then

# journeys appends this step to every scenario, so it runs after the last one.
CONSISTENCY_STEP = "the stored data is consistent"


@then(CONSISTENCY_STEP)
def step_stored_data_is_consistent(context: Any) -> None:
    """Every invariant of the target holds now (journeys also checks after each scenario)."""
    context.harness.assert_invariants(context.run)
