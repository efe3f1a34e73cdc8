"""A checkout sent again: the Idempotency-Key contract."""

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from journeys.checks import agree
from support import checks, notes, questions, tasks


@given('{who:Persona} has checked out with the Idempotency-Key "{key}"')
def step_checked_out_with_key(context, who, key):
    """A paid order of the cart, checked out over HTTP with this key."""
    tasks.check_out_keyed(context.cast.actor(who), key, expect=201)


@given("{who:Persona} has checked out without an Idempotency-Key")
def step_checked_out_without_key(context, who):
    """A paid order of the cart, checked out over HTTP with no key at all."""
    tasks.check_out_keyed(context.cast.actor(who), None, expect=201)


@when('{who:Persona} checks out with the Idempotency-Key "{key}"')
def step_check_out_with_key(context, who, key):
    """Checks out with exactly this key."""
    tasks.check_out_keyed(context.cast.actor(who), key)


@when("{who:Persona} checks out with an Idempotency-Key of {length:Count} characters")
def step_check_out_key_length(context, who, length):
    """Checks out with a key of exactly this many characters."""
    tasks.check_out_keyed(context.cast.actor(who), "k" * length)


@when("{who:Persona} checks out without an Idempotency-Key")
def step_check_out_without_key(context, who):
    """Checks out with no key at all."""
    tasks.check_out_keyed(context.cast.actor(who), None)


@then("the answer is {status:Count} with {whose:Persona} {which} order")
def step_answer_with_order(context, status, whose, which):
    """The last checkout's status, and that it answered the first stored order or the newest."""
    actor = context.cast.actor(whose)
    answer = actor.last_answer()
    agree("the checkout's HTTP status", status, api=answer.status_code)
    stored = sorted(o["id"] for o in questions.orders_of(context.db, actor.recall(notes.EMAIL)))
    expected = {"first": stored[0], "new": stored[-1]}[which]
    agree(f"the order answered ({which})", expected, api=answer.json()["id"])


@then("{who:Persona} has {count:Count} orders")
@then("{who:Persona} has {count:Count} order")
def step_has_orders(context, who, count):
    """The persona has that many orders, by the API and by the database."""
    checks.has_orders(context.cast.actor(who), context.db, count)
