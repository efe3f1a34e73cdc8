"""The shop's parts failing on purpose, as a scenario names them: the database, the storage
folder, the catalog cache. Each is a real failure of the part (journeys' own faults), and
each comes back when the scenario says so, or when it ends."""

from __future__ import annotations

from typing import Any

from shop.models import AuditEntry, CartItem, Product, ProductImage, ProductViewer, StockMovement

# What "the database fails" means for the catalog's steps: it refuses to save anything of the
# catalog (signing in, which also writes, still works: the failure is the step's, not Sam's).
CATALOG_TABLES = tuple(
    model.__tablename__
    for model in (Product, ProductImage, StockMovement, AuditEntry, CartItem, ProductViewer)
)
PARTS = ("database", "storage", "cache")


def fail(run: Any, part: str) -> None:
    """From now on the part fails (journeys.harness.ScenarioRun holds each)."""
    if part == "database":
        run.refuse_writes(*CATALOG_TABLES)
    elif part == "storage":
        run.storage.go_down()
    elif part == "cache":
        run.cache.go_down()
    else:
        raise ValueError(f"the shop has no part {part!r} that can fail; it has {PARTS}")


def mend(run: Any, part: str) -> None:
    """The part works again."""
    if part == "database":
        run.accept_writes()
    elif part == "storage":
        run.storage.come_back()
    elif part == "cache":
        run.cache.come_back()
    else:
        raise ValueError(f"the shop has no part {part!r} that can fail; it has {PARTS}")
