"""The shop's permission matrix: each action in the product owner's words, as one request.

The actions are made with valid bodies, so a refusal comes from who asks, never from what
was sent (FastAPI reads a body before the route's own checks).
"""

from __future__ import annotations

from collections.abc import Callable

import requests

from journeys.personas import Actor
from support import photos, tasks

# action -> what it sends, given the product and the order it is about
Request = Callable[[Actor, int, int], requests.Response]

SIGNED_IN: dict[str, Request] = {
    "see her profile": lambda a, p, o: a.call("GET", "/me"),
    "see her cart": lambda a, p, o: a.call("GET", "/cart"),
    "put a Blue Mug in her cart": lambda a, p, o: a.call(
        "POST", "/cart/items", json={"product_id": p, "quantity": 1}
    ),
    "change how many Blue Mugs are in her cart": lambda a, p, o: a.call(
        "PATCH", f"/cart/items/{p}", json={"quantity": 2}
    ),
    "take the Blue Mug out of her cart": lambda a, p, o: a.call("DELETE", f"/cart/items/{p}"),
    "check out": lambda a, p, o: a.call("POST", "/orders"),
    "see her orders": lambda a, p, o: a.call("GET", "/orders"),
    "see Paula's order": lambda a, p, o: a.call("GET", f"/orders/{o}"),
    "cancel Paula's order": lambda a, p, o: a.call("POST", f"/orders/{o}/cancel"),
}

STAFF: dict[str, Request] = {
    "add a product to the catalog": lambda a, p, o: _new_product(a),
    "change the price of the Blue Mug": lambda a, p, o: a.call(
        "PATCH", f"/admin/products/{p}", json={"price_cents": 1}
    ),
    "receive Blue Mugs into stock": lambda a, p, o: a.call(
        "POST", f"/admin/products/{p}/receipts", json={"quantity": 5}
    ),
    "take the Blue Mug off sale": lambda a, p, o: a.call("POST", f"/admin/products/{p}/unpublish"),
    "put the Blue Mug on sale": lambda a, p, o: a.call("POST", f"/admin/products/{p}/publish"),
    "add a photo of the Blue Mug": lambda a, p, o: _photo(a, p),
    "remove the Blue Mug from the shop": lambda a, p, o: a.call("DELETE", f"/admin/products/{p}"),
    "read the audit log": lambda a, p, o: a.call("GET", "/admin/audit"),
    "read the sales report": lambda a, p, o: a.call("GET", "/admin/sales"),
    "read how many shoppers looked at the Blue Mug": lambda a, p, o: a.call(
        "GET", f"/admin/products/{p}/viewers"
    ),
    "ship Paula's order": lambda a, p, o: a.call("POST", f"/orders/{o}/ship"),
    "deliver Paula's order": lambda a, p, o: a.call("POST", f"/orders/{o}/deliver"),
}


def _new_product(actor: Actor) -> requests.Response:
    body = {"category": tasks.category_slug(actor, "Kitchen"), "name": "Red Jug",
            "price_cents": 900, "stock": 0, "on_sale": True}  # fmt: skip
    return actor.call("POST", "/admin/products", json=body)


def _photo(actor: Actor, product_id: int) -> requests.Response:
    data, content_type = photos.UPLOADS["a photo"]()
    return actor.call("POST", f"/admin/products/{product_id}/images", data=data,
                      headers={"Content-Type": content_type})  # fmt: skip


def attempt(actor: Actor, action: str, product_id: int, order_id: int) -> requests.Response:
    """The actor tries the action; the answer, whatever it is."""
    known = {**SIGNED_IN, **STAFF}
    if action not in known:
        raise AssertionError(f"no action {action!r} in the permission matrix: {sorted(known)}")
    return known[action](actor, product_id, order_id)
