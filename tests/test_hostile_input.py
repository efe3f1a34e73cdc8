"""The shop under hostile input: every answer is a 4xx that names the problem, never a 500,
and the connection a client used keeps working. Run on the backend under test (PostgreSQL's
INTEGER is 32 bits: 2**31 is already too large for it)."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import jwt
import pytest
import requests
from fastapi import FastAPI
from sqlalchemy import text

from factories import ProductFactory, UserFactory
from journeys import Harness, ScenarioRun
from shop.errors import CatchAll, install_error_handlers
from support.target import SETTINGS
from support.tasks import new_identity

HUGE = [2**31, 2**63, 10**30]
PRODUCT_ID, ORDER_ID = 1, 1


@pytest.fixture
def staff(harness: Harness) -> Iterator[tuple[ScenarioRun, requests.Session, int]]:
    run = harness.begin_scenario("hostile input")
    identity = new_identity(run.cast.actor("Stan"))
    UserFactory(**identity, staff=True)
    product = ProductFactory(stock=5)
    session = requests.Session()
    answer = session.post(f"{harness.url}/auth/login", json=identity)
    session.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    yield run, session, product.id
    session.close()
    harness.end_scenario()


def refused(answer: requests.Response, status: int, field: str | None = None) -> dict:
    assert answer.status_code == status, (answer.status_code, answer.text[:300])
    error = answer.json()["error"]
    assert error["message"]
    if field is not None:
        assert error.get("field") == field, error
    return error


@pytest.mark.parametrize("number", HUGE)
def test_ids_too_large_for_any_column_are_refused_naming_the_field(
    harness: Harness, staff, number: int
) -> None:
    _run, session, product = staff
    url = harness.url
    for method, path, body, field in [
        ("GET", f"/products/{number}", None, "product_id"),
        ("GET", f"/orders/{number}", None, "order_id"),
        ("POST", f"/orders/{number}/cancel", None, "order_id"),
        ("POST", f"/orders/{number}/ship", None, "order_id"),
        ("PATCH", f"/cart/items/{number}", {"quantity": 1}, "product_id"),
        ("DELETE", f"/cart/items/{number}", None, "product_id"),
        ("PATCH", f"/admin/products/{number}", {"price_cents": 1}, "product_id"),
        ("POST", f"/admin/products/{number}/receipts", {"quantity": 1}, "product_id"),
        ("POST", "/cart/items", {"product_id": number, "quantity": 1}, "product_id"),
        ("PATCH", f"/admin/products/{product}", {"price_cents": number}, "price_cents"),
        ("POST", f"/admin/products/{product}/receipts", {"quantity": number}, "quantity"),
    ]:
        refused(session.request(method, url + path, json=body), 422, field)


@pytest.mark.parametrize("subject", [str(2**31), str(2**63), "-1", "0", "abc"])
def test_a_token_for_an_impossible_account_is_an_invalid_token(
    harness: Harness, subject: str
) -> None:
    token = jwt.encode({"sub": subject, "exp": int(time.time()) + 600}, SETTINGS.secret_key)
    answer = requests.get(f"{harness.url}/me", headers={"Authorization": f"Bearer {token}"})
    assert refused(answer, 401)["code"] == "invalid_token"


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", "/accounts", {"email": "a@example.com", "password": "x" * 10, "full_name": "A\0B"}, "full_name"),
        ("POST", "/accounts", {"email": "a\0@example.com", "password": "x" * 10, "full_name": "AB"}, "email"),
        ("POST", "/accounts", {"email": "b@example.com", "password": "x\0" * 5, "full_name": "AB"}, "password"),
        ("POST", "/auth/login", {"email": "a\0@example.com", "password": "whatever1"}, "email"),
        ("POST", "/admin/products", {"category": "k\0", "name": "N", "price_cents": 1}, "category"),
        ("POST", "/admin/products", {"category": "k", "name": "N\0", "price_cents": 1}, "name"),
        ("PATCH", "/admin/products/{product}", {"description": "d\0"}, "description"),
        ("GET", "/products?q=a%00b", None, "q"),
    ],
    ids=["name", "email", "password", "login", "category", "product", "description", "search"],
)  # fmt: skip
def test_a_nul_character_in_any_text_is_refused(harness: Harness, staff, method, path, body, field):
    _run, session, product = staff
    answer = session.request(method, harness.url + path.format(product=product), json=body)
    refused(answer, 422, field)


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", "/accounts", {"email": "c@example.com", "password": "x" * 10, "full_name": "   "}, "full_name"),
        ("PATCH", "/admin/products/{product}", {"name": " \t "}, "name"),
    ],
    ids=["account", "product"],
)  # fmt: skip
def test_a_name_of_only_spaces_is_empty(harness: Harness, staff, method, path, body, field):
    _run, session, product = staff
    answer = session.request(method, harness.url + path.format(product=product), json=body)
    refused(answer, 422, field)


def test_an_order_whose_total_no_column_can_hold_is_refused(harness: Harness, staff) -> None:
    run, session, _product = staff
    dear = ProductFactory(price_cents=10_000_000, stock=5000)  # the largest price the shop takes
    session.post(f"{harness.url}/cart/items", json={"product_id": dear.id, "quantity": 1000})
    error = refused(session.post(f"{harness.url}/orders"), 422, "cart")
    assert error["code"] == "order_too_large"
    stock = run.db.scalar(text("select stock from products where id = :id").bindparams(id=dear.id))
    assert stock == 5000  # nothing was taken


def test_stock_no_column_can_hold_is_refused(harness: Harness, staff) -> None:
    _run, session, _product = staff
    full = ProductFactory(stock=2**31 - 10)
    answer = session.post(f"{harness.url}/admin/products/{full.id}/receipts", json={"quantity": 11})
    assert refused(answer, 422, "quantity")["code"] == "stock_too_large"


def raw(url: str) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)


def test_a_chunked_body_over_the_limit_is_refused_like_a_declared_one(
    harness: Harness, staff
) -> None:
    _run, session, _product = staff

    def chunks() -> Iterator[bytes]:
        yield b'{"pad": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    answer = session.post(
        f"{harness.url}/cart/items", data=chunks(), headers={"Content-Type": "application/json"}
    )
    assert answer.request.headers.get("Transfer-Encoding") == "chunked"
    assert refused(answer, 413, "body")["code"] == "body_too_large"
    assert answer.headers.get("Connection") == "close"


def test_after_an_error_answer_the_same_connection_keeps_working(harness: Harness) -> None:
    connection = raw(harness.url)
    for method, path, body in [
        ("GET", "/products/0", None),  # 422
        ("GET", f"/products/{2**63}", None),  # 422, was a 500 and a dropped connection
        ("GET", "/nowhere", None),  # 404
        ("POST", "/auth/login", b'{"email": '),  # malformed JSON
        ("GET", "/health", None),
    ]:
        headers = {"Content-Type": "application/json"} if body else {}
        connection.request(method, path, body=body, headers=headers)
        answer = connection.getresponse()
        answer.read()
        assert answer.getheader("Connection") != "close"
    assert answer.status == 200
    connection.close()


def test_an_unexpected_error_is_a_json_500_and_the_connection_survives(harness: Harness) -> None:
    from journeys.server import LiveServer

    app = FastAPI()
    install_error_handlers(app)
    app.add_middleware(CatchAll)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    @app.get("/fine")
    def fine() -> dict[str, str]:
        return {"status": "ok"}

    server = LiveServer(app)
    server.start()
    try:
        connection = raw(server.url)
        connection.request("GET", "/boom")
        answer = connection.getresponse()
        body = json.loads(answer.read())
        assert answer.status == 500 and body["error"]["code"] == "internal_error"
        assert "a bug" not in json.dumps(body)  # nothing of the internals leaks
        connection.request("GET", "/fine")
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        server.stop()


def test_what_the_whole_contract_run_found_is_answered_as_documented(
    harness: Harness, staff
) -> None:
    """Each answer Schemathesis --checks all once found undocumented, as the document says."""
    _run, session, _product = staff
    url = harness.url
    # A day written as a number was read as seconds since 1970.
    refused(session.get(f"{url}/admin/sales", params={"day": "0"}), 422, "day")
    assert session.get(f"{url}/admin/sales", params={"day": "2026-12-07"}).status_code == 200
    # A body that is not even text: 422 malformed_json, not an undocumented 400.
    bytes_ = session.post(
        f"{url}/accounts", data=b"\xff\xfe\x00", headers={"Content-Type": "application/json"}
    )
    assert refused(bytes_, 422, "body")["code"] == "malformed_json"
    # 405 names every method of the path, not only the first route's.
    for path, methods in (("/orders", "GET, POST"), ("/cart/items/1", "DELETE, PATCH")):
        answer = session.options(f"{url}{path}")
        assert (answer.status_code, answer.headers["Allow"]) == (405, methods)
    # A category holding NUL (a psycopg DataError, a 500, on PostgreSQL).
    refused(session.get(f"{url}/products", params={"category": "k\x00"}), 422, "category")
    # A product or category that does not exist is not found.
    missing = session.post(f"{url}/cart/items", json={"product_id": 2**31 - 1, "quantity": 1})
    assert refused(missing, 404, "product_id")["code"] == "product_not_found"
