"""The factories' base: the scenario's session, and data reproducible from a seed.

The running scenario owns a ``FactoryScope`` (its session, what its factories made); a
context variable points the factories at it while the scenario runs, so no module holds a
session. Each scenario's seed derives from the run seed and the scenario's name, so replaying
a run (``-D seed=N``) rebuilds the same names, emails and prices, even for one scenario.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import factory
import factory.random
from factory.alchemy import SQLAlchemyModelFactory
from faker import generator as faker_generator
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from journeys.exceptions import UnboundFactoryError


@dataclass
class Baseline:
    """The rows the factories created in this scenario, as they were created, by table.

    Invariants may compare the end state with it ("stock went down by exactly what was
    ordered") for a service that keeps no ledger of its own.
    """

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, obj: Any) -> None:
        mapper = sa_inspect(obj).mapper
        row = {attr.key: getattr(obj, attr.key, None) for attr in mapper.column_attrs}
        self.tables.setdefault(mapper.local_table.name, []).append(row)

    def rows(self, table: str) -> list[dict[str, Any]]:
        return list(self.tables.get(table, []))

    def by_key(self, table: str, key: str = "id") -> Mapping[Any, dict[str, Any]]:
        return {row[key]: row for row in self.tables.get(table, [])}


@dataclass
class FactoryScope:
    """What the factories use during one scenario; the scenario's run owns it."""

    session: Session
    baseline: Baseline = field(default_factory=Baseline)
    # Made since the last call to made_since_last_asked(): one step's "data created".
    journal: list[Any] = field(default_factory=list)
    # A system's databases by service name (journeys.system): for ``session_of(name)``.
    sessions: dict[str, Session] = field(default_factory=dict)


_scope: ContextVar[FactoryScope | None] = ContextVar("journeys_factory_scope", default=None)


def bind(session: Session | None) -> FactoryScope | None:
    """Point the factories at ``session`` (journeys does this before each scenario)."""
    scope = FactoryScope(session) if session is not None else None
    _scope.set(scope)
    return scope


def use(scope: FactoryScope | None) -> None:
    _scope.set(scope)


def current_scope() -> FactoryScope:
    scope = _scope.get()
    if scope is None:
        raise UnboundFactoryError(
            "No database session is bound to the factories. journeys binds one before each "
            "scenario; outside a scenario call journeys.data.bind(session) first."
        )
    return scope


def current_session() -> Session:
    return current_scope().session


def session_of(service: str) -> Callable[[], Session]:
    """For a factory of another service's database in a system:
    ``class Meta: sqlalchemy_session_factory = session_of("users")``."""

    def session() -> Session:
        scope = current_scope()
        if service not in scope.sessions:
            known = ", ".join(sorted(scope.sessions)) or "none: the target is one service"
            raise UnboundFactoryError(
                f"a factory writes to the database of {service!r}, which this run does not "
                f"have (its services: {known}). Name the System's service in session_of()."
            )
        return scope.sessions[service]

    return session


class ModelFactory(SQLAlchemyModelFactory):
    """Base of every factory: saves through the scenario's session, committing each object.

    Committing releases the scenario's savepoint at once, so no harness transaction stays
    open across an HTTP call to the app.
    """

    class Meta:
        abstract = True
        sqlalchemy_session_factory = current_session
        sqlalchemy_session_persistence = "commit"

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        obj = super()._create(model_class, *args, **kwargs)
        scope = current_scope()
        scope.journal.append(obj)
        scope.baseline.add(obj)
        return obj


def made_since_last_asked() -> list[Any]:
    """The objects factories created since the previous call (one step's worth, in hooks)."""
    scope = _scope.get()
    if scope is None:
        return []
    made, scope.journal = scope.journal, []
    return made


def scenario_seed(run_seed: int, scenario_key: str) -> int:
    digest = hashlib.sha256(f"{run_seed}:{scenario_key}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def reseed(seed: int) -> None:
    """Seed Faker and factory_boy's randomness, and restart every factory's sequence."""
    # What factory.random.reseed_random(seed) leaves, without its throwaway generator and
    # two copies of its state: both generators seeded alike.
    factory.random.randgen.seed(seed)
    factory.random.randgen.state_set = True  # type: ignore[attr-defined]  # factory_boy sets it
    faker_generator.random.seed(seed)
    for cls in _all_subclasses(ModelFactory):
        if not cls._meta.abstract:
            cls.reset_sequence(force=True)


def faker() -> Any:
    """The Faker instance factory_boy uses, seeded with the scenario."""
    return factory.Faker._get_faker()


def _all_subclasses(cls: type[ModelFactory]) -> list[type[ModelFactory]]:
    found: list[type[ModelFactory]] = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_all_subclasses(sub))
    return found
