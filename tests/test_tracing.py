"""Tracing (the tracing setting): one trace per step, sent as a W3C traceparent on every
request a persona makes, and the spans the shop records of each, collected in-process."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from factories import ProductFactory
from journeys import Harness, Settings
from journeys.exceptions import CheckFailed
from journeys.tracing import Span, checks, select
from journeys.tracing.collector import SpanCollector
from journeys.tracing.context import parent_of, traceparent
from support import arrange, payments, tasks
from tests.conftest import BehaveProject
from tests.test_rules_are_guarded import failed_scenarios, with_shop_copy

BROWSE, LOOK = "1. When Paula browses", "2. When she looks again"
CHECK_OUT = "3. When she checks out"
CHARGED = 'span[service.name="payment_gateway" name="POST /charges" http.response.status_code<300]'


def started(tmp_path: Path, **settings: object) -> Harness:
    url = f"sqlite:///{tmp_path / 'tracing_test.sqlite3'}"
    return Harness(Settings(database_url=url, seed=1, **settings)).start()  # type: ignore[arg-type]


def test_each_step_is_one_trace_holding_a_server_span_per_request(tmp_path: Path) -> None:
    harness = started(tmp_path, tracing=True)
    try:
        run = harness.begin_scenario("tracing")
        paula = run.cast.actor("Paula")
        run.recorder.step = BROWSE
        paula.call("GET", "/products", expect=200)
        paula.call("GET", "/products?q=mug", expect=200)
        harness.collect_spans(run)
        collected, started_at = len(run.spans), time.monotonic()
        harness.collect_spans(run)  # again (a step that ran steps of its own): nothing waits
        assert len(run.spans) == collected and time.monotonic() - started_at < 0.5
        run.recorder.step = LOOK
        paula.call("GET", "/health", expect=200)
        harness.collect_spans(run)
        browsing, looking = run.spans_in(BROWSE), run.spans_in(LOOK)
        sent = run.recorder.traced_in(BROWSE)
        assert len(sent) == 2 and len({trace for trace, _ in sent}) == 1  # one trace a step
        assert {span.trace_id for span in browsing} == {sent[0][0]}
        assert {span.trace_id for span in looking} == {run.recorder.traced_in(LOOK)[0][0]}
        assert sent[0][0] != run.recorder.traced_in(LOOK)[0][0]
        served = select(browsing, 'span[service.name="shop" kind="server"]')
        assert [span.parent_id for span in served] == [span for _, span in sent]
        assert [span.name for span in served] == ["GET /products", "GET /products"]
        assert all(span.duration_ms > 0 for span in served)
        traced = [e.trace_id for e in run.recorder.exchanges]
        assert traced == [sent[0][0], sent[0][0], run.recorder.traced_in(LOOK)[0][0]]
        assert harness.tracing is not None and harness.tracing.collector.pending() == []
        paula.http.get(f"{harness.url}/health", timeout=10)  # no traceparent: no step's
        deadline = time.monotonic() + 5
        while not harness.tracing.collector.pending() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert [span.name for span in harness.tracing.collector.pending()] == ["GET /health"]
        harness.end_scenario()
        assert harness.tracing.collector.pending() == []  # a scenario leaves none behind
    finally:
        harness.stop()


def test_off_by_default_no_traceparent_is_sent_and_no_span_kept(tmp_path: Path) -> None:
    harness = started(tmp_path)
    try:
        run = harness.begin_scenario("untraced")
        run.recorder.step = BROWSE
        run.cast.actor("Paula").call("GET", "/products", expect=200)
        harness.collect_spans(run)
        (exchange,) = run.recorder.exchanges
        assert "traceparent" not in {h.lower() for h in exchange.request_headers}
        assert exchange.trace_id is None and run.spans == [] and harness.tracing is None
        harness.end_scenario()
    finally:
        harness.stop()


def test_a_step_waits_for_its_spans_and_a_silent_system_only_once() -> None:
    collector = SpanCollector(patience=0.3)
    started_at = time.monotonic()
    assert collector.take([("a" * 32, "b" * 16)]) == []  # nothing ever came: waited once
    assert 0.3 <= time.monotonic() - started_at < 2 and collector.silent
    started_at = time.monotonic()
    assert collector.take([("a" * 32, "c" * 16)]) == []
    assert time.monotonic() - started_at < 0.1  # and not again

    late = SpanCollector(patience=5)
    span = Span("d" * 32, "e" * 16, "f" * 16, "shop", "GET /late", "server", 1, 2)
    other = Span("9" * 32, "8" * 16, None, "shop", "GET /other", "server", 1, 2)
    late.add([other])
    threading.Timer(0.2, late.add, args=([span],)).start()
    started_at = time.monotonic()
    taken = late.take([("d" * 32, "f" * 16)])
    assert taken == [span] and time.monotonic() - started_at < 2  # as soon as it came
    assert late.pending() == [other]  # another trace's span is left for its step


def checkout_spans(tmp_path: Path, failures: int) -> list[Span]:
    """The spans of a checkout whose payment provider fails ``failures`` times first."""
    harness = started(tmp_path, tracing=True)
    try:
        run = harness.begin_scenario("checkout")
        paula = arrange.registered_shopper(run.cast.actor("Paula"))
        mug = ProductFactory(stock=10)
        tasks.sign_in(paula)
        paula.call("POST", "/cart/items", json={"product_id": mug.id, "quantity": 1}, expect=201)
        payments.provider(run.services).fails_then_approves(failures)
        run.recorder.step = CHECK_OUT
        tasks.check_out(paula, expect=201)
        harness.collect_spans(run)
        harness.end_scenario()
        return run.spans_in(CHECK_OUT)
    finally:
        harness.stop()


def test_a_checkout_is_one_trace_from_the_shop_to_the_payment_provider(tmp_path: Path) -> None:
    spans = checkout_spans(tmp_path, failures=0)
    checks.once(spans, CHARGED, "the payment provider was charged exactly once")
    chain = 'span[name="POST /orders"] span[name="POST /charges" kind="client"] span[service.name="payment_gateway"]'
    assert len(select(spans, chain)) == 1  # under the shop's call, under the shop's request
    checks.only_services(spans, {"shop", "payment_gateway"}, "checking out calls payments only")
    checks.no_slower_than(spans, 'span[kind="server"]', 10_000, "no request took 10 s")


def test_a_retried_payment_shows_every_attempt_and_is_charged_once(tmp_path: Path) -> None:
    spans = checkout_spans(tmp_path, failures=2)
    attempts = select(spans, 'span[service.name="payment_gateway" name="POST /charges"]')
    assert [span.attributes["http.response.status_code"] for span in attempts] == [503, 503, 201]
    assert [span.status for span in attempts] == ["error", "error", "unset"]
    checks.once(spans, CHARGED, "the payment provider was charged exactly once")
    with pytest.raises(CheckFailed) as failed:  # what a retry that charges again would say
        checks.once(spans, 'span[service.name="payment_gateway"]', "charged once")
    message = str(failed.value)
    assert message.startswith("charged once: expected 1 span(s) span[service.name=")
    assert "found 3\n  - payment_gateway: POST /charges (" in message
    assert "the step's trace:\n" in message and "<- FAILED: error status" in message


# A planted bug no state check sees: an approved charge is asked again, under the same key,
# so an idempotent provider still holds one charge; the trace shows the second call.
ASKED_AGAIN = (
    "            return answer\n        raise GatewayUnavailable",
    "            if _attempt == self.retries:\n                return answer\n"
    "        raise GatewayUnavailable",
)
TRACED = "Checking out asks the payment provider once, and nothing else outside the shop"
STATE = "Checking out takes the ordered quantities from stock and empties the cart"


def test_a_charge_asked_again_fails_the_trace_check_alone_naming_the_spans(
    project: BehaveProject, tmp_path: Path
) -> None:
    shop = with_shop_copy(project, ("orders/checkout.feature",))
    source = shop.root / "shop" / "payments.py"
    text = source.read_text()
    assert text.count(ASKED_AGAIN[0]) == 1, "shop/payments.py changed: update the plant"
    source.write_text(text.replace(*ASKED_AGAIN))
    report = tmp_path / "report.json"
    assert failed_scenarios(shop, report, STATE) == set()  # what the provider holds: one charge
    outcome = shop.run("-D", "tracing=true", "-n", "asks the payment provider once", "-f", "plain")
    assert outcome.returncode == 1
    assert (
        "her checkout asked the payment provider: expected 1 span(s) "
        'span[service.name="payment_gateway" name="POST /charges"], found 3' in outcome.output
    )
    assert "  - payment_gateway: POST /charges (" in outcome.output
    assert "the step's trace:" in outcome.output


def test_a_traceparent_made_is_read_back_and_an_unreadable_one_is_none() -> None:
    header = traceparent("a" * 32, "b" * 16)
    assert header == f"00-{'a' * 32}-{'b' * 16}-01"
    assert parent_of(header) == parent_of(header.encode()) == ("a" * 32, "b" * 16)
    for unreadable in (None, "", "00-abc-def-01", f"00-{'a' * 32}-{'b' * 16}", "garbage"):
        assert parent_of(unreadable) is None
