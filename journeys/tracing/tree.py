"""A step's spans as a tree a person reads: each span under the one that caused it, with
its service, operation, kind, duration and status; the slowest span and any that failed
are marked, so a failing step shows where in the system it went wrong."""

from __future__ import annotations

from collections.abc import Sequence

from journeys.tracing.spans import Span

__all__ = ["tree"]


def tree(spans: Sequence[Span]) -> str:
    if not spans:
        return "no span: is the service instrumented, and the tracing setting on?"
    ordered = sorted(spans, key=lambda span: (span.start_ns, span.span_id))
    ids = {span.span_id for span in ordered}
    children: dict[str | None, list[Span]] = {}
    for span in ordered:  # a span whose parent is not here (the request journeys sent) is a root
        children.setdefault(span.parent_id if span.parent_id in ids else None, []).append(span)
    slowest = max(ordered, key=lambda span: span.duration_ms)
    failed = [span for span in ordered if span.status == "error"]
    lines: list[str] = []

    def walk(parent: str | None, depth: int) -> None:
        for span in children.get(parent, []):
            marks = []
            if span.status == "error":
                marks.append(f"FAILED: {span.status_message or 'error status'}")
            if span is slowest and len(ordered) > 1:
                marks.append("slowest")
            mark = f"   <- {', '.join(marks)}" if marks else ""
            lines.append(
                f"{'  ' * depth}{span.service}: {span.name} [{span.kind}] "
                f"{span.duration_ms:.1f} ms{mark}"
            )
            walk(span.span_id, depth + 1)

    walk(None, 0)
    head = f"{len(ordered)} spans, {len({s.service for s in ordered})} services"
    if failed:
        head += f"; failed first: {failed[0].describe()}"
    return "\n".join([head, *lines])
