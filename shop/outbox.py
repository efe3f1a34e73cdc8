"""The outbox: what happened, written in the transaction that made it happen.

Call ``record`` before the business operation commits; its event then commits (or rolls
back) with it. A relay publishes the events later, so a broker that is down never loses
one and never blocks a checkout.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from shop.models import Order, OutboxEvent, User


def record(db: Session, kind: str, subject_id: int, **payload: Any) -> OutboxEvent:
    event = OutboxEvent(kind=kind, subject_id=subject_id, payload=payload)
    db.add(event)
    return event


def order_event(db: Session, kind: str, order: Order, **extra: Any) -> OutboxEvent:
    """An event about an order: who, how much, and its lines (for mail and analytics)."""
    return record(
        db,
        kind,
        order.id,
        user_id=order.user_id,
        total_cents=order.total_cents,
        currency=order.currency,
        lines=[
            {"product_id": line.product_id, "quantity": line.quantity,
             "line_total_cents": line.line_total_cents}
            for line in order.lines
        ],
        **extra,
    )  # fmt: skip


def account_registered(db: Session, user: User) -> OutboxEvent:
    return record(db, "account_registered", user.id, email=user.email, full_name=user.full_name)
