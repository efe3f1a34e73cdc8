"""A message broker as the harness holds it: names of its own for each run, emptied before
every scenario, deleted after the run, and able to misbehave when a scenario asks.

The broker is real: kombu's ``memory://`` by default (nothing to install), RabbitMQ or any
kombu transport by URL (the ``broker_url`` setting). The target names the queues its
consumers read (bound to the exchanges it publishes on) for a name prefix; journeys puts
``journeys.<run>.`` before every name, declares them with a tap queue that sees every message
published, and applies a scenario's faults between publishing and consuming: deliver a kind
twice, hold a kind back (then let it arrive late), go down, or make a consumer die after its
commit and before its acknowledgement (``checkpoint``, called by the target's consumer).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from journeys.exceptions import MissingExtra
from journeys.messages import Seen
from journeys.run_ledger import own_token

try:
    from kombu import Connection, Exchange, Message, Producer, Queue, binding
    from kombu.transport import memory
except ImportError:  # an optional part: only targets with events need it
    raise MissingExtra("A message broker", "kombu", "events") from None


class _RedeliveringChannel(memory.Channel):
    # kombu's memory:// drops what a closed channel left unacknowledged; a real broker (and
    # RabbitMQ) delivers it again, which is what a consumer that dies must meet.
    do_restore = True


class _MemoryTransport(memory.Transport):
    Channel = _RedeliveringChannel


class BrokerDown(ConnectionRefusedError):
    """What connecting raises while a scenario has the broker down."""


class ConsumerKilled(Exception):
    """Raised at a consumer's checkpoint when a scenario made it die there."""


__all__ = ["Broker", "BrokerDown", "ConsumerKilled", "Seen"]


