"""Gherkin tables and money, as steps write them: "| Blue Mug | 12.50 |", "24.00 EUR"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from journeys.exceptions import TableError

_MONEY = re.compile(
    r"^\s*(?:[€$£]\s*)?(?P<amount>\d+(?:[.,]\d{1,2})?)\s*(?P<currency>[A-Z]{3})?\s*$"
)


def cents(text: str) -> int:
    """'12.50', '12.50 EUR', '€12.5', '12' -> 1250, 1250, 1250, 1200. Never a float."""
    match = _MONEY.match(text)
    if not match:
        raise TableError(f"{text!r} is not an amount of money; write it like 12.50 or 12.50 EUR")
    try:
        return int(Decimal(match["amount"].replace(",", ".")) * 100)
    except InvalidOperation:
        raise TableError(f"{text!r} is not an amount of money") from None


def records(table: Any, known: Iterable[str], required: Iterable[str] = ()) -> list[dict[str, str]]:
    """Rows of a behave table as dicts keyed by snake_case headings, checked against ``known``."""
    if table is None:
        raise TableError("this step needs a table under it")
    headings = [h.strip().lower().replace(" ", "_") for h in table.headings]
    known = list(known)
    unknown = [h for h in headings if h not in known]
    if unknown:
        raise TableError(
            f"unknown column(s) {', '.join(unknown)} in the table at line {table.line}; "
            f"this step knows: {', '.join(known)}"
        )
    missing = [r for r in required if r not in headings]
    if missing:
        raise TableError(f"the table at line {table.line} needs the column(s) {', '.join(missing)}")
    return [{h: cell.strip() for h, cell in zip(headings, row.cells, strict=True)} for row in table]


def names(text: str) -> list[str]:
    """'Blue Mug, Espresso Cup and Tea Towel' -> ['Blue Mug', 'Espresso Cup', 'Tea Towel']."""
    parts = re.split(r",\s*|\s+and\s+", text.strip())
    return [p.strip() for p in parts if p.strip()]


def quantities(text: str) -> list[tuple[int, str]]:
    """'2 Blue Mugs and 1 Espresso Cup' -> [(2, 'Blue Mugs'), (1, 'Espresso Cup')]."""
    found = []
    for part in names(text):
        match = re.match(r"^(-?\d+)\s+(.+)$", part)
        if not match:
            raise TableError(f"{part!r} should read like '2 Blue Mugs'")
        found.append((int(match[1]), match[2]))
    return found


def priced_quantities(text: str) -> list[tuple[int, str, int]]:
    """'2 Blue Mugs at 12.50 and 1 Tea Towel at 4.50' -> [(2, 'Blue Mugs', 1250), ...]."""
    found = []
    for quantity, rest in quantities(text):
        product, at, price = rest.rpartition(" at ")
        if not at:
            raise TableError(f"{rest!r} should read like 'Blue Mugs at 12.50'")
        found.append((quantity, product, cents(price)))
    return found


def singulars(name: str) -> list[str]:
    """'Blue Mugs' -> ['Blue Mugs', 'Blue Mug']: the ways a product may be named in a step."""
    candidates = [name]
    if name.endswith("es"):
        candidates.append(name[:-2])
    if name.endswith("s"):
        candidates.append(name[:-1])
    return candidates


def render(rows: Sequence[Mapping[str, Any]], indent: str = "", limit: int = 20) -> str:
    """Rows as a Gherkin-style table, so a failure reads like the feature that caused it."""
    if not rows:
        return f"{indent}(no rows)"
    shown = rows[:limit]
    headings = list(shown[0].keys())
    cells = [[str(row.get(h, "")) for h in headings] for row in shown]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headings)]
    lines = [
        indent + "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |"
        for values in [headings, *cells]
    ]
    if len(rows) > len(shown):
        lines.append(f"{indent}... and {len(rows) - len(shown)} more")
    return "\n".join(lines)
