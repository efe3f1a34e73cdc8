"""The events worker: the relay and the consumers, in a loop beside the web app.

``python -m shop`` runs one in a thread when ``SHOP_BROKER_URL`` is set. A test harness
drives the same two steps itself (``relay()`` then ``consume()``), inside its scenario's
transaction, instead of the loop. A broker that cannot be reached is not an error here: the
events wait in the outbox (or the queue) and go out on a later pass.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from kombu import Connection
from kombu.exceptions import KombuError
from sqlalchemy.orm import Session, sessionmaker

from shop import analytics, notifications
from shop.consumers import Outcome, consume
from shop.events import Consumer, queues
from shop.mailer import Mailer
from shop.relay import publish_pending

log = logging.getLogger("shop.events")
# What a broker that is down raises, through kombu or the socket under it.
UNREACHABLE = (OSError, KombuError)


def shop_consumers(mailer: Mailer) -> list[Consumer]:
    return [
        Consumer("notifications", notifications.KINDS, notifications.handler(mailer)),
        Consumer("analytics", analytics.KINDS, analytics.handle),
    ]


class EventWorker:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        connect: Callable[[], Connection],
        consumers: Sequence[Consumer],
        prefix: str = "",
        handled: Callable[[Outcome], None] | None = None,
    ) -> None:
        self.sessions = sessions
        self.connect = connect
        self.consumers = consumers
        self.prefix = prefix
        self.handled = handled

    def declare(self) -> None:
        """The exchange and queues, so nothing published before a consumer starts is lost."""
        with self.connect() as connection:
            for bound in queues(self.consumers, self.prefix):
                bound(connection.default_channel).declare()

    def relay(self) -> int:
        """Publishes what the outbox holds; 0 if the broker cannot be reached."""
        try:
            with self.connect() as connection:
                return publish_pending(self.sessions, connection, self.prefix)
        except UNREACHABLE as exc:
            log.warning("events wait in the outbox: the broker cannot be reached (%s)", exc)
            return 0

    def consume(self) -> list[Outcome]:
        """Hands every waiting message to its consumer; [] if the broker cannot be reached."""
        try:
            with self.connect() as connection:
                return consume(
                    connection, self.sessions, self.consumers, self.prefix, handled=self.handled
                )
        except UNREACHABLE as exc:
            log.warning("no events consumed: the broker cannot be reached (%s)", exc)
            return []

    def run(self, stop: threading.Event, poll_seconds: float = 0.5) -> None:
        """Relay and consume until ``stop`` is set, resting only when there was nothing to do."""
        while not stop.is_set():
            busy = self.relay() + len(self.consume())
            if not busy:
                stop.wait(poll_seconds)
