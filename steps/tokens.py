"""Tokens: who the shop thinks is signed in, and for how long."""

from datetime import timedelta

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from factories.accounts import shopper
from journeys.checks import agree, refused
from journeys.tables import quantities
from support import notes, tasks, tokens


@given("{who:Persona} holds {kind:w} token")
def step_holds_token(context, who, kind):
    """The persona sends no, a malformed, a forged or an expired token next."""
    actor = context.cast.actor(who)
    tasks.hold_token(actor, tokens.mint(shopper(actor.recall(notes.EMAIL)).id, kind))


@when("{who:Persona} tries to add {items} to {whose:Persona} cart")
def step_try_add(context, who, items, whose):
    """Tries to add products to the cart with the token the persona holds."""
    [(quantity, product)] = quantities(items)
    tasks.add_to_cart_as_is(context.cast.own(who, whose), quantity, product)


@when("{minutes:Count} minutes pass")
def step_minutes_pass(context, minutes):
    """Moves every thread's clock on (the service's too) with time-machine; no one sleeps."""
    import time_machine  # imported by the runs that move the clock (it brings in pytest)

    traveller = time_machine.travel(timedelta(minutes=minutes), tick=True)
    traveller.start()
    context.add_cleanup(traveller.stop)


@then("{who:Persona} is told to sign in again because {whose:Persona} token is {problem:w}")
def step_told_sign_in(context, who, whose, problem):
    """The answer was 401 with WWW-Authenticate and the token's problem as its code."""
    answer = context.cast.own(who, whose).last_answer()
    refused(answer, 401, tokens.REFUSALS[problem])
    agree(
        "WWW-Authenticate header", True, api="Bearer" in answer.headers.get("WWW-Authenticate", "")
    )
