"""behave's hooks, re-exported by the one-line ``environment.py`` at the repository root."""

from __future__ import annotations

import sys
from typing import Any

from support.harness import Harness, HarnessError
from support.settings import Settings, SettingsError

__all__ = ["after_all", "after_scenario", "before_all", "before_scenario", "before_step"]


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
    run = context.harness.begin_scenario(f"{scenario.filename}:{scenario.name}")
    context.cast = run.cast
    context.db = run.db
    context.recorder = run.recorder


def before_step(context: Any, step: Any) -> None:
    context.recorder.step = f"{step.keyword} {step.name}"


def after_scenario(context: Any, scenario: Any) -> None:
    # Runs for failed scenarios too: the rollback always happens.
    if scenario.status == "failed":
        _say(f"'{scenario.name}' failed at {scenario.location}; {_last_exchange(context)}")
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


def _last_exchange(context: Any) -> str:
    exchanges = context.recorder.exchanges
    return f"last HTTP call: {exchanges[-1].summary()}" if exchanges else "no HTTP call made"
