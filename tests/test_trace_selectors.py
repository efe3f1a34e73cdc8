"""Span selectors: every operator, key, value kind, nesting, joining and pseudo-class on a
checkout's trace, and errors that point at the character."""

from __future__ import annotations

import pytest

from journeys.exceptions import SelectorError
from journeys.tracing import Span, select


def span(span_id: str, parent: str | None, service: str, name: str, start: int, ms: float,
         kind: str = "internal", status: str = "unset", **attributes: object) -> Span:  # fmt: skip
    start_ns = start * 1_000_000
    return Span("a" * 32, span_id, parent, service, name, kind, start_ns,
                start_ns + int(ms * 1_000_000), status, "", attributes)  # fmt: skip


# A checkout: the shop serves it, queries, calls payments twice (the first fails), publishes.
TRACE = [
    span("01", None, "shop", "POST /orders", 0, 120.0, "server", **{"http.status_code": 201}),
    span("02", "01", "shop", "SELECT products", 2, 3.5, "client", **{"db.system": "sqlite"}),
    span("03", "01", "shop", "POST", 10, 40.0, "client", "error", **{"http.status_code": 503}),
    span("04", "03", "payments", "POST /charges", 11, 38.0, "server", "error"),
    span("05", "01", "shop", "POST", 60, 30.0, "client", **{"http.status_code": 201}),
    span("06", "05", "payments", "POST /charges", 61, 28.0, "server", "ok", retried=True),
    span("07", "01", "shop", "orders publish", 100, 1.0, "producer"),
    span("08", "07", "mail", "orders process", 130, 5.0, "consumer"),
]


def ids(selector: str) -> list[str]:
    return [s.span_id for s in select(TRACE, selector)]


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ('span[service.name="payments"]', ["04", "06"]),
        ('span[service.name="payments" name contains "charge"]', ["04", "06"]),
        ('span[service.name!="shop"]', ["04", "06", "08"]),
        ('span[kind="server"]', ["01", "04", "06"]),
        ('span[status="error"]', ["03", "04"]),
        ("span[http.status_code=201]", ["01", "05"]),
        ('span[http.status_code="201"]', ["01", "05"]),  # the text of a number too
        ("span[http.status_code>=500]", ["03"]),
        ("span[http.status_code<300]", ["01", "05"]),
        ("span[http.status_code<=201 http.status_code>200]", ["01", "05"]),
        ("span[duration>100ms]", ["01"]),
        ("span[duration>0.1s]", ["01"]),
        ("span[duration<=3.5]", ["02", "07"]),
        ("span[retried=true]", ["06"]),
        ("span[retried=false]", []),
        ("span[retried!=true]", ["01", "02", "03", "04", "05", "07", "08"]),  # a missing key
        ('span[db.system="sqlite"]', ["02"]),
        ('span[name contains "charge"]:first', ["04"]),
        ('span[name contains "charge"]:last', ["06"]),
        ("span", ["01", "02", "03", "04", "05", "06", "07", "08"]),
        ("span[]", ["01", "02", "03", "04", "05", "06", "07", "08"]),
    ],
)
def test_a_selector_picks_the_spans_its_conditions_hold_for(
    selector: str, expected: list[str]
) -> None:
    assert ids(selector) == expected


def test_a_selector_after_another_picks_spans_inside_its_at_any_depth() -> None:
    assert ids('span[name="POST /orders"] span[service.name="payments"]') == ["04", "06"]
    assert ids('span[kind="producer"] span[kind="consumer"]') == ["08"]
    assert ids('span[service.name="mail"] span') == []  # nothing inside a leaf
    assert ids('span[status="error"] span[status="error"]') == ["04"]  # inside, not itself


def test_a_comma_joins_selectors_once_each_in_order_of_start() -> None:
    assert ids('span[status="error"], span[service.name="payments"]') == ["03", "04", "06"]


def test_a_missing_parent_ends_the_search_for_ancestors() -> None:
    orphan = span("09", "ff", "mail", "late", 200, 1.0)
    assert select([*TRACE, orphan], 'span[name="POST /orders"] span[name="late"]') == []


def test_quotes_inside_text_are_escaped() -> None:
    quoted = span("10", None, "shop", 'say "hi"', 0, 1.0)
    assert select([quoted], r'span[name="say \"hi\""]') == [quoted]


@pytest.mark.parametrize(
    ("selector", "at", "expected"),
    [
        ('spam[name="x"]', 1, 'a selector starting with "span"'),
        ('span[name "x"]', 11, "an operator"),
        ("span[name=]", 11, "a value"),
        ("span[name=x]", 11, "a value"),
        ('span[name="x"', 14, "a key (name, kind, status, duration, service.name or an attr"),
        ('span[name="x"]:second', 16, ":first or :last"),
        ('span[name="x"] ; span', 16, "a span, a condition, a value or an operator"),
        ('span[name="x"]]', 15, "a comma, or the end of the selector"),
        ("", 1, 'a selector starting with "span"'),
    ],
)
def test_a_selector_that_cannot_be_read_points_at_the_character(
    selector: str, at: int, expected: str
) -> None:
    with pytest.raises(SelectorError) as raised:
        select(TRACE, selector)
    message = str(raised.value)
    assert f"at character {at}: expected {expected}" in message
    assert f"  {selector}\n  {' ' * (at - 1)}^" in message
    assert 'e.g. span[service.name="payments" name contains "charge"]' in message


def test_a_span_describes_itself_in_one_line() -> None:
    assert TRACE[3].describe() == "payments: POST /charges (38.0 ms, error: ?)"
    assert TRACE[5].describe() == "payments: POST /charges (28.0 ms)"
