"""The outside-service stand-ins: real servers on loopback, reprogrammable, able to go down."""

from __future__ import annotations

import threading
import time

import pytest
import requests
from werkzeug import Response

from journeys.stubs import OutsideService


@pytest.fixture
def service():
    stub = OutsideService("gateway")
    stub.start()
    stub.reset()
    yield stub
    stub.stop()


def test_a_later_behaviour_replaces_an_earlier_one(service: OutsideService) -> None:
    service.on("POST", "/charges", lambda _r: Response("first", status=201))
    service.on("POST", "/charges", lambda _r: Response("second", status=402))
    answer = requests.post(f"{service.url}/charges", timeout=5)
    assert (answer.status_code, answer.text) == (402, "second")
    assert service.url.startswith("http://127.0.0.1:")


def test_an_unprogrammed_call_stands_out(service: OutsideService) -> None:
    assert requests.get(f"{service.url}/nobody-expected-this", timeout=5).status_code == 501


@pytest.mark.parametrize("down_between", [False, True])
def test_what_a_scenario_programmed_is_gone_in_the_next(
    service: OutsideService, down_between: bool
) -> None:
    service.on("POST", "/charges", lambda _r: Response("approved", status=201))
    assert requests.post(f"{service.url}/charges", timeout=5).status_code == 201
    if down_between:
        service.go_down()
    service.reset()
    assert requests.post(f"{service.url}/charges", timeout=5).status_code == 501
    assert service.new_exchanges(None)[0].status == 501  # and it is recorded as such
    service.on("POST", "/charges", lambda _r: Response("declined", status=402))
    assert requests.post(f"{service.url}/charges", timeout=5).status_code == 402


def test_down_refuses_connections_and_reset_brings_it_back_on_the_same_port(
    service: OutsideService,
) -> None:
    url = service.url
    service.go_down()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{url}/charges", timeout=2)
    service.reset()
    assert service.url == url
    service.on("GET", "/ping", lambda _r: Response("pong"))
    assert requests.get(f"{url}/ping", timeout=5).text == "pong"


def test_a_slow_handler_is_released_when_the_scenario_ends(service: OutsideService) -> None:
    service.on("GET", "/slow", lambda _r: (service.delay(30), Response("late"))[1])
    caller = threading.Thread(target=lambda: requests.get(f"{service.url}/slow", timeout=60))
    caller.start()
    time.sleep(0.2)
    started = time.monotonic()
    service.reset()  # does not wait out the 30 s
    caller.join(timeout=5)
    assert time.monotonic() - started < 5 and not caller.is_alive()


def test_what_it_received_becomes_exchanges_once(service: OutsideService) -> None:
    service.on(
        "POST",
        "/charges",
        lambda _r: Response('{"status": "approved"}', status=201, content_type="application/json"),
    )
    requests.post(
        f"{service.url}/charges",
        json={"amount_cents": 2400, "card": "4111111111111111"},
        headers={"Authorization": "Bearer sk_live_abcdefghijkl"},
        timeout=5,
    )
    [exchange] = service.new_exchanges("When she checks out")
    assert exchange.actor == "-> gateway" and exchange.status == 201
    assert exchange.request_body == {"amount_cents": 2400, "card": "********"}
    assert exchange.request_headers["Authorization"] == "********"
    assert exchange.response_body == {"status": "approved"}
    assert service.new_exchanges("Then ...") == []
