"""The factories' base: a session per scenario, and data reproducible from a seed.

Each scenario's seed derives from the run seed and the scenario's name, so replaying a run
(``-D seed=N``) rebuilds the same names, emails and prices, even for one scenario run alone.
"""

from __future__ import annotations

import hashlib
from typing import Any

import factory
import factory.random
from factory.alchemy import SQLAlchemyModelFactory
from sqlalchemy.orm import Session

_session: Session | None = None
# What the factories made since the last call to made_since(): the report's "data created".
_journal: list[Any] = []


class UnboundFactoryError(RuntimeError):
    pass


def bind(session: Session | None) -> None:
    """Give the factories the scenario's session (journeys does this before each scenario)."""
    global _session
    _session = session
    _journal.clear()


def current_session() -> Session:
    if _session is None:
        raise UnboundFactoryError(
            "No database session is bound to the factories. journeys binds one before each "
            "scenario; outside a scenario call journeys.data.bind(session) first."
        )
    return _session


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
        _journal.append(obj)
        return obj


def made_since_last_asked() -> list[Any]:
    """The objects factories created since the previous call (one step's worth, in hooks)."""
    made = list(_journal)
    _journal.clear()
    return made


def scenario_seed(run_seed: int, scenario_key: str) -> int:
    digest = hashlib.sha256(f"{run_seed}:{scenario_key}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def reseed(seed: int) -> None:
    """Seed Faker and factory_boy's randomness, and restart every factory's sequence."""
    factory.random.reseed_random(seed)
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
