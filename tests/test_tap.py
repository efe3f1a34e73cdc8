"""Listening to a system's own broker: what it publishes is seen, what waits in its queues
holds the next step back, and the run leaves no queue of its own there."""

from __future__ import annotations

import socket
import time
from dataclasses import replace

import pytest
from kombu import Connection, Exchange, Producer, Queue

from journeys.exceptions import HarnessError
from journeys.tap import Tap


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


URLS = ["memory://"] + (["amqp://guest:guest@127.0.0.1:5672//"] if _listening(5672) else [])


@pytest.fixture(params=URLS)
def system(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A system's own topology: an exchange and its consumer's queue, named for this test."""
    url = request.param
    name = f"system-{time.monotonic_ns()}"
    users = Exchange(f"{name}.users", type="topic", durable=True)
    inbox = Queue(f"{name}.content.inbox", exchange=users, routing_key="user.#", durable=False)
    with Connection(url) as connection:
        inbox(connection.default_channel).declare()
    yield url, users, inbox
    with Connection(url) as connection:
        inbox(connection.default_channel).delete()
        users(connection.default_channel).delete()


def publish(url: str, exchange: Exchange, kind: str, body: dict) -> None:
    with Connection(url) as connection:
        Producer(connection.default_channel).publish(
            {"kind": kind, **body}, exchange=exchange, routing_key=kind, serializer="json"
        )


def test_what_the_system_publishes_is_seen_and_its_queues_say_what_is_in_flight(system) -> None:
    url, users, inbox = system
    tap = Tap(url, (users.name,), (inbox.name,)).start()
    try:
        publish(url, users, "user.registered", {"name": "Nora"})
        seen = tap.drain()
        assert [(s.what, s.kind) for s in seen] == [("published", "user.registered")]
        assert '"name": "Nora"' in seen[0].detail
        assert tap.drain() == []  # each message once
        assert tap.in_flight() == f"{inbox.name}: 1 waiting"  # the consumer has not had it
        with Connection(url) as connection:
            assert inbox(connection.default_channel).get(no_ack=True) is not None
        assert tap.in_flight() is None
    finally:
        tap.stop()
    with Connection(url) as connection, pytest.raises(Exception):  # noqa: B017 (404 or KeyError)
        connection.default_channel.queue_declare(tap.queue.name, passive=True)


@pytest.mark.skipif(len(URLS) < 2, reason="needs RabbitMQ on 127.0.0.1 (CI starts it)")
def test_a_broker_that_is_down_is_said_at_the_start() -> None:
    with pytest.raises(HarnessError, match="cannot listen to the system's broker at amqp://"):
        Tap("amqp://guest:guest@127.0.0.1:1//", ("users",)).start()


def test_a_step_that_wrote_waits_for_the_system_to_settle_and_records_what_it_published(
    system,
) -> None:
    """An event that arrives late (handled 0.3 s after the request) holds the step back
    until the consumer has it; one that never does fails the step, saying what waits."""
    import threading
    from types import SimpleNamespace

    from journeys.checks import published
    from journeys.http import Exchange, Recorder
    from journeys.outside import OutsideParts
    from journeys.queries import QueryLog
    from journeys.settings import Settings
    from journeys.target import SystemBroker, Target

    url, users, inbox = system
    handled: list[str] = []
    target = Target(
        name="system",
        system_broker=SystemBroker(exchanges=(users.name,), queues=(inbox.name,)),
        settled=lambda: None if handled else "the content service has not had the user yet",
    )
    parts = OutsideParts(target, Settings(system_broker_url=url, settle_timeout=3))
    parts.start_services()
    recorder = Recorder()
    run = SimpleNamespace(recorder=recorder)

    def a_request_that_wrote(step: str) -> None:
        recorder.step = step
        recorder.exchanges.append(
            Exchange(
                None, "Nora", step, "POST", "http://127.0.0.1/users", 201, 1.0, {}, None, {}, None
            )
        )

    def consumer_later() -> None:
        time.sleep(0.3)
        with Connection(url) as connection:
            inbox(connection.default_channel).get(no_ack=True)
        handled.append("user.registered")

    try:
        a_request_that_wrote("1. When Nora registers")
        publish(url, users, "user.registered", {"name": "Nora"})
        threading.Thread(target=consumer_later).start()
        started = time.monotonic()
        parts.pump(run, QueryLog())
        assert time.monotonic() - started >= 0.25  # it waited for the consumer
        assert published(run, "user.registered", "Nora")
        with pytest.raises(AssertionError, match=r"the scenario saw: user\.registered"):
            published(run, "user.deleted")

        handled.clear()  # a consumer that is down: the next step that writes cannot settle
        a_request_that_wrote("2. When Nora changes her name")
        publish(url, users, "user.renamed", {"name": "Nora B."})
        with pytest.raises(HarnessError) as unsettled:
            parts.pump(run, QueryLog())
        assert "still in flight: the content service has not had the user yet" in str(
            unsettled.value
        )
        # Without a settled function, the queues the system broker names decide.
        parts.target = replace(target, settled=None)
        assert parts.in_flight() == f"{inbox.name}: 1 waiting"
    finally:
        parts.stop()


def test_a_system_by_url_cannot_be_heard_on_a_broker_inside_journeys() -> None:
    from journeys.exceptions import SettingsError
    from journeys.outside import OutsideParts
    from journeys.settings import Settings
    from journeys.target import SystemBroker, Target

    target = Target(name="system", system_broker=SystemBroker(exchanges=("users",)))
    parts = OutsideParts(target, Settings(base_url="http://127.0.0.1:8000"))
    with pytest.raises(SettingsError, match="journeys would hear nothing it publishes") as refused:
        parts.check_settings()
    assert "JOURNEYS_SYSTEM_BROKER_URL" in str(refused.value)
    OutsideParts(  # the same by URL on a real broker's URL: nothing to say
        target,
        Settings(base_url="http://127.0.0.1:8000", system_broker_url="amqp://127.0.0.1//"),
    ).check_settings()


def test_a_settled_function_of_one_argument_is_given_the_services_urls() -> None:
    from journeys.outside import OutsideParts
    from journeys.settings import Settings
    from journeys.target import Target

    asked: list[dict[str, str]] = []

    def settled(urls: dict[str, str]) -> str | None:
        asked.append(urls)
        return None if len(asked) > 1 else f"{urls['notes']} has 1 event waiting"

    parts = OutsideParts(Target(name="system", settled=settled), Settings())
    parts.urls = {"accounts": "http://127.0.0.1:1", "notes": "http://127.0.0.1:2"}
    assert parts.in_flight() == "http://127.0.0.1:2 has 1 event waiting"
    assert parts.in_flight() is None
    assert asked[0] == parts.urls
