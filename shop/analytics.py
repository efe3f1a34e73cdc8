"""The analytics consumer: units and revenue per product per day, for the sales report.

A payment adds its order's lines on the day it was paid; a refund takes them off on the day
of the refund. Addition does not care about order, so a refund heard before its payment
still nets to zero.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from shop.consumers import PoisonMessage
from shop.models import Product, SalesDay

SIGNS = {"order_paid": 1, "order_refunded": -1}
KINDS = tuple(SIGNS)


def handle(db: Session, event: dict[str, Any]) -> None:
    sign = SIGNS.get(event["kind"])
    if sign is None:
        return
    day = _day(event)
    lines = event.get("lines")
    if not isinstance(lines, list):
        raise PoisonMessage(f"a {event['kind']} event without its lines")
    for line in lines:
        try:
            product_id, units = int(line["product_id"]), int(line["quantity"])
            revenue = int(line["line_total_cents"])
        except (KeyError, TypeError, ValueError):
            raise PoisonMessage(
                f"a {event['kind']} event with a line it cannot read: {line!r}"
            ) from None
        if db.get(Product, product_id) is None:
            raise PoisonMessage(
                f"a {event['kind']} event for product {product_id}, which does not exist"
            )
        sales = db.get(SalesDay, (day, product_id))
        if sales is None:
            sales = SalesDay(day=day, product_id=product_id, units=0, revenue_cents=0)
            db.add(sales)
        sales.units += sign * units
        sales.revenue_cents += sign * revenue


def _day(event: dict[str, Any]) -> date:
    try:
        return datetime.fromisoformat(str(event["occurred_at"])).date()
    except (KeyError, ValueError):
        raise PoisonMessage(f"a {event['kind']} event without the time it happened") from None
