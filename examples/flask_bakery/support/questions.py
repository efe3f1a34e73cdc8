"""What the bakery's database says: the only module that knows its tables."""

from __future__ import annotations

from bakery.models import BasketItem, Customer, Loaf, Order
from sqlalchemy import func, select

from journeys.database import ScenarioDatabase

loaves, orders = Loaf.__table__, Order.__table__
basket_items, customers = BasketItem.__table__, Customer.__table__


def stock(db: ScenarioDatabase, loaf: str) -> int:
    return int(db.scalar(select(loaves.c.stock).where(loaves.c.name == loaf)))


def basket_size(db: ScenarioDatabase, email: str) -> int:
    return int(
        db.scalar(
            select(func.count())
            .select_from(basket_items.join(customers))
            .where(customers.c.email == email.lower())
        )
        or 0
    )


def order_total_pence(db: ScenarioDatabase, order_id: int) -> int:
    return int(db.scalar(select(orders.c.total_pence).where(orders.c.id == order_id)))


def orders_of(db: ScenarioDatabase, email: str) -> int:
    return int(
        db.scalar(
            select(func.count())
            .select_from(orders.join(customers))
            .where(customers.c.email == email.lower())
        )
        or 0
    )


def accounts_with_email(db: ScenarioDatabase, email: str) -> int:
    return db.count(customers, customers.c.email == email.lower())
