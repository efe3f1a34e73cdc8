"""Invariants: business rules about the stored data, checked after every scenario.

Each invariant is a name, the rule in a sentence, and a query that returns the rows breaking
it. A scenario whose steps all passed still fails if any invariant returns a row: the API said
"ordered", but the database disagrees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Executable

from journeys.database import ScenarioDatabase
from journeys.tables import render


@dataclass(frozen=True)
class Invariant:
    name: str
    rule: str
    offending_rows: Executable  # a query: each row it returns breaks the rule


@dataclass(frozen=True)
class Violation:
    invariant: Invariant
    rows: list[Mapping[str, Any]]

    def describe(self) -> str:
        return (
            f"Invariant violated: {self.invariant.rule} [{self.invariant.name}]\n"
            f"  offending rows ({len(self.rows)}):\n{render(self.rows, indent='    ')}"
        )


class InvariantViolation(AssertionError):
    def __init__(self, violations: Sequence[Violation]) -> None:
        self.violations = list(violations)
        super().__init__("\n".join(v.describe() for v in self.violations))


class UnknownInvariantError(ValueError):
    pass


def check(
    db: ScenarioDatabase, invariants: Iterable[Invariant], skip: Iterable[str] = ()
) -> list[Violation]:
    skipped = set(skip)
    found = []
    for invariant in invariants:
        if invariant.name in skipped:
            continue
        rows = db.rows(invariant.offending_rows)
        if rows:
            found.append(Violation(invariant, rows))
    return found


def assert_hold(
    db: ScenarioDatabase, invariants: Iterable[Invariant], skip: Iterable[str] = ()
) -> None:
    violations = check(db, invariants, skip)
    if violations:
        raise InvariantViolation(violations)


def known_names(invariants: Iterable[Invariant], names: Iterable[str], where: str) -> set[str]:
    """Check that every name given to skip is an invariant; ``*`` means all of them."""
    known = [i.name for i in invariants]
    wanted = {n.strip() for n in names if n.strip()}
    if "*" in wanted:
        return set(known)
    unknown = sorted(wanted - set(known))
    if unknown:
        raise UnknownInvariantError(
            f"unknown invariant(s) {', '.join(unknown)} in {where}; "
            f"the target has: {', '.join(known) or 'none'}"
        )
    return wanted