class Broker:
    def __init__(self, url: str = "memory://", run: str | None = None) -> None:
        self.url = url
        self.prefix = f"journeys.{run or own_token()}."
        self._queues: list[Queue] = []
        self._tap: Queue | None = None
        self._exchanges: list[Exchange] = []
        self._bound: tuple[Any, list[Queue]] | None = None  # the queues, bound to a channel
        # Connections are pooled: a new AMQP connection takes ~4 ms, and the harness and the
        # target connect a few times after every step.
        transport = _MemoryTransport if url.startswith("memory://") else None
        self._pool = Connection(url, connect_timeout=5, transport=transport).Pool(limit=8)
        self._reset_faults()

    @property
    def down(self) -> bool:
        """While True, the target's connections are refused (as by a broker that is down)."""
        return self._down

    @down.setter
    def down(self, down: bool) -> None:
        self._down, self.stirred = down, True

    def _reset_faults(self) -> None:
        self._down = False
        # Something a step did to the broker, so messages may move without any HTTP call.
        self.stirred = False
        self._twice: set[str] = set()
        self._held: set[str] = set()
        self._holding: list[tuple[str, Message]] = []  # (queue name, message) held back
        self._deaths: dict[str, int] = {}  # kind -> consumers to die after handling one

    def start(self, queues: Sequence[Queue], note: Any = None) -> Broker:
        """Declares the target's queues (named with this run's prefix) and the tap;
        ``note(names)`` is told their names first (journeys.run_ledger)."""
        self._queues, self._bound = list(queues), None
        exchanges = {b.exchange.name: b.exchange for q in queues for b in _bindings(q)}
        self._exchanges = list(exchanges.values())
        self._tap = Queue(
            f"{self.prefix}journeys.tap",
            bindings=[binding(e, routing_key="#") for e in self._exchanges],
            durable=False,
        )
        with self._connection() as connection:
            channel = connection.default_channel  # reached: now names can be left behind
            if note is not None:
                note(self.names())
            for queue in (*self._queues, self._tap):
                queue(channel).declare()
        return self

    def names(self) -> dict[str, Any]:
        """What the run declares on the broker, for its ledger."""
        return {
            "queues": [q.name for q in (*self._queues, *([self._tap] if self._tap else []))],
            "exchanges": [e.name for e in self._exchanges],
        }

    def connect(self) -> Connection:
        """A connection for the target, refused while the scenario has the broker down."""
        if self.down:
            raise BrokerDown(f"the message broker is down (a scenario took it down): {self.url}")
        return self._connection()

    def _connection(self) -> Connection:
        """One of the pool's connections; leaving its ``with`` block gives it back."""
        return self._pool.acquire(block=True, timeout=5)

    # -- what a scenario can make happen --------------------------------------------------

    def deliver_twice(self, kind: str) -> None:
        """Every message of this kind reaches its consumers twice."""
        self.stirred = True
        self._twice.add(kind)

    def hold(self, kind: str) -> None:
        """Messages of this kind wait with journeys until ``release``: they arrive late."""
        self.stirred = True
        self._held.add(kind)

    def release(self) -> None:
        """Held messages go on, behind everything that overtook them."""
        self.stirred = True
        self._held.clear()
        with self._connection() as connection:
            producer = Producer(connection.default_channel)
            for queue_name, message in self._holding:
                _forward(producer, queue_name, message)
        self._holding.clear()

    def die_after_handling(self, kind: str, times: int = 1) -> None:
        """The next ``times`` checkpoints after a message of this kind raise ``ConsumerKilled``."""
        self.stirred = True
        self._deaths[kind] = self._deaths.get(kind, 0) + times

    def checkpoint(self, kind: str) -> None:
        """Called by a consumer after its commit, before its acknowledgement."""
        if self._deaths.get(kind):
            self._deaths[kind] -= 1
            raise ConsumerKilled(
                f"the consumer died after handling a {kind} message, before acknowledging it"
            )

    def send_raw(self, routing_key: str, body: bytes) -> None:
        """Publishes a body as it is (a poison message) on the target's exchanges."""
        self.stirred = True
        with self._connection() as connection:
            producer = Producer(connection.default_channel)
            for exchange in self._exchanges:
                producer.publish(
                    body, exchange=exchange, routing_key=routing_key,
                    content_type="application/json", content_encoding="utf-8",
                )  # fmt: skip

    # -- what the harness does around each step ---------------------------------------------

    def rearrange(self) -> None:
        """Applies the scenario's faults to what waits for the consumers."""
        if not (self._twice or self._held):
            return
        with self._connection() as connection:
            channel = connection.default_channel
            producer = Producer(channel)
            for queue in self._queues:
                waiting = _take_all(queue(channel))
                for message in waiting:
                    kind = _kind(message)
                    if kind in self._held:
                        self._holding.append((queue.name, message))
                        continue
                    for _ in range(2 if kind in self._twice else 1):
                        _forward(producer, queue.name, message)

    def published(self) -> list[Seen]:
        """What was published since the last call, from the tap."""
        assert self._tap is not None, "start() first"
        with self._connection() as connection:
            taken = _take_all(self._tap(connection.default_channel))
        return [Seen("published", _kind(m), _text(m)) for m in taken]

    def waiting(self, queue_name: str) -> list[Message]:
        """The messages in a queue, looked at and left there."""
        # Closing the channel puts them back, unacknowledged.
        with self._connection() as connection, connection.channel() as channel:
            bound = Queue(queue_name, no_declare=True)(channel)
            seen = []
            while (message := bound.get(no_ack=False)) is not None:
                seen.append(message)
            return seen

    def reset(self) -> None:
        """Up, no faults, every queue empty: how each scenario starts."""
        self._reset_faults()
        with self._connection() as connection:
            channel = connection.default_channel
            if self._bound is None or self._bound[0] is not channel:  # binding copies: once
                queues = (*self._queues, *([self._tap] if self._tap else []))
                self._bound = (channel, [queue(channel) for queue in queues])
            for bound in self._bound[1]:
                bound.purge()

    def stop(self) -> None:
        """Deletes every exchange and queue of this run: nothing is left on the broker."""
        if self._tap is None:  # never started, or stopped already
            return
        with self._connection() as connection:
            channel = connection.default_channel
            # Exchanges first: on memory://, deleting one looks its queues up, which makes
            # them again.
            for exchange in self._exchanges:
                exchange(channel).delete()
            for queue in (*self._queues, self._tap):
                queue(channel).delete()
        self._queues, self._tap, self._exchanges, self._bound = [], None, [], None
        self._pool.force_close_all()


def delete_names(url: str, queues: Sequence[str], exchanges: Sequence[str]) -> None:
    """Deletes queues and exchanges by name (those a stopped run left); absent ones are fine."""
    with Connection(url, connect_timeout=5) as connection:
        channel = connection.default_channel
        for name in exchanges:
            channel.exchange_delete(name)
        for name in queues:
            channel.queue_delete(name)


def _bindings(queue: Queue) -> list[Any]:
    if queue.bindings:
        return list(queue.bindings)
    return [binding(queue.exchange, routing_key=queue.routing_key)] if queue.exchange else []


def _take_all(queue: Any) -> list[Message]:
    taken = []
    while (message := queue.get(no_ack=True)) is not None:
        taken.append(message)
    return taken


def _forward(producer: Producer, queue_name: str, message: Message) -> None:
    """Puts a message in one queue as it was (body, headers), through the default exchange."""
    producer.publish(
        message.body, exchange="", routing_key=queue_name, headers=dict(message.headers or {}),
        content_type=message.content_type, content_encoding=message.content_encoding,
    )  # fmt: skip


def _kind(message: Message) -> str:
    try:
        body = message.decode()
    except Exception:  # an unreadable message is told by its routing key
        body = None
    if isinstance(body, dict) and isinstance(body.get("kind"), str):
        return str(body["kind"])
    return str(message.delivery_info.get("routing_key", "?"))


def _text(message: Message) -> str:
    try:
        return json.dumps(message.decode(), indent=2, sort_keys=True, default=str)
    except Exception:  # shown as the bytes it was
        return repr(message.body)
