"""One orderly stop, whatever stops the run: any number of SIGTERM and SIGINT, or scenarios
that keep failing because the environment is gone.

- The first signal ends the run as Ctrl-C does: a step under way is interrupted (behave
  fails it and runs ``after_scenario``), anything else (a hook, the clean-up, a reporter
  writing its file) finishes first; no feature starts after it. Every later signal is
  said and ignored: a KeyboardInterrupt raised inside behave's reporters or the clean-up
  would skip ``after_all`` and leave the run's rows, queues, keys and folders behind.
- A scenario that errors because a part of the environment cannot be reached (the database,
  the service) is an environment error; after ``max_environment_errors`` of them in a row
  the run stops and says why, instead of failing every remaining scenario one by one.

What was not run after a stop is recorded as skipped, with ``reason`` (run_records).
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from typing import Any

import requests
from behave.model_type import Status
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

# What a scenario meets when the database or the service is gone, not when it is wrong.
ENVIRONMENT_ERRORS = (
    OperationalError,
    InterfaceError,
    DisconnectionError,
    requests.ConnectionError,
)
SIGNALS = (signal.SIGTERM, signal.SIGINT)


class RunStop:
    def __init__(self, say: Callable[[str], None], runner: Any) -> None:
        self.say = say
        self.runner = runner
        self.reason: str | None = None  # why the run stopped early, once it has
        self.by_signal = False
        self.interruptible = True  # start-up and steps: a signal interrupts them at once
        self.limit = 0  # max_environment_errors, once the settings are read
        self._in_a_row: list[str] = []
        self._previous: dict[int, Any] = {}

    def install(self) -> RunStop:
        for number in SIGNALS:
            self._previous[number] = signal.signal(number, self._on_signal)
        return self

    def finish(self) -> None:
        """The run's clean-up is done. After a signal, later ones are ignored by the operating
        system until the process ends (Python drops its own handlers while it exits, and a
        signal then would kill a run that stopped cleanly); otherwise the handlers that were
        there before come back."""
        for number, previous in self._previous.items():
            signal.signal(number, signal.SIG_IGN if self.by_signal else previous)
        self._previous.clear()

    def _on_signal(self, number: int, _frame: Any) -> None:
        name = signal.Signals(number).name
        if self.by_signal:
            self.say(f"{name} again: already stopping, the clean-up goes on")
            return
        self.by_signal = True
        self.reason = f"the run was stopped by signal {name}"
        self.say(f"stopped by signal {name}; cleaning up before stopping")
        self.runner.abort(reason=self.reason)
        if self.interruptible:
            raise KeyboardInterrupt(self.reason)

    def scenario_ended(self, scenario: Any, error: BaseException | None = None) -> None:
        """Counts the scenario's environment error, or starts counting again."""
        error = error or _environment_error(scenario)
        if error is None:
            self._in_a_row.clear()
            return
        self._in_a_row.append(f"{type(error).__name__}: {_first_line(error)}")
        if self.limit and len(self._in_a_row) >= self.limit:
            self.stop_run(
                f"{len(self._in_a_row)} scenarios in a row could not run because the "
                f"environment failed (the last: {self._in_a_row[-1]})",
                "Check that the database and the service are up, then run again "
                "(max_environment_errors sets how many in a row stop a run; 0: never).",
            )

    def stop_run(self, reason: str, advice: str = "") -> None:
        """No scenario starts after this one; those not run are recorded as skipped, with
        the reason. The first reason stands."""
        if self.reason is not None:
            return
        self.reason = reason
        self.say(f"the run stopped: {reason}. {advice}".rstrip())
        self.runner.abort(reason=reason)


def _environment_error(scenario: Any) -> BaseException | None:
    if scenario.status not in (Status.error, Status.hook_error, Status.failed):
        return None
    for exception in (
        *(getattr(step, "exception", None) for step in scenario.all_steps),
        getattr(scenario, "exception", None),
    ):
        while exception is not None:  # a wrapped one counts: "could not prepare" from ...
            if isinstance(exception, ENVIRONMENT_ERRORS):
                return exception
            exception = exception.__cause__
    return None


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [""])[0][:200]
