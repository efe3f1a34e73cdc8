"""Listening to a system's own broker, which journeys does not run: a queue of the run's own,
bound to the exchanges the system names, so every message the system publishes is seen and
recorded with the step that caused it; and what is still in flight, so checks and the
clean-up wait until the system has settled.

The tap's queue is named ``journeys.<pid>-<token>.tap`` (in the run's ledger, so a killed
run's queue is removed by ``python -m journeys clean``) and deleted when the run ends. The
system's own queues are only looked at (how many messages wait), never consumed from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journeys.broker import _kind, _take_all, _text
from journeys.exceptions import HarnessError
from journeys.messages import Seen
from journeys.run_ledger import own_token
from journeys.settings import mask_url

try:
    from kombu import Connection, Exchange, Queue, binding
    from kombu.exceptions import OperationalError
except ImportError:  # an optional part: only targets with a system broker need it
    from journeys.exceptions import MissingExtra

    raise MissingExtra("Listening to a system's broker", "kombu", "events") from None


class Tap:
    def __init__(
        self,
        url: str,
        exchanges: tuple[str, ...],
        queues: tuple[str, ...] = (),
        exchange_type: str = "topic",
        durable: bool = True,
    ) -> None:
        self.url = url
        self.queues = queues  # the system's consumers' queues: settled when all are empty
        self._exchanges = [Exchange(n, type=exchange_type, durable=durable) for n in exchanges]
        self.queue = Queue(
            f"journeys.{own_token()}.tap",
            bindings=[binding(exchange, routing_key="#") for exchange in self._exchanges],
            durable=False,
        )
        self._connection: Any = None

    def start(self, note: Callable[[dict[str, Any]], None] | None = None) -> Tap:
        """Binds the tap to the system's exchanges (made, as the system would, if it has not
        made them yet); ``note`` is told the queue's name first."""
        try:
            self._connection = Connection(self.url, connect_timeout=5)
            channel = self._connection.default_channel  # reached: now a queue can be left
            if note is not None:
                note({"queues": [self.queue.name], "exchanges": []})
            for exchange in self._exchanges:  # as the system declares it: the same is a no-op
                exchange(channel).declare()
            self.queue(channel).declare()
        except (OSError, OperationalError) as exc:
            raise HarnessError(
                f"cannot listen to the system's broker at {mask_url(self.url)} ({exc}). "
                "Start it, or correct system_broker_url."
            ) from None
        return self

    def drain(self) -> list[Seen]:
        """What the system published since the last call."""
        taken = _take_all(self.queue(self._connection.default_channel))
        return [Seen("published", _kind(m), _text(m)) for m in taken]

    def in_flight(self) -> str | None:
        """What still waits in the system's queues ("users.events: 2 waiting"), or None."""
        waiting = []
        channel = self._connection.default_channel
        for name in self.queues:
            _name, count, _consumers = channel.queue_declare(name, passive=True)
            if count:
                waiting.append(f"{name}: {count} waiting")
        return "; ".join(waiting) or None

    def stop(self) -> None:
        if self._connection is None:
            return
        try:
            self.queue(self._connection.default_channel).delete()
        finally:
            self._connection.release()
            self._connection = None
