"""Givens built straight from factories: fast, and with the persona's notes filled in."""

from __future__ import annotations

from factories import UserFactory
from journeys.personas import Actor
from support.tasks import new_identity


def registered_shopper(actor: Actor, staff: bool = False) -> Actor:
    identity = new_identity(actor)
    UserFactory(**identity, staff=staff)
    for key, value in identity.items():
        actor.remember(key, value)
    return actor
