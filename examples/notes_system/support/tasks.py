"""What a member and the operator do, over HTTP: the only module that knows the endpoints."""

from __future__ import annotations

import requests

from journeys import Actor
from journeys.data import faker
from support import remembered
from support.system import OPS_TOKEN


def register(actor: Actor, name: str | None = None) -> requests.Response:
    """Registers with a fresh password (and the persona's name, unless another is given);
    signs in once registered, keeping the token and the user's id."""
    password = faker().password(length=14)
    name = name or actor.name
    answer = actor.call("POST", "/users", json={"name": name, "password": password})
    if answer.status_code == 201:
        actor.remember(remembered.NAME, name)
        actor.remember(remembered.PASSWORD, password)
        signed_in = actor.call(
            "POST", "/tokens", json={"name": name, "password": password}, expect=201
        ).json()
        actor.remember(remembered.TOKEN, signed_in["token"])
        actor.remember(remembered.USER_ID, signed_in["user_id"])
    return answer


def _bearer(actor: Actor) -> dict[str, str]:
    return {"Authorization": f"Bearer {actor.recall(remembered.TOKEN)}"}


def write_note(actor: Actor, text: str) -> requests.Response:
    return actor.call(
        "POST", "/notes", service="notes", json={"text": text}, headers=_bearer(actor)
    )


def change_bio(actor: Actor, bio: str) -> requests.Response:
    return actor.call("PATCH", "/users/me", json={"bio": bio}, headers=_bearer(actor), expect=200)


def switch_reader(operator: Actor, running: bool, delay: float = 0) -> None:
    """The operator pauses, resumes or slows the notes service's reader of account events."""
    operator.call(
        "POST",
        "/ops/consumer",
        service="notes",
        json={"running": running, "delay": delay},
        headers={"X-Ops-Token": OPS_TOKEN},
        expect=204,
    )
