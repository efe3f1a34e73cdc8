"""Reads the accounts service's user events into the notes database, one transaction per
event, acknowledged once committed. Operators can pause it or slow it down (``/ops``)."""

from __future__ import annotations

import threading
import time
from typing import Any

from kombu import Connection, Exchange, Queue
from sqlalchemy.orm import Session, sessionmaker

from notes.models import Author


def inbox(prefix: str) -> Queue:
    accounts = Exchange(f"{prefix}.accounts", type="topic", durable=True)
    return Queue(f"{prefix}.notes.user-events", exchange=accounts, routing_key="user.#")


def handle(session: Session, event: dict[str, Any]) -> None:
    """An author as the accounts service last described the user."""
    author = session.get(Author, event["id"]) or Author(id=event["id"])
    author.name, author.bio = event["name"], event.get("bio", "")
    session.add(author)


class EventConsumer:
    def __init__(self, broker_url: str, prefix: str, sessions: sessionmaker) -> None:
        self.broker_url = broker_url
        self.queue = inbox(prefix)
        self.sessions = sessions
        self.running = threading.Event()
        self.running.set()
        self.delay = 0.0  # seconds spent on each event: a slow consumer, on purpose
        self.busy = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> EventConsumer:
        with Connection(self.broker_url, connect_timeout=5) as connection:
            self.queue(connection.default_channel).declare()
        self._thread = threading.Thread(target=self._consume, name="notes-consumer", daemon=True)
        self._thread.start()
        return self

    def waiting(self) -> int:
        """Events in the queue, not yet handled."""
        with Connection(self.broker_url, connect_timeout=5) as connection:
            return int(self.queue(connection.default_channel).queue_declare(passive=True)[1])

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _consume(self) -> None:
        """Takes one event at a time (a get, not a push: an event is always either waiting
        in the queue or being handled, so ``waiting()`` and ``busy`` say what is in flight)."""
        while not self._stop.is_set():
            try:
                with Connection(self.broker_url, connect_timeout=5) as connection:
                    queue = self.queue(connection.default_channel)
                    while not self._stop.is_set():
                        if not self.running.is_set() or not self._handle_one(queue):
                            time.sleep(0.02)
            except Exception:  # a broker that went away: try again shortly
                time.sleep(0.5)

    def _handle_one(self, queue: Queue) -> bool:
        self.busy = True
        try:
            message = queue.get(no_ack=False)
            if message is None:
                return False
            time.sleep(self.delay)
            with self.sessions() as session, session.begin():
                handle(session, message.decode())
            message.ack()
            return True
        finally:
            self.busy = False
