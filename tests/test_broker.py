"""The broker journeys holds for a target: its own names, emptied per scenario, deleted at the
end, and the faults scenarios ask for. On memory:// always; on RabbitMQ too when
JOURNEYS_BROKER_URL names it (``.ci/run`` does)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from kombu import Connection, Exchange, Queue, binding

from journeys.broker import Broker, BrokerDown, ConsumerKilled
from tests.conftest import REPO

AMQP = os.environ.get("JOURNEYS_BROKER_URL", "")
URLS = ["memory://", *([AMQP] if AMQP.startswith("amqp") else [])]


def topology(prefix: str) -> list[Queue]:
    events = Exchange(f"{prefix}events", type="topic", durable=False)
    return [
        Queue(f"{prefix}mail", bindings=[binding(events, routing_key="order.*")], durable=False),
        Queue(f"{prefix}sales", events, routing_key="order.paid", durable=False),
    ]


def publish(broker: Broker, kind: str, n: int) -> None:
    with broker.connect() as connection:
        producer = connection.Producer(serializer="json")
        exchange = Exchange(f"{broker.prefix}events", type="topic", durable=False)
        producer.publish({"kind": kind, "n": n}, exchange=exchange, routing_key=kind)


def waiting(broker: Broker, name: str) -> list[tuple[str, int]]:
    return [(m.decode()["kind"], m.decode()["n"]) for m in broker.waiting(broker.prefix + name)]


def exists(url: str, name: str) -> bool:
    with Connection(url) as connection:
        try:
            Queue(name, no_declare=True)(connection.channel()).queue_declare(passive=True)
        except Exception:  # kombu's NotFound / ChannelError: no such queue
            return False
        return True


@pytest.fixture(params=URLS)
def run_broker(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    made = Broker(request.param)
    made.start(topology(made.prefix))
    yield made
    made.stop()


def test_every_name_is_the_runs_own_and_gone_after_stop(run_broker: Broker) -> None:
    assert re.fullmatch(r"journeys\.\d+-[0-9a-f]{8}\.", run_broker.prefix)
    other = Broker(run_broker.url)
    assert other.prefix != run_broker.prefix
    names = [f"{run_broker.prefix}{n}" for n in ("mail", "sales", "journeys.tap")]
    assert all(exists(run_broker.url, name) for name in names)
    run_broker.stop()
    assert not any(exists(run_broker.url, name) for name in names)


def test_reset_empties_every_queue(run_broker: Broker) -> None:
    publish(run_broker, "order.paid", 1)
    assert waiting(run_broker, "sales") == [("order.paid", 1)]
    run_broker.reset()
    assert waiting(run_broker, "sales") == [] and waiting(run_broker, "mail") == []
    assert run_broker.published() == []


def test_the_tap_sees_what_was_published_once(run_broker: Broker) -> None:
    publish(run_broker, "order.paid", 1)
    publish(run_broker, "order.shipped", 2)
    assert [s.kind for s in run_broker.published()] == ["order.paid", "order.shipped"]
    assert run_broker.published() == []


def test_a_kind_delivered_twice_reaches_each_queue_twice(run_broker: Broker) -> None:
    run_broker.deliver_twice("order.paid")
    publish(run_broker, "order.paid", 1)
    publish(run_broker, "order.shipped", 2)
    run_broker.rearrange()
    assert waiting(run_broker, "mail") == [
        ("order.paid", 1),
        ("order.paid", 1),
        ("order.shipped", 2),
    ]
    assert waiting(run_broker, "sales") == [("order.paid", 1), ("order.paid", 1)]


def test_a_held_kind_arrives_after_what_overtook_it(run_broker: Broker) -> None:
    run_broker.hold("order.paid")
    publish(run_broker, "order.paid", 1)
    publish(run_broker, "order.shipped", 2)
    run_broker.rearrange()
    assert waiting(run_broker, "mail") == [("order.shipped", 2)]
    run_broker.release()
    assert waiting(run_broker, "mail") == [("order.shipped", 2), ("order.paid", 1)]


def test_a_broker_that_is_down_refuses_the_target_until_it_is_back(run_broker: Broker) -> None:
    run_broker.down = True
    with pytest.raises(BrokerDown, match="the message broker is down"):
        run_broker.connect()
    run_broker.down = False
    with run_broker.connect() as connection:
        assert connection.default_channel is not None


def test_a_consumer_dies_at_its_checkpoint_after_the_named_kind_only(run_broker: Broker) -> None:
    run_broker.die_after_handling("order.paid", times=1)
    run_broker.checkpoint("order.placed")  # another kind: lives
    with pytest.raises(ConsumerKilled, match=r"after handling a order\.paid message"):
        run_broker.checkpoint("order.paid")
    run_broker.checkpoint("order.paid")  # once only


def test_an_unacknowledged_message_comes_back_when_its_channel_closes(run_broker: Broker) -> None:
    """What a consumer that dies meets, on memory:// as on RabbitMQ."""
    publish(run_broker, "order.paid", 1)
    with run_broker.connect() as connection, connection.channel() as channel:
        taken = Queue(f"{run_broker.prefix}sales", no_declare=True)(channel).get(no_ack=False)
        assert taken is not None
    assert waiting(run_broker, "sales") == [("order.paid", 1)]


def test_a_run_leaves_no_queue_on_the_broker(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = URLS[-1]
    run = subprocess.run(
        [sys.executable, "-m", "behave", "-f", "null", "features/orders/notifications.feature",
         "-n", "confirmed by email"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
        env={**os.environ, "JOURNEYS_BROKER_URL": url},
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    said = re.search(
        r"with names (journeys\.\d+-[0-9a-f]{8}\.)\*, deleted after the run", run.stderr
    )
    assert said, run.stderr
    prefix = said.group(1)
    if url.startswith("memory://"):
        return  # memory:// ends with the process; the names were printed
    for name in ("shop.notifications", "shop.analytics", "shop.dead-letters", "journeys.tap"):
        assert not exists(url, prefix + name), f"{prefix}{name} is still on the broker"


def test_a_broker_that_cannot_be_reached_stops_the_run_saying_how_to_fix_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from journeys.exceptions import HarnessError
    from journeys.harness import Harness
    from journeys.settings import Settings

    url = "amqp://guest:guest@127.0.0.1:1//"  # nothing listens on port 1
    with pytest.raises(HarnessError) as raised:
        Harness(Settings(broker_url=url, cache=str(tmp_path))).start()
    message = str(raised.value)
    assert "the message broker at amqp://guest:***@127.0.0.1:1// cannot be used" in message
    assert "leave broker_url unset for memory://" in message


def test_a_broker_that_is_not_on_this_machine_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from journeys.exceptions import SettingsError
    from journeys.harness import Harness
    from journeys.settings import Settings

    url = "amqp://app:secret@rabbit.prod.example.com:5672//"
    with pytest.raises(SettingsError, match=r"'rabbit\.prod\.example\.com' \(broker_url\)"):
        Harness(Settings(broker_url=url, cache=str(tmp_path))).start()
