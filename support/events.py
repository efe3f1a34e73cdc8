"""The shop's events as journeys drives them: its own worker's relay and consumers, on the
harness's broker, mailing the harness's mail server; and the faults scenarios ask for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from journeys import Events, Seen, Wiring
from journeys.broker import Broker
from journeys.mailbox import Mail, MailServer
from shop import events
from shop.mailer import Mailer
from shop.worker import EventWorker, shop_consumers

MAIL = "mail"  # the mail server the shop sends to, as the harness names its stand-in


class ShopPump:
    """The shop's ``EventWorker``, with the broker's checkpoint where a consumer can die."""

    def __init__(self, wiring: Wiring) -> None:
        broker = wiring.broker
        assert broker is not None, "the harness gives a target with events its broker"
        self.worker = EventWorker(
            wiring.sessions,
            broker.connect,
            shop_consumers(Mailer(wiring.services[MAIL], timeout_seconds=2.0)),
            broker.prefix,
            handled=lambda outcome: broker.checkpoint(outcome.kind),
        )

    def relay(self) -> int:
        return self.worker.relay()

    def consume(self) -> list[Seen]:
        return [
            Seen("consumed", o.kind, f"{o.consumer} (event {o.event_id}): {o.result}")
            for o in self.worker.consume()
        ]


def _queues(prefix: str) -> list[Any]:
    return events.queues(shop_consumers(Mailer("smtp://127.0.0.1:25")), prefix)


EVENTS = Events(queues=_queues, make_pump=ShopPump)


def mail_server(services: Mapping[str, Any]) -> MailServer:
    server = services[MAIL]
    assert isinstance(server, MailServer)
    return server


def mails_to(services: Mapping[str, Any], email: str) -> list[Mail]:
    return mail_server(services).mails(to=email)


def dead_letters(broker: Broker) -> list[dict[str, Any]]:
    """What waits in the shop's dead-letter queue: each message's kind, reason and body,
    and the consumer that set it aside (its routing key is ``dead.<consumer>``)."""
    kept = []
    for message in broker.waiting(f"{broker.prefix}{events.DEAD_LETTERS}"):
        try:
            body = message.decode()
        except Exception:  # kept as the shop set it aside
            body = message.body
        headers = message.headers or {}
        kind = body.get("kind", "?") if isinstance(body, dict) else "?"
        routed = str(message.delivery_info.get("routing_key", ""))
        kept.append({
            "kind": kind, "reason": headers.get("x-reason", ""), "body": body,
            "consumer": routed.removeprefix("dead."),
        })  # fmt: skip
    return kept
