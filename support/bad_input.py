"""Inputs the shop must refuse, sent on purpose: each problem named as a scenario says it."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import requests

from journeys.personas import Actor
from support.tasks import put_in_cart_by_id, register, sign_in, signed_in

# What a registration form can get wrong -> the fields sent instead.
BAD_REGISTRATIONS = {
    "an email without an at-sign": {"email": "paula.example.com"},
    "a 5-character password": {"password": "abc12"},
    "an empty name": {"full_name": ""},
    "a name of 300 characters": {"full_name": "P" * 300},
    "a name of only spaces": {"full_name": "   "},
    "a NUL character in the name": {"full_name": "Paula\u0000Jones"},
    "a NUL character in the email": {"email": "paula\u0000@example.com"},
}

# What a body can be instead of JSON -> (content type, body).
BAD_BODIES = {
    "a body that is not JSON": ("application/json", b'{"product_id": 1, "quantity": '),
    "a form instead of JSON": ("application/x-www-form-urlencoded", b"product_id=1&quantity=1"),
    "a body of 100 KiB": ("application/json", b'{"pad": "' + b"x" * 100 * 1024 + b'"}'),
    # A generator: requests sends it chunked, with no Content-Length to refuse it by.
    "100 KiB sent in chunks": ("application/json", None),
}


def _cursor(key: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


# What a catalog page can be asked with, wrongly -> the query parameters sent.
BAD_PAGES = {
    "after a cursor the shop never gave": {"after": "bm90IGEgY3Vyc29y"},
    "after a cursor naming product 0": {"after": _cursor(["Blue Mug", 0])},
    "after a cursor whose id is text": {"after": _cursor(["Blue Mug", "7"])},
    "after a cursor holding a NUL character": {"after": _cursor(["Blue\u0000Mug", 7])},
    "before a cursor the shop never gave": {"before": "%%%"},
    "between a good cursor and a made-up one": {
        "after": _cursor(["Blue Mug", 1]),
        "before": "bm90IGEgY3Vyc29y",
    },
}


def ask_for_page(actor: Actor, problem: str) -> requests.Response:
    return actor.call("GET", "/products", params=BAD_PAGES[problem])


def _chunks() -> Iterator[bytes]:
    yield b'{"pad": "'
    for _ in range(100):
        yield b"x" * 1024
    yield b'"}'


def register_badly(actor: Actor, problem: str) -> requests.Response:
    return register(actor, **BAD_REGISTRATIONS[problem])


def send_cart(actor: Actor, problem: str) -> requests.Response:
    content_type, body = BAD_BODIES[problem]
    return signed_in(actor).call(
        "POST",
        "/cart/items",
        data=body if body is not None else _chunks(),
        headers={"Content-Type": content_type},
    )


def add_unknown_product(actor: Actor, product_id: int) -> requests.Response:
    return put_in_cart_by_id(signed_in(actor), product_id, 1)


def guess_passwords(actor: Actor, email: str, times: int) -> requests.Response:
    """Sign in ``times`` with wrong passwords for this email; the last answer."""
    for attempt in range(times):
        answer = sign_in(actor, email=email, password=f"not-the-password-{attempt}")
    return answer


UNKNOWN_CATEGORY = {"category": "attic", "name": "Red Jug", "price_cents": 900, "stock": 0}
UNKNOWN_CATEGORY = {"category": "attic", "name": "Red Jug", "price_cents": 900, "stock": 0}
# What staff may ask about that the shop does not have, or cannot hold -> the request sent.
NOT_THERE = {
    "browse a category the shop does not have": lambda a, p: a.call(
        "GET", "/products", params={"category": "attic"}
    ),
    "add a product to a category the shop does not have": lambda a, p: a.call(
        "POST", "/admin/products", json=UNKNOWN_CATEGORY
    ),
    "change the price of a product the shop does not have": lambda a, p: a.call(
        "PATCH", "/admin/products/999999", json={"price_cents": 100}
    ),
    "read the view counts of a product the shop does not have": lambda a, p: a.call(
        "GET", "/admin/products/999999/viewers"
    ),
    "empty the name of the Blue Mug": lambda a, p: a.call(
        "PATCH", f"/admin/products/{p}", json={"name": None}
    ),
    "receive 1000 more Blue Mugs": lambda a, p: a.call(
        "POST", f"/admin/products/{p}/receipts", json={"quantity": 1000}
    ),
}


def ask_for_sales_of(actor: Actor, day: str) -> requests.Response:
    """Staff ask for the sales report of a day written as given."""
    return signed_in(actor).call("GET", "/admin/sales", params={"day": day})


def ask_about(actor: Actor, request: str, product_id: int) -> requests.Response:
    """Staff send one of the requests above."""
    if request not in NOT_THERE:
        raise AssertionError(f"no request {request!r}; one of: {sorted(NOT_THERE)}")
    return NOT_THERE[request](signed_in(actor), product_id)
