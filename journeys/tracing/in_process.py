"""Spans of a service in this process: an OpenTelemetry SDK TracerProvider per service,
named for it, whose spans go straight to the run's collector as they end (no batching, no
export over the network, nothing left pending when the run ends)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeys.exceptions import MissingExtra
from journeys.tracing.collector import SpanCollector
from journeys.tracing.spans import Span

try:
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter, SpanExportResult
except ImportError:  # an optional part: only runs with tracing=true need it
    raise MissingExtra("Tracing (tracing=true)", "opentelemetry-sdk", "tracing") from None

__all__ = ["provider_for", "span_of"]


def provider_for(service: str, collector: SpanCollector) -> Any:
    """A TracerProvider for ``service`` whose spans the collector receives."""
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(SimpleSpanProcessor(_ToCollector(collector)))
    return provider


class _ToCollector(SpanExporter):
    def __init__(self, collector: SpanCollector) -> None:
        self.collector = collector

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        self.collector.add(span_of(span) for span in spans)
        return SpanExportResult.SUCCESS


def span_of(span: ReadableSpan) -> Span:
    context = span.get_span_context()
    assert context is not None
    return Span(
        trace_id=f"{context.trace_id:032x}",
        span_id=f"{context.span_id:016x}",
        parent_id=f"{span.parent.span_id:016x}" if span.parent is not None else None,
        service=str(span.resource.attributes.get("service.name", "?")),
        name=span.name,
        kind=span.kind.name.lower(),
        start_ns=span.start_time or 0,
        end_ns=span.end_time or 0,
        status=span.status.status_code.name.lower(),
        status_message=span.status.description or "",
        attributes=dict(span.attributes or {}),
    )
