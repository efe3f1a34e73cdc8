"""A bounded "eventually" for outcomes that arrive after the answer (a mail, a message).

No fixed sleep: the check is asked again every ``every`` seconds until it holds or ``within``
has passed; then the step fails with what the check saw last, so a slow consumer and a
missing one read differently.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from journeys.exceptions import NotYet

T = TypeVar("T")


def eventually(check: Callable[[], T], what: str, within: float = 5.0, every: float = 0.02) -> T:
    """``check()``'s value once it stops failing (AssertionError); NotYet after ``within``."""
    started = time.monotonic()
    deadline = started + within
    tries = 0
    while True:
        tries += 1
        try:
            return check()
        except AssertionError as exc:
            if time.monotonic() >= deadline:
                raise NotYet(
                    f"{what}: still not so after {time.monotonic() - started:.2f} s "
                    f"({tries} looks); last seen: {exc}"
                ) from None
        time.sleep(min(every, max(deadline - time.monotonic(), 0)))
