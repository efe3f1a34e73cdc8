"""Invariants: business rules about the stored data, checked after every scenario.

Each invariant is a name, the rule in a sentence, and a query that returns the rows breaking
it. A scenario whose steps all passed still fails if any invariant returns a row: the API said
"ordered", but the database disagrees. Instead of a query, an invariant may be a function of
the database and the scenario's baseline (the rows its factories created), to state a rule
such as "stock went down by exactly what was ordered" for a service that keeps no ledger.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Executable

from journeys.data import Baseline
from journeys.database import ScenarioDatabase
from journeys.exceptions import InvariantViolation, UnknownInvariantError
from journeys.tables import render

Rows = list[Mapping[str, Any]]


@dataclass(frozen=True)
class Invariant:
    name: str
    rule: str
    # A query, or a function of the database and the baseline: each row found breaks the rule.
    offending_rows: Executable | Callable[..., Rows]
    # Stores outside the database the function reads too ("cache": what the service's cache
    # holds, key -> value); it is then called with a third argument, {name: contents}.
    reads: tuple[str, ...] = ()

    def find(
        self, db: ScenarioDatabase, baseline: Baseline, stores: Mapping[str, Any] | None = None
    ) -> Rows:
        if callable(self.offending_rows):
            if self.reads:
                held = {name: (stores or {}).get(name, {}) for name in self.reads}
                return list(self.offending_rows(db, baseline, held))
            return list(self.offending_rows(db, baseline))
        return db.rows(self.offending_rows)


@dataclass(frozen=True)
class Violation:
    invariant: Invariant
    rows: list[Mapping[str, Any]]

    def describe(self) -> str:
        return (
            f"Invariant violated: {self.invariant.rule} [{self.invariant.name}]\n"
            f"  offending rows ({len(self.rows)}):\n{render(self.rows, indent='    ')}"
        )


def check(
    db: ScenarioDatabase,
    invariants: Iterable[Invariant],
    skip: Iterable[str] = (),
    baseline: Baseline | None = None,
    stores: Mapping[str, Any] | None = None,
) -> list[Violation]:
    skipped = set(skip)
    found = []
    for invariant in invariants:
        if invariant.name in skipped:
            continue
        rows = invariant.find(db, baseline or Baseline(), stores)
        if rows:
            found.append(Violation(invariant, rows))
    return found


def assert_hold(
    db: ScenarioDatabase,
    invariants: Iterable[Invariant],
    skip: Iterable[str] = (),
    baseline: Baseline | None = None,
    stores: Mapping[str, Any] | None = None,
) -> None:
    violations = check(db, invariants, skip, baseline, stores)
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
