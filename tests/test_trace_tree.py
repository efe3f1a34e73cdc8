"""A step's trace as the report shows it: each span under its cause, the slowest and the
failed ones marked."""

from __future__ import annotations

from journeys.tracing.tree import tree
from tests.test_trace_selectors import TRACE, span


def test_each_span_sits_under_its_cause_with_the_slowest_and_the_failed_marked() -> None:
    assert tree(TRACE).splitlines() == [
        "8 spans, 3 services; failed first: shop: POST (40.0 ms, error: ?)",
        "shop: POST /orders [server] 120.0 ms   <- slowest",
        "  shop: SELECT products [client] 3.5 ms",
        "  shop: POST [client] 40.0 ms   <- FAILED: error status",
        "    payments: POST /charges [server] 38.0 ms   <- FAILED: error status",
        "  shop: POST [client] 30.0 ms",
        "    payments: POST /charges [server] 28.0 ms",
        "  shop: orders publish [producer] 1.0 ms",
        "    mail: orders process [consumer] 5.0 ms",
    ]


def test_spans_whose_cause_is_elsewhere_are_roots_in_order_of_start() -> None:
    late = span("20", "99", "mail", "late", 5, 1.0)
    early = span("21", "98", "shop", "GET /health", 1, 2.0)
    assert tree([late, early]).splitlines()[1:] == [
        "shop: GET /health [internal] 2.0 ms   <- slowest",
        "mail: late [internal] 1.0 ms",
    ]


def test_no_span_says_what_to_look_at() -> None:
    assert "is the service instrumented" in tree([])
