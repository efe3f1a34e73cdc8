"""Spans for journeys' own stand-ins: an outside service the harness runs records, for each
call that carries a traceparent, the span that service would have sent (who called it is the
span in the header), so checks can count what the outside world was asked."""

from __future__ import annotations

import secrets

from journeys.tracing.context import parent_of
from journeys.tracing.spans import Span

__all__ = ["span_of_call"]


def span_of_call(
    service: str,
    method: str,
    path: str,
    traceparent: str | None,
    start_ns: int,
    end_ns: int,
    status_code: int,
) -> Span | None:
    """The server span of one call, or None for a call without a (readable) traceparent."""
    parent = parent_of(traceparent)
    if parent is None:
        return None
    return Span(
        trace_id=parent[0],
        span_id=secrets.token_hex(8),
        parent_id=parent[1],
        service=service,
        name=f"{method} {path}",
        kind="server",
        start_ns=start_ns,
        end_ns=end_ns,
        status="error" if status_code >= 500 else "unset",
        attributes={
            "http.request.method": method,
            "url.path": path,
            "http.response.status_code": status_code,
        },
    )
