"""Checks on a step's trace, for steps that say them in business words ("the payment
provider was charged exactly once"): each takes the step's spans and a selector, and a
failure names the spans it found and shows the whole trace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from journeys.exceptions import CheckFailed
from journeys.tracing.selectors import Selector, select
from journeys.tracing.spans import Span
from journeys.tracing.tree import tree

__all__ = ["count", "no_slower_than", "none", "once", "only_services"]


def count(spans: Sequence[Span], selector: str | Selector, expected: int, what: str) -> None:
    """Exactly ``expected`` spans match ``selector``."""
    found = select(spans, selector)
    if len(found) != expected:
        raise _failed(
            what, f"expected {expected} span(s) {selector}, found {len(found)}", found, spans
        )


def once(spans: Sequence[Span], selector: str | Selector, what: str) -> None:
    """Exactly one span matches ``selector``."""
    count(spans, selector, 1, what)


def none(spans: Sequence[Span], selector: str | Selector, what: str) -> None:
    """No span matches ``selector``."""
    count(spans, selector, 0, what)


def only_services(spans: Sequence[Span], allowed: Iterable[str], what: str) -> None:
    """No service outside ``allowed`` took part."""
    allowed = set(allowed)
    others = [span for span in spans if span.service not in allowed]
    if others:
        names = ", ".join(sorted({span.service for span in others}))
        raise _failed(
            what, f"expected only {', '.join(sorted(allowed))}; {names} took part", others, spans
        )


def no_slower_than(spans: Sequence[Span], selector: str | Selector, ms: float, what: str) -> None:
    """No span matching ``selector`` took longer than ``ms`` milliseconds."""
    slow = [span for span in select(spans, selector) if span.duration_ms > ms]
    if slow:
        raise _failed(
            what, f"{len(slow)} span(s) {selector} took longer than {ms:g} ms", slow, spans
        )


def _failed(what: str, why: str, named: Sequence[Span], spans: Sequence[Span]) -> CheckFailed:
    listing = "".join(f"\n  - {span.describe()}" for span in named)
    return CheckFailed(f"{what}: {why}{listing}\nthe step's trace:\n{tree(spans)}")
