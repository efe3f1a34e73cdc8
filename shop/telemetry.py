"""The shop's OpenTelemetry: a span for each request it serves and each call it makes to the
payment gateway (the call carries it on, as a W3C traceparent), when asked for.

Whoever runs the shop decides: a test harness hands ``create_app`` a TracerProvider (journeys'
tracing setting); given none, nothing is instrumented, nothing is exported, and the shop
runs without the OpenTelemetry packages at all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI


def instrument(app: FastAPI, tracer_provider: Any) -> Any:
    """The shop's tracer for its own spans, the app instrumented; None when not asked."""
    if tracer_provider is None:
        return None
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor  # asked for: needed

    # A request's span, not one more for each message of the ASGI exchange.
    FastAPIInstrumentor.instrument_app(
        app, tracer_provider=tracer_provider, exclude_spans=["receive", "send"]
    )
    return tracer_provider.get_tracer("shop")


class Call:
    """An outgoing call: the headers that carry its span on, and how it was answered."""

    def __init__(self, span: Any = None) -> None:
        self.span = span
        self.headers: dict[str, str] = {}

    def answered(self, status: int) -> None:
        if self.span is not None:
            from opentelemetry.trace import Status, StatusCode

            self.span.set_attribute("http.response.status_code", status)
            if status >= 500:
                self.span.set_status(Status(StatusCode.ERROR, f"answered {status}"))


@contextmanager
def outgoing(tracer: Any, method: str, url: str) -> Iterator[Call]:
    """A client span around a call to another service (none without a tracer)."""
    if tracer is None:
        yield Call()
        return
    from opentelemetry import propagate
    from opentelemetry.trace import SpanKind

    name = f"{method} {urlsplit(url).path or '/'}"
    attributes = {"http.request.method": method, "url.full": url}
    with tracer.start_as_current_span(name, kind=SpanKind.CLIENT, attributes=attributes) as span:
        call = Call(span)
        propagate.inject(call.headers)
        yield call
