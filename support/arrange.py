"""Givens built straight from factories: fast, and with the persona's notes filled in."""

from __future__ import annotations

from factories import UserFactory
from factories.carts import fill_cart
from factories.orders import OrderFactory, shopper
from journeys.personas import Actor, Cast
from journeys.tables import names
from shop.models import Order
from support import notes
from support.tasks import new_identity


def registered_shopper(actor: Actor, staff: bool = False) -> Actor:
    identity = new_identity(actor)
    UserFactory(**identity, staff=staff)
    actor.remember(notes.EMAIL, identity["email"])
    actor.remember(notes.PASSWORD, identity["password"])
    actor.remember(notes.FULL_NAME, identity["full_name"])
    return actor


def crowd(cast: Cast, people: str, items: list[tuple[int, str]]) -> list[Actor]:
    """Registered shoppers, each with these items in the cart, added in this order; they are
    now 'they'. 'Paula and Bob' by name; '10 shoppers' as Shopper 1..10; '4 more shoppers'
    join the shoppers named before."""
    words = people.split()
    if not words[0].isdigit():
        newcomers = names(people)
        earlier: list[Actor] = []
    else:
        earlier = cast.group if words[1] == "more" else []
        newcomers = [f"Shopper {len(earlier) + n}" for n in range(1, int(words[0]) + 1)]
    for name in newcomers:  # straight into the database: a Given arranges, it does not shop
        fill_cart(registered_shopper(cast.actor(name)).recall(notes.EMAIL), items)
    return cast.gather([a.name for a in earlier] + newcomers)


def order_awaiting_payment(actor: Actor) -> None:
    """An order of one line still waiting for its payment (no checkout leaves one: it is the
    state between the order's creation and the gateway's answer); the actor keeps it."""
    order: Order = OrderFactory.create(user=shopper(actor.recall(notes.EMAIL)), lines=1)
    actor.remember(notes.ORDER, {"id": order.id})
