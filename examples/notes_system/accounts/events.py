"""Publishing what happened to a user, after the transaction that made it has committed."""

from __future__ import annotations

from typing import Any

from kombu import Connection, Exchange, Producer


def exchange(prefix: str) -> Exchange:
    return Exchange(f"{prefix}.accounts", type="topic", durable=True)


class Publisher:
    def __init__(self, broker_url: str, prefix: str) -> None:
        self.broker_url = broker_url
        self.exchange = exchange(prefix)

    def publish(self, kind: str, body: dict[str, Any]) -> None:
        with Connection(self.broker_url, connect_timeout=5) as connection:
            Producer(connection.default_channel).publish(
                {"kind": kind, **body},
                exchange=self.exchange,
                routing_key=kind,
                serializer="json",
                declare=[self.exchange],
                retry=True,
            )
