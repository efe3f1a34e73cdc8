"""The relay: publishes the outbox's pending events to the broker, oldest first.

Each event is published, then marked published in a short transaction of its own, so a
broker that is down loses nothing (the event stays pending and goes out on the next pass)
and a relay that dies between the two publishes it again: consumers must be idempotent,
and every message carries the event's id for that. kombu speaks to ``memory://`` (nothing
to install) and to RabbitMQ (``amqp://...``) alike.
"""

from __future__ import annotations

from datetime import UTC, datetime

from kombu import Connection
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from shop.events import exchange
from shop.models import OutboxEvent

__all__ = ["exchange", "publish_pending"]


def publish_pending(
    sessions: sessionmaker[Session], broker: Connection, prefix: str = "", limit: int = 100
) -> int:
    """Publishes up to ``limit`` pending events; the number published."""
    with sessions() as db:
        pending = db.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.published_at.is_(None))
            .order_by(OutboxEvent.id)
            .limit(limit)
        ).all()
        events = [
            (e.id, e.kind, e.subject_id, {**e.payload, "occurred_at": e.created_at.isoformat()})
            for e in pending
        ]
    producer = broker.Producer(exchange=exchange(prefix), serializer="json")
    for event_id, kind, subject_id, payload in events:
        producer.publish(
            {"event_id": event_id, "kind": kind, "subject_id": subject_id, **payload},
            routing_key=kind,
            declare=[exchange(prefix)],
            retry=False,  # a broker that is down: the event stays pending for the next pass
        )
        with sessions() as db, db.begin():
            db.get_one(OutboxEvent, event_id).published_at = datetime.now(UTC)
    return len(events)
