"""Delivering events to consumers: once in effect, retried when it may help, set aside when not.

Each message is handled in one transaction that also writes ``consumed_events`` (consumer,
event id); a message whose event is already there is acknowledged without a second effect,
so a broker that delivers twice, or a consumer that dies after its commit and before its
acknowledgement, changes nothing twice. A handling that fails is sent back for another try
(``retry.<consumer>``) up to ``max_attempts``; a message that can never be handled
(unreadable, or about something that does not exist) goes to the dead letters at once, with
its reason, and the messages behind it flow on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kombu import Connection, Message, Producer
from sqlalchemy.orm import Session, sessionmaker

from shop.events import Consumer, exchange, queue
from shop.mailer import MailRefused
from shop.models import ConsumedEvent

ATTEMPTS_HEADER = "x-attempts"


class PoisonMessage(ValueError):
    """A message no number of tries can handle."""


@dataclass(frozen=True)
class Outcome:
    consumer: str
    kind: str
    event_id: int | None
    result: str  # handled | already handled | retry | dead letter: <reason>


def consume(
    connection: Connection,
    sessions: sessionmaker[Session],
    consumers: Sequence[Consumer],
    prefix: str = "",
    max_attempts: int = 3,
    handled: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Handles every message waiting for the consumers, each consumer's queue in turn.

    ``handled`` is called after a message's transaction committed and before it is
    acknowledged: where a worker that dies leaves the broker to deliver it again.
    """
    outcomes: list[Outcome] = []
    with connection.channel() as channel:  # closed on the way out: unacked ones go back
        producer = Producer(channel, exchange=exchange(prefix), serializer="json")
        for consumer in consumers:
            bound = queue(consumer, prefix)(channel)
            while (message := bound.get(no_ack=False)) is not None:
                outcome = _deliver(message, consumer, sessions, producer, max_attempts)
                outcomes.append(outcome)
                if handled is not None:
                    handled(outcome)
                message.ack()
    return outcomes


def _deliver(
    message: Message,
    consumer: Consumer,
    sessions: sessionmaker[Session],
    producer: Producer,
    max_attempts: int,
) -> Outcome:
    attempt = int((message.headers or {}).get(ATTEMPTS_HEADER, 1))
    event: dict[str, Any] = {}
    try:
        event = _event(message)
        with sessions() as db, db.begin():
            if db.get(ConsumedEvent, (consumer.name, event["event_id"])) is not None:
                return _outcome(consumer, event, "already handled")
            db.add(ConsumedEvent(consumer=consumer.name, event_id=event["event_id"]))
            consumer.handle(db, event)
        return _outcome(consumer, event, "handled")
    except PoisonMessage as exc:
        reason = str(exc)
    except MailRefused as exc:
        reason = f"mail refused: {exc}"
        if not exc.permanent and attempt < max_attempts:
            return _again(message, consumer, producer, event, attempt)
    except Exception as exc:  # anything else may pass: tried again, then set aside
        reason = f"{type(exc).__name__}: {exc}"
        if attempt < max_attempts:
            return _again(message, consumer, producer, event, attempt)
    producer.publish(
        _body(message),
        routing_key=f"dead.{consumer.name}",
        headers={"x-reason": reason, ATTEMPTS_HEADER: attempt, "x-consumer": consumer.name},
        retry=False,
    )
    return _outcome(consumer, event, f"dead letter: {reason}")


def _again(
    message: Message, consumer: Consumer, producer: Producer, event: dict[str, Any], attempt: int
) -> Outcome:
    producer.publish(
        _body(message),
        routing_key=f"retry.{consumer.name}",
        headers={ATTEMPTS_HEADER: attempt + 1},
        retry=False,
    )
    return _outcome(consumer, event, "retry")


def _event(message: Message) -> dict[str, Any]:
    try:
        event = message.decode()
    except Exception as exc:  # kombu raises its own errors for an unreadable body
        raise PoisonMessage(f"an unreadable message ({type(exc).__name__})") from None
    if not isinstance(event, dict):
        raise PoisonMessage(f"a message that is not an event: {event!r:.80}")
    if not isinstance(event.get("event_id"), int) or not isinstance(event.get("kind"), str):
        raise PoisonMessage(f"a message without an event id and kind: {event!r:.80}")
    if not isinstance(event.get("subject_id"), int):
        raise PoisonMessage(f"a {event['kind']} event without its subject")
    return event


def _body(message: Message) -> Any:
    try:
        return message.decode()
    except Exception:  # an unreadable body is kept as the text it was
        return {
            "unreadable": message.body.decode(errors="replace")
            if isinstance(message.body, bytes)
            else str(message.body)
        }


def _outcome(consumer: Consumer, event: dict[str, Any], result: str) -> Outcome:
    event_id = event.get("event_id")
    return Outcome(
        consumer.name,
        str(event.get("kind", "?")),
        event_id if isinstance(event_id, int) else None,
        result,
    )
