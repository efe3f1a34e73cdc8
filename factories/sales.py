"""Sales of an earlier day: a paid order and the report's count of it, as the analytics
consumer would have left them (no broker runs in the past)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from factories.accounts import shopper
from factories.catalog import product_named
from factories.orders import OrderFactory
from journeys.data import current_session
from shop.models import SalesDay


def sold_days_ago(email: str, product: str, quantity: int, days: int = 1) -> date:
    """The shopper's paid order of ``quantity`` of the product, ``days`` ago, counted."""
    item = product_named(product)
    day = datetime.now(UTC).date() - timedelta(days=days)
    OrderFactory(
        paid=True, user=shopper(email), lines=1, lines__product=item, lines__quantity=quantity
    )
    session = current_session()
    session.add(SalesDay(day=day, product_id=item.id, units=quantity,
                         revenue_cents=quantity * item.price_cents))  # fmt: skip
    session.commit()
    return day
