"""The relay publishes the outbox through kombu: on memory:// always, and on the RabbitMQ
that JOURNEYS_BROKER_URL names (queues and exchange named for this run, deleted after)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from kombu import Connection, Queue
from kombu.exceptions import OperationalError
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session, sessionmaker

from shop import outbox
from shop.db import Base
from shop.models import OutboxEvent
from shop.relay import exchange, publish_pending

BROKERS = ["memory://"] + [u for u in [os.environ.get("JOURNEYS_BROKER_URL")] if u]


@pytest.fixture
def sessions(tmp_path) -> Iterator[sessionmaker[Session]]:
    engine = create_engine(f"sqlite:///{tmp_path / 'relay.sqlite3'}")
    Base.metadata.create_all(engine)
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


@pytest.fixture(params=BROKERS)
def broker(request) -> Iterator[tuple[Connection, Queue]]:
    prefix = f"journeys-{uuid.uuid4().hex[:8]}."  # this run's own names
    with Connection(request.param) as connection:
        queue = Queue(f"{prefix}everything", exchange(prefix), routing_key="#", durable=False)
        queue(connection.default_channel).declare()
        try:
            yield connection, queue
        finally:
            channel = connection.default_channel
            queue(channel).delete()
            exchange(prefix)(channel).delete()


def received(connection: Connection, queue: Queue) -> list[dict]:
    messages = []
    bound = queue(connection.default_channel)
    while (message := bound.get(no_ack=True)) is not None:
        messages.append(message.payload)
    return messages


def record_three(sessions: sessionmaker[Session]) -> None:
    with sessions() as db, db.begin():
        outbox.record(db, "account_registered", 1, email="paula@example.com")
        outbox.record(db, "order_placed", 7, total_cents=3700)
        outbox.record(db, "order_paid", 7, total_cents=3700)


def test_pending_events_go_out_once_in_order_and_are_marked(sessions, broker) -> None:
    connection, queue = broker
    prefix = queue.name.removesuffix("everything")
    record_three(sessions)
    assert publish_pending(sessions, connection, prefix) == 3
    assert publish_pending(sessions, connection, prefix) == 0  # nothing twice
    kinds = [m["kind"] for m in received(connection, queue)]
    assert kinds == ["account_registered", "order_placed", "order_paid"]
    with sessions() as db:
        assert all(e.published_at for e in db.scalars(select(OutboxEvent)))


def test_a_broker_that_is_down_leaves_the_events_pending(sessions) -> None:
    record_three(sessions)
    down = Connection("amqp://guest:guest@127.0.0.1:1//", connect_timeout=0.5)
    with down, pytest.raises((OSError, OperationalError)):  # nothing listens on port 1
        publish_pending(sessions, down)
    with sessions() as db:
        assert all(e.published_at is None for e in db.scalars(select(OutboxEvent)))
