"""What staff do to the catalog, over HTTP: the shop's admin endpoints."""

from __future__ import annotations

import requests

from factories.catalog import CategoryFactory
from journeys.checks import agree
from journeys.personas import Actor
from support import images, notes
from support.tasks import category_slug, product_ref, signed_in


def add_product(
    actor: Actor, name: str, category: str, price_cents: int, on_sale: bool = True
) -> requests.Response:
    body = {
        "category": category_slug(actor, category),
        "name": name,
        "price_cents": price_cents,
        "stock": 0,
        "on_sale": on_sale,
    }
    answer = signed_in(actor).call("POST", "/admin/products", json=body)
    if answer.status_code == 201 and not on_sale:  # not in the catalog: only its maker knows
        drafts = actor.recall(notes.DRAFTS) if actor.knows(notes.DRAFTS) else {}
        actor.remember(notes.DRAFTS, {**drafts, name: answer.json()["id"]})
    return answer


def draft(actor: Actor, name: str, category: str, price_cents: int) -> int:
    """A product added as a draft, in a category the factories make if need be; its id."""
    CategoryFactory(name=category)
    answer = add_product(actor, name, category, price_cents, on_sale=False)
    agree(f"drafting the {name} (HTTP status)", 201, api=answer.status_code)
    return int(answer.json()["id"])


def publish(actor: Actor, product: str, price_cents: int, stock: int) -> None:
    """Every step from draft to on sale: the price, the stock, a photo, then on sale."""
    product_id = product_ref(actor, product)
    actor.call("PATCH", f"/admin/products/{product_id}", json={"price_cents": price_cents},
               expect=200)  # fmt: skip
    actor.call("POST", f"/admin/products/{product_id}/receipts", json={"quantity": stock},
               expect=200)  # fmt: skip
    agree("adding a photo (HTTP status)", 201, api=images.add_photo(actor, product_id).status_code)
    actor.call("POST", f"/admin/products/{product_id}/publish", expect=200)


def change_price(actor: Actor, product: str, price_cents: int) -> requests.Response:
    product_id = product_ref(actor, product)
    return signed_in(actor).call(
        "PATCH", f"/admin/products/{product_id}", json={"price_cents": price_cents}
    )


def rename_product(actor: Actor, product: str, new_name: str) -> requests.Response:
    product_id = product_ref(actor, product)
    return signed_in(actor).call("PATCH", f"/admin/products/{product_id}", json={"name": new_name})


def receive_stock(actor: Actor, product: str, quantity: int) -> requests.Response:
    product_id = product_ref(actor, product)
    return signed_in(actor).call(
        "POST", f"/admin/products/{product_id}/receipts", json={"quantity": quantity}
    )


def take_off_sale(actor: Actor, product: str) -> requests.Response:
    product_id = product_ref(actor, product)
    return signed_in(actor).call("POST", f"/admin/products/{product_id}/unpublish")


def put_on_sale(actor: Actor, product_id: int) -> requests.Response:
    return signed_in(actor).call("POST", f"/admin/products/{product_id}/publish")


def audit_log(actor: Actor, **about: str | int) -> requests.Response:
    """The audit log as this actor reads it (staff may; nobody else), or the part of it
    about one kind of thing (``subject_kind``) or one thing (with ``subject_id``)."""
    return signed_in(actor).call("GET", "/admin/audit", params=about or None)


def viewers(actor: Actor, product_id: int) -> dict[str, int]:
    """How many shoppers viewed the product (today, and shopper-days), as staff read it."""
    answer = signed_in(actor).call("GET", f"/admin/products/{product_id}/viewers", expect=200)
    return dict(answer.json())
