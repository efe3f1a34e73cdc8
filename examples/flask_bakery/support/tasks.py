"""What a customer does, over HTTP: the only module that knows the bakery's endpoints."""

from __future__ import annotations

from typing import Any

import requests

from journeys import Actor
from journeys.data import faker
from support import notes


def sign_up(actor: Actor, email: str | None = None) -> requests.Response:
    fake = faker()
    identity = {
        "name": f"{actor.name} {fake.last_name()}",
        "email": email or f"{actor.name.lower()}.{fake.pyint(100, 999)}@example.com",
        "password": fake.password(length=14),
    }
    response = actor.call("POST", "/api/customers", json=identity)
    if response.status_code == 201:
        actor.remember(notes.EMAIL, identity["email"])
        actor.remember(notes.PASSWORD, identity["password"])
        actor.http.auth = (identity["email"], identity["password"])
    return response


def loaf_id(actor: Actor, name: str) -> int:
    """The id of the loaf of this name, said once or more ("1 Bap", "2 Baps")."""
    wanted = {name.lower(), name.lower().removesuffix("s")}
    for loaf in actor.call("GET", "/api/loaves", expect=200).json():
        if loaf["name"].lower() in wanted:
            return int(loaf["id"])
    raise LookupError(f"the bakery sells no {name!r}")


def put_in_basket(actor: Actor, quantity: int, loaf: str) -> requests.Response:
    return actor.call("PUT", f"/api/basket/{loaf_id(actor, loaf)}", json={"quantity": quantity})


def place_order(actor: Actor) -> requests.Response:
    response = actor.call("POST", "/api/orders")
    if response.status_code == 201:
        actor.remember(notes.ORDER, response.json())
    return response


def basket(actor: Actor) -> dict[str, Any]:
    return dict(actor.call("GET", "/api/basket", expect=200).json())


def order(actor: Actor, order_id: int) -> requests.Response:
    return actor.call("GET", f"/api/orders/{order_id}")
