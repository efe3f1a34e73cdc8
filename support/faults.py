"""The shop's parts failing on purpose, as a scenario names them: the database, the storage
folder, the catalog cache. Each is a real failure of the part (journeys' own faults), and
each comes back when the scenario says so, or when it ends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shop.models import AuditEntry, CartItem, Product, ProductImage, ProductViewer, StockMovement

# What "the database fails" means for the catalog's steps: it refuses to save anything of the
# catalog (signing in, which also writes, still works: the failure is the step's, not Sam's).
CATALOG_TABLES = tuple(
    model.__tablename__
    for model in (Product, ProductImage, StockMovement, AuditEntry, CartItem, ProductViewer)
)
# Each part: how it fails, and how it comes back (journeys.scenario.ScenarioRun holds each).
PARTS: dict[str, tuple[Callable[[Any], None], Callable[[Any], None]]] = {
    "database": (lambda run: run.refuse_writes(*CATALOG_TABLES), lambda run: run.accept_writes()),
    "storage": (lambda run: run.storage.go_down(), lambda run: run.storage.come_back()),
    "cache": (lambda run: run.cache.go_down(), lambda run: run.cache.come_back()),
}


def fail(run: Any, part: str) -> None:
    """From now on the part fails."""
    _part(part)[0](run)


def mend(run: Any, part: str) -> None:
    """The part works again."""
    _part(part)[1](run)


def _part(part: str) -> tuple[Callable[[Any], None], Callable[[Any], None]]:
    if part not in PARTS:
        raise ValueError(f"the shop has no part {part!r} that can fail; it has {', '.join(PARTS)}")
    return PARTS[part]
