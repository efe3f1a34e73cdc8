"""The notifications consumer: an email for each event a shopper should hear of.

It runs on the events the relay publishes (see shop/consumers.py for delivery, retries and
dead letters). The email is recorded in ``notifications`` in the same transaction that marks
the event consumed, so the rule "an order is confirmed once" can be checked in the database.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from shop.consumers import PoisonMessage
from shop.mailer import Mailer, money
from shop.models import Notification, Order

# The events a shopper hears of; every other event is consumed without an email.
KINDS = ("account_registered", "order_paid", "order_shipped", "order_cancelled", "order_refunded")


def _subject(kind: str, order: Order) -> str:
    total = money(order.total_cents, order.currency)
    return {
        "order_paid": f"Order {order.id} confirmed: {total}",
        "order_shipped": f"Order {order.id} is on its way",
        "order_cancelled": f"Order {order.id} is cancelled",
        "order_refunded": f"Order {order.id} refunded: {total}",
    }[kind]


def handler(mailer: Mailer) -> Any:
    def handle(db: Session, event: dict[str, Any]) -> None:
        kind = event["kind"]
        if kind not in KINDS:
            return
        if kind == "account_registered":
            to, order_id = _field(event, "email"), None
            subject = f"Welcome to the shop, {_field(event, 'full_name')}"
        else:
            order = db.get(Order, event["subject_id"])
            if order is None:
                raise PoisonMessage(f"no order {event['subject_id']} for a {kind} event")
            to, order_id, subject = order.user.email, order.id, _subject(kind, order)
        mailer.send(to, subject, f"{subject}.\n\nThank you for shopping with us.")
        db.add(
            Notification(
                event_id=event["event_id"], order_id=order_id, kind=kind, recipient=to,
                subject=subject,
            )
        )  # fmt: skip

    return handle


def _field(event: dict[str, Any], name: str) -> str:
    value = event.get(name)
    if not isinstance(value, str) or not value:
        raise PoisonMessage(f"a {event['kind']} event without its {name}")
    return value
