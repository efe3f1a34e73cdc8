"""What the shop's traces say, in the words of its scenarios: which outside services a step
called, how often the payment provider was asked, and how often it charged. Each reads the
trace of the scenario's last action (its When step), collected with the tracing setting on."""

from __future__ import annotations

from typing import Any

from journeys.tracing import checks
from support.payments import SERVICE as PROVIDER

SHOP = "shop"
OUTSIDE = {PROVIDER: "the payment provider"}
ASKED = f'span[service.name="{PROVIDER}" name="POST /charges"]'
CHARGED = f"{ASKED[:-1]} http.response.status_code<300]"
# The shop's own record of its calls: a client span each, failed when they failed.
CALLED = f'span[service.name="{SHOP}" kind="client" name="POST /charges"]'
CALL_FAILED = f'{CALLED[:-1]} status="error"]'


def provider_asked(run: Any, times: int, action: str) -> None:
    """The provider was asked ``times`` times during the action and charged once, and the
    shop's own spans say so too (every call but the last one failed)."""
    spans = run.trace_of_last_action()
    checks.count(spans, ASKED, times, f"{action} asked the payment provider")
    checks.once(spans, CHARGED, f"{action} charged the payment provider")
    checks.count(spans, CALLED, times, f"the shop's own record of {action}'s calls")
    checks.count(spans, CALL_FAILED, times - 1, "the shop's own record of failed calls")


def called_only(run: Any, action: str, *outside: str) -> None:
    """The action called no outside service but these (by their names in the scenarios)."""
    allowed = {SHOP, *(name for name, words in OUTSIDE.items() if words in outside)}
    checks.only_services(run.trace_of_last_action(), allowed, f"{action} called")
