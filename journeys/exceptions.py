"""Every error journeys raises, in one place, so a suite can catch them by kind.

Each message says what is wrong and how to fix it; errors about a response carry it.
"""

from __future__ import annotations

from typing import Any


class JourneysError(Exception):
    """Base of journeys' own errors (not of the assertion failures a step raises)."""


class SettingsError(JourneysError):
    """A setting is unknown or holds a value journeys cannot use."""


class HarnessError(JourneysError, RuntimeError):
    """The run cannot start or go on: the message says what is wrong and how to fix it."""


class IsolationBypassed(HarnessError):
    """The service wrote to the database outside the scenario's transaction."""


class UnboundFactoryError(JourneysError, RuntimeError):
    """A factory was used outside a scenario, with no session to save through."""


class TableError(JourneysError, ValueError):
    """A Gherkin table or value cannot be read; the message says which cell and why."""


class UnknownInvariantError(JourneysError, ValueError):
    """A tag or setting names an invariant the target does not have."""


class SelectorError(JourneysError, ValueError):
    """A span selector cannot be read; the message points at the character and says what
    was expected there."""


class ScenarioNotPrepared(JourneysError, RuntimeError):
    """The harness could not begin the scenario; the message says why."""


class MissingExtra(JourneysError, ImportError):
    """An optional part of journeys needs a package that is not installed."""

    def __init__(self, what: str, package: str, extra: str) -> None:
        super().__init__(
            f"{what} needs the package {package!r}: pip install 'journeys[{extra}]' "
            f"(or pip install {package})."
        )


class CheckFailed(AssertionError):
    """A Then check failed (assertions stay AssertionErrors, so behave says 'failed')."""


class NotYet(CheckFailed):
    """An asynchronous outcome did not arrive in time (journeys.eventually)."""


class UnexpectedResponse(CheckFailed):
    """The service answered something other than what the step expected.

    Carries ``.request`` and ``.response`` like requests' own exceptions.
    """

    def __init__(self, message: str, response: Any) -> None:
        self.request = response.request
        self.response = response
        super().__init__(message)


class InvariantViolation(CheckFailed):
    """Stored data breaks one or more of the target's invariants."""

    def __init__(self, violations: Any) -> None:
        self.violations = list(violations)
        super().__init__("\n".join(v.describe() for v in self.violations))
