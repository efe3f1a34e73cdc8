"""A target's messages in a run: its queues on the run's broker, and its relay and consumers
driven after every step in which the service wrote, until nothing moves."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from journeys.broker import Broker, ConsumerKilled
from journeys.exceptions import HarnessError
from journeys.messages import Seen
from journeys.settings import mask_url
from journeys.target import Events, Pump, Wiring

# Relay-and-consume rounds after a step: each retry of a consumer takes one.
ROUNDS = 20


@dataclass
class Messaging:
    broker: Broker
    pump: Pump

    @classmethod
    def start(
        cls, url: str, events: Events, wiring: Wiring, note: Any = None
    ) -> tuple[Messaging, Wiring]:
        """The broker with the target's queues, and the wiring that now names it; ``note``
        is told the names before they are declared."""
        broker = Broker(url)
        try:
            broker.start(events.queues(broker.prefix), note)
        except Exception as exc:  # kombu and its transports raise their own
            raise HarnessError(
                f"the message broker at {mask_url(url)} cannot be used "
                f"({type(exc).__name__}: {exc}). Start it, or leave broker_url unset for "
                "memory:// (nothing to install)."
            ) from None
        wiring = replace(wiring, broker=broker)
        return cls(broker, events.make_pump(wiring)), wiring

    def drive(self, service_wrote: bool) -> list[Seen]:
        """Relays and consumes until nothing moves (at most ``ROUNDS``), after a step in which
        the service wrote (an outbox row is written so) or which did something to the broker;
        what the broker carried and what the consumers did, in order."""
        if not (service_wrote or self.broker.stirred):
            return []
        self.broker.stirred = False
        carried: list[Seen] = []
        for _ in range(ROUNDS):
            sent = self.pump.relay()
            seen = self.broker.published()
            self.broker.rearrange()
            try:
                seen += list(self.pump.consume())
            except ConsumerKilled as killed:
                seen.append(Seen("consumer died", "-", str(killed)))
            carried += seen
            if not sent and not seen:
                break
        return carried
