"""Where the shop's events travel: one topic exchange, a queue per consumer, dead letters.

Every event goes out on the exchange with its kind as routing key. Each consumer has its
own queue, bound to the kinds it handles and to ``retry.<consumer>`` (a message sent back
for another try goes to that consumer alone). A message no consumer can handle is
published with ``dead.<consumer>`` and kept in the dead-letter queue for a person to read.
A prefix in every name lets several shops, or test runs, share one broker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kombu import Exchange, Queue, binding
from sqlalchemy.orm import Session

EXCHANGE = "shop.events"
DEAD_LETTERS = "shop.dead-letters"


@dataclass(frozen=True)
class Consumer:
    name: str
    kinds: tuple[str, ...]  # the events it hears of
    # Handles one event inside the transaction that marks it consumed; raises
    # shop.consumers.PoisonMessage for an event it can never handle.
    handle: Callable[[Session, dict[str, Any]], None]


def exchange(prefix: str = "") -> Exchange:
    """The topic exchange the shop publishes on; each event's kind is its routing key."""
    return Exchange(f"{prefix}{EXCHANGE}", type="topic", durable=False)


def queue(consumer: Consumer, prefix: str = "") -> Queue:
    keys = (*consumer.kinds, f"retry.{consumer.name}")
    return Queue(
        f"{prefix}shop.{consumer.name}",
        bindings=[binding(exchange(prefix), routing_key=key) for key in keys],
        durable=False,
    )


def dead_letters(prefix: str = "") -> Queue:
    return Queue(f"{prefix}{DEAD_LETTERS}", exchange(prefix), routing_key="dead.#", durable=False)


def queues(consumers: Sequence[Consumer], prefix: str = "") -> list[Queue]:
    """Every queue the shop's consumers read, the dead letters last."""
    return [*(queue(c, prefix) for c in consumers), dead_letters(prefix)]
