"""The bakery's rules about its stored data, checked by journeys after every scenario.

The bakery keeps no stock ledger, so "stock goes down by exactly what was ordered" compares
the end state with the loaves the scenario's factories baked (journeys' baseline).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bakery.models import Loaf, Order, OrderLine
from sqlalchemy import func, select

from journeys import Baseline, Invariant, ScenarioDatabase

loaves, orders, lines = Loaf.__table__, Order.__table__, OrderLine.__table__


def _stock_accounted_for(db: ScenarioDatabase, baseline: Baseline) -> list[Mapping[str, Any]]:
    sold = select(lines.c.loaf_id, func.sum(lines.c.quantity).label("ordered")).group_by(
        lines.c.loaf_id
    )
    ordered = {row["loaf_id"]: int(row["ordered"]) for row in db.rows(sold)}
    left = {row["id"]: row["stock"] for row in db.rows(select(loaves.c.id, loaves.c.stock))}
    broken = []
    for loaf_id, baked in baseline.by_key("loaves").items():
        if left.get(loaf_id) != baked["stock"] - ordered.get(loaf_id, 0):
            broken.append(
                {
                    "loaf": baked["name"],
                    "baked": baked["stock"],
                    "ordered": ordered.get(loaf_id, 0),
                    "left": left.get(loaf_id),
                }
            )
    return broken


INVARIANTS = (
    Invariant(
        "stock_never_negative",
        "No loaf has fewer than zero on the shelf.",
        select(loaves.c.name, loaves.c.stock).where(loaves.c.stock < 0),
    ),
    Invariant(
        "order_total_is_sum_of_lines",
        "An order's total is the sum of quantity x price over its lines.",
        select(orders.c.id.label("order_id"), orders.c.total_pence)
        .outerjoin(lines, lines.c.order_id == orders.c.id)
        .group_by(orders.c.id, orders.c.total_pence)
        .having(
            orders.c.total_pence
            != func.coalesce(func.sum(lines.c.quantity * lines.c.price_pence), 0)
        ),
    ),
    Invariant(
        "stock_goes_down_by_what_was_ordered",
        "Every loaf baked for the scenario has exactly its baked stock less what was ordered.",
        _stock_accounted_for,
    ),
)
