"""Givens built straight from factories: fast, and with the persona's notes filled in."""

from __future__ import annotations

from factories import UserFactory
from journeys.personas import Actor
from support import notes
from support.tasks import new_identity


def registered_shopper(actor: Actor, staff: bool = False) -> Actor:
    identity = new_identity(actor)
    UserFactory(**identity, staff=staff)
    actor.remember(notes.EMAIL, identity["email"])
    actor.remember(notes.PASSWORD, identity["password"])
    actor.remember(notes.FULL_NAME, identity["full_name"])
    return actor
