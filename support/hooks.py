"""behave's hooks, re-exported by the one-line ``environment.py`` at the repository root."""

from __future__ import annotations

import sys
from typing import Any

from behave.model import Step

import support.builtin_steps  # noqa: F401  (registers journeys' own steps)
from support.builtin_steps import CONSISTENCY_STEP
from support.harness import Harness, HarnessError
from support.settings import Settings, SettingsError

__all__ = [
    "after_all",
    "after_scenario",
    "before_all",
    "before_scenario",
    "before_step",
]

SKIP_INVARIANT_TAG = "skip_invariant:"


def _say(message: str) -> None:
    # Straight to the real stderr: behave's capture must not swallow what the run is doing.
    print(f"journeys: {message}", file=sys.__stderr__, flush=True)


def before_all(context: Any) -> None:
    try:
        settings = Settings.load(context.config.userdata)
        harness = Harness(settings).start()
    except (SettingsError, HarnessError) as exc:
        _say(f"the run did not start. {exc}")
        raise
    context.harness = harness
    _say(f"{settings.describe(harness.database_url)} server={harness.url}")
    _say(f"replay this run's data with: behave -D seed={settings.seed} ...")


def before_scenario(context: Any, scenario: Any) -> None:
    skip = [
        t[len(SKIP_INVARIANT_TAG) :]
        for t in scenario.effective_tags
        if t.startswith(SKIP_INVARIANT_TAG)
    ]
    run = context.harness.begin_scenario(
        f"{scenario.filename}:{scenario.name}",
        skip_invariants=skip,
        where=f"the @{SKIP_INVARIANT_TAG}... tags of {scenario.location}",
    )
    if context.harness.target.invariants:
        # A real step, so a broken invariant fails like any check: message, report and all.
        last = scenario.steps[-1] if scenario.steps else scenario
        scenario.steps.append(Step(scenario.filename, last.line, "Then", "then", CONSISTENCY_STEP))
    context.run = run
    context.cast = run.cast
    context.db = run.db


def before_step(context: Any, step: Any) -> None:
    context.run.recorder.step = context.run.queries.step = f"{step.keyword} {step.name}"


def after_scenario(context: Any, scenario: Any) -> None:
    # Runs for failed scenarios too: the rollback always happens.
    run = getattr(context, "run", None)
    if run is None:  # before_scenario itself failed
        return
    if scenario.status == "failed":
        _say(f"'{scenario.name}' failed at {scenario.location}; {_last_exchange(run)}")
    if run.skipped_invariants:
        names = ", ".join(sorted(run.skipped_invariants))
        _say(f"'{scenario.name}': invariants not checked, on purpose: {names}")
    context.harness.end_scenario()


def after_all(context: Any) -> None:
    undefined = getattr(context._runner, "undefined_steps", [])
    if undefined:
        where = "; ".join(f"'{step.name}' at {step.location}" for step in undefined[:5])
        _say(
            f"{len(undefined)} undefined step(s): {where}. "
            "List the steps that exist with: behave --steps-catalog"
        )
    harness = getattr(context, "harness", None)
    if harness is None:
        return
    try:
        leaked = harness.leftover_rows()
        if leaked:
            _say(f"isolation leak: rows remain after the run in {leaked}")
    finally:
        harness.stop()


def _last_exchange(run: Any) -> str:
    exchanges = run.recorder.exchanges
    return f"last HTTP call: {exchanges[-1].summary()}" if exchanges else "no HTTP call made"
