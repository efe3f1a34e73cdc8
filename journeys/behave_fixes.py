"""Two upstream bugs of behave 1.3.3 that make a run's record lie, worked around here until
behave fixes them (each is checked by tests/test_run_records.py). Applied once, when
journeys' hooks or formatters are loaded.

- A feature's duration counts only the scenarios outside its ``Rule:`` blocks, so a feature
  written in rules "took 0 s" and so did the run ("Took 0min 0.000s").
- A Scenario Outline whose examples all went untested (a dry run), or were never built (a
  run that stopped before it), counts as passed, so the feature after it reads "failed"
  (passed, then untested, looks like an aborted run) and a run in which nothing ran prints
  "1 rule passed".
"""

from __future__ import annotations

from typing import Any

from behave.model import Feature, ScenarioOutline
from behave.model_type import Status


def apply() -> None:
    if getattr(Feature, "_journeys_fixed", False):
        return
    Feature._journeys_fixed = True
    Feature.duration = property(_feature_duration)
    original = ScenarioOutline.compute_status

    def compute_status(outline: Any) -> Any:
        examples = list(outline._scenarios)
        if examples and all(s.status == Status.untested for s in examples):
            return Status.untested
        if not examples and any(e.table and e.table.rows for e in outline.examples):
            return Status.untested  # never built: it never ran
        return original(outline)

    ScenarioOutline.compute_status = compute_status


def _feature_duration(feature: Any) -> float:
    """Every scenario's steps, those inside rules included."""
    own = sum(scenario.duration for scenario in feature.scenarios)
    return own + sum(rule.duration for rule in feature.iter_rules())
