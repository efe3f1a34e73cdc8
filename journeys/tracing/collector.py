"""The spans the services send, kept by trace until the step that caused them takes them.

A request's server span ends after its answer has left, so the step that made the request
may end first: ``take`` waits, bounded, until every request the step sent has its span
(the span whose parent is the request's own id). A run whose services send nothing at all
waits once, then says so and stops waiting.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence

from journeys.tracing.spans import Span

__all__ = ["SpanCollector"]


class SpanCollector:
    def __init__(self, patience: float = 2.0) -> None:
        self.patience = patience  # seconds a step waits for its requests' spans
        self.silent = False  # waited once and nothing ever came: the services send nothing
        self.received = 0
        self._spans: list[Span] = []
        self._arrived = threading.Condition()

    def add(self, spans: Iterable[Span]) -> None:
        """From any thread: an exporter in this process, the OTLP receiver."""
        with self._arrived:
            for span in spans:
                self._spans.append(span)
                self.received += 1
            self._arrived.notify_all()

    def take(self, requests: Sequence[tuple[str, str]]) -> list[Span]:
        """The spans of the traces of ``requests`` ((trace id, span id) each sent), once
        each request's span has come or the patience is spent; taken out of the collector."""
        traces = {trace for trace, _ in requests}
        parents = {span for _, span in requests}
        deadline = time.monotonic() + (0 if self.silent else self.patience)
        with self._arrived:
            while not parents <= {s.parent_id for s in self._spans if s.trace_id in traces}:
                left = deadline - time.monotonic()
                if left <= 0:
                    self.silent = self.silent or (self.received == 0 and bool(requests))
                    break
                self._arrived.wait(left)
            taken = [s for s in self._spans if s.trace_id in traces]
            self._spans = [s for s in self._spans if s.trace_id not in traces]
        return sorted(taken, key=lambda span: (span.start_ns, span.span_id))

    def forget(self) -> int:
        """Drops the spans no step took (a scenario's end); how many there were."""
        with self._arrived:
            dropped, self._spans = len(self._spans), []
        return dropped

    def pending(self) -> list[Span]:
        """Spans no step took (of requests made outside steps, or after their step)."""
        with self._arrived:
            return list(self._spans)
