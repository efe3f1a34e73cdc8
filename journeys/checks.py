"""Assertions that say what was expected and what each source said.

A Then step usually has two witnesses, the API and the database; when they disagree with the
expectation (or with each other) the message names both, so the failing boundary is obvious.
"""

from __future__ import annotations

from typing import Any

import requests

from journeys.answers import SHAPES, ErrorBody, error_of
from journeys.secrets import mask_text
from journeys.tables import render

_MISSING = "(missing)"


def agree(what: str, expected: Any, **witnesses: Any) -> None:
    """``agree("stock of Blue Mug", 8, api=8, database=10)`` fails naming both witnesses."""
    if all(value == expected for value in witnesses.values()):
        return
    said = ", ".join(f"the {name} says {value!r}" for name, value in witnesses.items())
    raise AssertionError(mask_text(f"{what}: expected {expected!r}, but {said}"))


def refused(answer: requests.Response, status: int, code: str | None = None) -> ErrorBody:
    """The service refused with this status (and error code), saying why; returns the error.

    The error is read with the target's ``read_error``, so any error format works.
    """
    error = error_of(answer)
    if answer.status_code != status or (code is not None and (error and error.code) != code):
        wanted = f"{status} {code!r}" if code else str(status)
        raise AssertionError(
            mask_text(
                f"expected a refusal {wanted}, the service answered {answer.status_code} "
                f"{error or answer.text[:200]!s}"
            )
        )
    if error is None or not (error.message or error.code):
        raise AssertionError(
            mask_text(
                f"the refusal {status} says nothing the target can read "
                f"(body: {answer.text[:200]!r}); a client needs to be told why. journeys "
                f"reads {SHAPES}; for another shape, give the Target a read_error "
                "(a function of the parsed body returning journeys.ErrorBody)"
            )
        )
    return error


def unchanged(what: str, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Two readings of what a service holds (``ScenarioRun.holdings()``, or any dict of
    dicts: tables of rows, files, keys) are the same; fails naming every row, file or key
    added, removed or changed."""
    found = []
    for part in dict.fromkeys([*before, *after]):
        was, now = before.get(part) or {}, after.get(part) or {}
        for key in dict.fromkeys([*was, *now]):
            if key not in now:
                found.append(f"  {part} {key}: gone (was {was[key]!r})")
            elif key not in was:
                found.append(f"  {part} {key}: added ({now[key]!r})")
            elif was[key] != now[key]:
                change = _changed(was[key], now[key])
                found.append(f"  {part} {key}: {change}")
    if found:
        more = f"\n  ... and {len(found) - 20} more" if len(found) > 20 else ""
        listed = "\n".join(found[:20]) + more
        raise AssertionError(mask_text(f"{what}: expected nothing changed, but\n{listed}"))


def _changed(was: Any, now: Any) -> str:
    if isinstance(was, dict) and isinstance(now, dict):
        fields = [f for f in dict.fromkeys([*was, *now]) if was.get(f) != now.get(f)]
        return ", ".join(f"{f} {was.get(f, _MISSING)!r} -> {now.get(f, _MISSING)!r}"
                         for f in fields)  # fmt: skip
    return f"{was!r} -> {now!r}"


def documents_agree(what: str, reference: str, expected: Any, **witnesses: Any) -> None:
    """Compare nested documents field by field; fails with a table of the fields that differ.

    ``expected`` (named ``reference``, e.g. the database) decides which fields are compared;
    each witness (e.g. what the API answered) is read on those fields only.
    """
    want = _flatten(expected)
    seen = {name: _flatten(_project(doc, expected)) for name, doc in witnesses.items()}
    fields = list(want) + [f for doc in seen.values() for f in doc if f not in want]
    rows = []
    for path in dict.fromkeys(fields):
        values = {name: doc.get(path, _MISSING) for name, doc in seen.items()}
        if any(value != want.get(path, _MISSING) for value in values.values()):
            rows.append({"field": path, reference: want.get(path, _MISSING), **values})
    if rows:
        raise AssertionError(
            mask_text(f"{what} differs from the {reference}:\n{render(rows, indent='  ')}")
        )


def _project(doc: Any, shape: Any) -> Any:
    if isinstance(shape, dict) and isinstance(doc, dict):
        return {key: _project(doc.get(key, _MISSING), shape[key]) for key in shape}
    if isinstance(shape, list) and isinstance(doc, list):
        return [
            _project(item, shape[min(i, len(shape) - 1)] if shape else item)
            for i, item in enumerate(doc)
        ]
    return doc


def _flatten(doc: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(doc, dict):
        flat: dict[str, Any] = {}
        for key, value in doc.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(doc, list):
        flat = {f"{prefix}.count": len(doc)}
        for i, value in enumerate(doc):
            flat.update(_flatten(value, f"{prefix}[{i}]"))
        return flat
    return {prefix: doc}


def published(run: Any, kind: str, containing: str = "") -> list[Any]:
    """The messages of this kind published in the scenario so far (by the target's events,
    or on the system's own broker), at least one, each body holding ``containing``; the
    failure lists what was published instead."""
    seen = [s for _step, s in run.recorder.messages if s.what == "published"]
    found = [s for s in seen if s.kind == kind and containing in s.detail]
    if not found:
        kinds = ", ".join(sorted({s.kind for s in seen})) or "nothing"
        holding = f" holding {containing!r}" if containing else ""
        raise AssertionError(
            mask_text(f"no {kind} message{holding} was published; the scenario saw: {kinds}")
        )
    return found
