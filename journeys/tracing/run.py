"""A run's tracing, as the harness holds it (the tracing setting on): the collector, a
TracerProvider per in-process service, and each step's spans into the scenario's record."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from journeys.tracing.collector import SpanCollector
from journeys.tracing.spans import Span

__all__ = ["RunTracing"]


class RunTracing:
    def __init__(self) -> None:
        self.collector = SpanCollector()

    def provider_for(self, service: str) -> Any:
        """The TracerProvider an in-process service instruments itself with."""
        from journeys.tracing.in_process import provider_for  # the SDK: imported when used

        return provider_for(service, self.collector)

    def follow(self, stand_ins: Iterable[Any]) -> None:
        """The stand-ins (journeys.stubs.OutsideService) record a span of each call."""
        for stand_in in stand_ins:
            if hasattr(stand_in, "spans"):
                stand_in.spans = self.collector

    def collect(self, step: str | None, recorder: Any) -> list[Span]:
        """The spans of the requests ``step`` sent, waited for (bounded)."""
        return self.collector.take(recorder.take_traced(step))
