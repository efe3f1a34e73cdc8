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


# A sign-up the bakery cannot take -> what is sent instead of a good identity.
BAD_SIGN_UPS: dict[str, dict[str, Any]] = {
    "a form instead of JSON": {"data": "name=Clara&email=clara@example.com"},
    "a blank name": {"json": {"name": "   "}},
    "an email without an @": {"json": {"email": "clara.example.com"}},
    "a password of 7 characters": {"json": {"password": "seven77"}},
}


def sign_up_wrongly(actor: Actor, problem: str) -> requests.Response:
    """Signs up with one thing wrong (``BAD_SIGN_UPS``), the rest as a good sign-up."""
    if problem not in BAD_SIGN_UPS:
        raise LookupError(f"no sign-up with {problem!r}; one of: {sorted(BAD_SIGN_UPS)}")
    wrong = BAD_SIGN_UPS[problem]
    if "data" in wrong:
        return actor.call("POST", "/api/customers", data=wrong["data"])
    good = {"name": actor.name, "email": f"{actor.name.lower()}@example.com",
            "password": "long enough"}  # fmt: skip
    return actor.call("POST", "/api/customers", json={**good, **wrong["json"]})


def sign_up_with_password(actor: Actor, password: str) -> requests.Response:
    email = f"{actor.name.lower()}.{faker().pyint(100, 999)}@example.com"
    identity = {"name": actor.name, "email": email, "password": password}
    response = actor.call("POST", "/api/customers", json=identity)
    if response.status_code == 201:
        actor.remember(notes.EMAIL, email)
        actor.http.auth = (email, password)
    return response


def _no_auth(request: Any) -> Any:
    return request  # sends no Authorization header, whatever the session holds


# How a customer might fail to sign in -> the credentials sent (the actor's email kept).
SIGN_INS: dict[str, Any] = {
    "without signing in": lambda email: _no_auth,
    "with a wrong password": lambda email: (email, "not the password"),
    "with an email nobody signed up with": lambda email: ("nobody@example.com", "long enough"),
}


def put_in_basket_signed(actor: Actor, how: str, loaf: str) -> requests.Response:
    """One loaf into the actor's basket, signed in as ``how`` says (``SIGN_INS``)."""
    if how not in SIGN_INS:
        raise LookupError(f"no way of signing in {how!r}; one of: {sorted(SIGN_INS)}")
    auth = SIGN_INS[how](actor.recall(notes.EMAIL))
    path = f"/api/basket/{loaf_id(actor, loaf)}"
    return actor.call("PUT", path, json={"quantity": 1}, auth=auth)


def put_raw_quantity(actor: Actor, quantity: Any, loaf_id_: int) -> requests.Response:
    """A quantity exactly as given (text, a fraction) for a loaf id."""
    return actor.call("PUT", f"/api/basket/{loaf_id_}", json={"quantity": quantity})


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
