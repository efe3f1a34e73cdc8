"""One span as journeys keeps it: from the OpenTelemetry SDK in this process or from OTLP
sent by a service in another, the same few fields, so selectors and reports need not know
where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "STATUSES", "Span"]

KINDS = ("internal", "server", "client", "producer", "consumer")
STATUSES = ("unset", "ok", "error")


@dataclass(frozen=True)
class Span:
    trace_id: str  # 32 hex digits, as in a traceparent header
    span_id: str  # 16 hex digits
    parent_id: str | None
    service: str  # the resource's service.name
    name: str
    kind: str = "internal"
    start_ns: int = 0
    end_ns: int = 0
    status: str = "unset"
    status_message: str = ""
    attributes: Mapping[str, Any] = field(default_factory=dict)

    @property
    def duration_ms(self) -> float:
        return (self.end_ns - self.start_ns) / 1e6

    def value(self, key: str) -> Any:
        """What a selector's ``key`` names: a field (name, kind, status, duration in ms,
        service.name) or else an attribute; None when the span has neither."""
        fields = {
            "name": self.name,
            "kind": self.kind,
            "status": self.status,
            "duration": self.duration_ms,
            "service.name": self.service,
        }
        return fields[key] if key in fields else self.attributes.get(key)

    def describe(self) -> str:
        """One line for a message: service, name, duration and status."""
        status = "" if self.status != "error" else f", error: {self.status_message or '?'}"
        return f"{self.service}: {self.name} ({self.duration_ms:.1f} ms{status})"
