"""Assertions that say what was expected and what each source said.

A Then step usually has two witnesses, the API and the database; when they disagree with the
expectation (or with each other) the message names both, so the failing boundary is obvious.
"""

from __future__ import annotations

from typing import Any

import requests


def agree(what: str, expected: Any, **witnesses: Any) -> None:
    """``agree("stock of Blue Mug", 8, api=8, database=10)`` fails naming both witnesses."""
    if all(value == expected for value in witnesses.values()):
        return
    said = ", ".join(f"the {name} says {value!r}" for name, value in witnesses.items())
    raise AssertionError(f"{what}: expected {expected!r}, but {said}")


def refused(response: requests.Response, status: int, code: str) -> dict[str, Any]:
    """The service refused with this status and error code; returns the error for details."""
    body = response.json() if response.content else {}
    error = body.get("error", {}) if isinstance(body, dict) else {}
    if response.status_code != status or error.get("code") != code:
        raise AssertionError(
            f"expected a refusal {status} {code!r}, the service answered "
            f"{response.status_code} {error.get('code')!r}: {error.get('message', response.text)}"
        )
    if not error.get("message"):
        raise AssertionError(f"the refusal {code!r} carries no message for the shopper")
    return dict(error)
