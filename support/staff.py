"""What staff do to the catalog, over HTTP: the shop's admin endpoints."""

from __future__ import annotations

import requests

from journeys.personas import Actor
from support.tasks import category_slug, find_product, signed_in


def add_product(actor: Actor, name: str, category: str, price_cents: int) -> requests.Response:
    body = {
        "category": category_slug(actor, category),
        "name": name,
        "price_cents": price_cents,
        "stock": 0,
    }
    return signed_in(actor).call("POST", "/admin/products", json=body)


def change_price(actor: Actor, product: str, price_cents: int) -> requests.Response:
    product_id = find_product(actor, product)["id"]
    return signed_in(actor).call(
        "PATCH", f"/admin/products/{product_id}", json={"price_cents": price_cents}
    )


def rename_product(actor: Actor, product: str, new_name: str) -> requests.Response:
    product_id = find_product(actor, product)["id"]
    return signed_in(actor).call("PATCH", f"/admin/products/{product_id}", json={"name": new_name})


def receive_stock(actor: Actor, product: str, quantity: int) -> requests.Response:
    product_id = find_product(actor, product)["id"]
    return signed_in(actor).call(
        "POST", f"/admin/products/{product_id}/receipts", json={"quantity": quantity}
    )


def take_off_sale(actor: Actor, product: str) -> requests.Response:
    product_id = find_product(actor, product)["id"]
    return signed_in(actor).call("POST", f"/admin/products/{product_id}/unpublish")


def put_on_sale(actor: Actor, product_id: int) -> requests.Response:
    return signed_in(actor).call("POST", f"/admin/products/{product_id}/publish")


def audit_log(actor: Actor) -> requests.Response:
    """The audit log as this actor reads it (staff may; nobody else)."""
    return signed_in(actor).call("GET", "/admin/audit")


def viewers(actor: Actor, product_id: int) -> dict[str, int]:
    """How many shoppers viewed the product (today, and shopper-days), as staff read it."""
    answer = signed_in(actor).call("GET", f"/admin/products/{product_id}/viewers", expect=200)
    return dict(answer.json())
