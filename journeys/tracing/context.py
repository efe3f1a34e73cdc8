"""The W3C ``traceparent`` header, made and read in one place: a persona's request sends
one (the step's trace, a span id of the request's own), and a stand-in reads who called it."""

from __future__ import annotations

__all__ = ["parent_of", "traceparent"]


def traceparent(trace_id: str, span_id: str) -> str:
    """The header for a sampled call from ``span_id`` in ``trace_id``."""
    return f"00-{trace_id}-{span_id}-01"


def parent_of(header: str | bytes | None) -> tuple[str, str] | None:
    """(trace id, span id) a traceparent names, or None when it is absent or unreadable."""
    text = header.decode() if isinstance(header, bytes) else header or ""
    parts = text.strip().split("-")
    if len(parts) != 4 or len(parts[1]) != 32 or len(parts[2]) != 16:
        return None
    return parts[1], parts[2]
