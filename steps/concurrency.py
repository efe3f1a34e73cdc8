"""Shoppers acting at the same moment (features/orders/concurrency.feature)."""

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona} and {n:Count})
from journeys.checks import agree, refused
from journeys.tables import quantities
from support import arrange, checks, notes, questions, tasks


@given("{people} each have {items} in their carts")
def step_each_have(context, people, items):
    """Registered shoppers ("Paula and Bob", "10 shoppers"), each with these items in the cart."""
    arrange.crowd(context.cast, people, quantities(items))


@given("{people} have each ordered {items}")
def step_each_ordered(context, people, items):
    """Registered shoppers ("10 shoppers"), each with a paid order of these items."""
    tasks.each_order(arrange.crowd(context.cast, people, quantities(items)))


@when("they all cancel their orders at the same moment")
def step_cancel_together(context):
    """Everyone named last cancels their order at the same moment."""
    tasks.cancel_together(context.cast.group)


@then("all {count:Count} of their orders are cancelled")
def step_all_cancelled(context, count):
    """Every order of the group is cancelled, by the answers and by the database."""
    crowd = context.cast.group
    statuses = [
        questions.order_row(context.db, a.recall(notes.ORDER)["id"])["status"] for a in crowd
    ]
    agree(
        "cancelled orders",
        count,
        api=sum(a.last_answer().status_code == 200 for a in crowd),
        database=statuses.count("cancelled"),
    )


@when("they all check out at the same moment")
def step_check_out_together(context):
    """Everyone named last checks out at the same moment."""
    tasks.check_out_together(context.cast.group)


@when("{whose:Persona} checkout is sent twice at the same moment")
@when("{whose:Persona} checkout is sent {times:Count} times at the same moment")
def step_sent_at_once(context, whose, times=2):
    """The same checkout (one Idempotency-Key) sent that many times at the same moment."""
    tasks.check_out_at_once(context.cast.actor(whose), times, keyed=True)


@when("{who:Persona} clicks check out twice at the same moment")
@when("{who:Persona} clicks check out {times:Count} times at the same moment")
def step_clicks_at_once(context, who, times=2):
    """The cart checked out that many times at once by a browser that sends no key."""
    tasks.check_out_at_once(context.cast.actor(who), times, keyed=False)


@then("{count:Count} of them has an order")
@then("{count:Count} of them have an order")
def step_count_ordered(context, count):
    """That many of the group got an order, by the answers and by the database."""
    crowd = context.cast.group
    agree(
        "shoppers with an order",
        count,
        api=sum(a.last_answer().status_code == 201 for a in crowd),
        database=sum(len(questions.orders_of(context.db, a.recall(notes.EMAIL))) for a in crowd),
    )


@then("{count:Count} of them is told there are not enough {product}")
@then("{count:Count} of them are told there are not enough {product}")
def step_count_refused(context, count, product):
    """That many of the group were refused for lack of stock of the product, saying so."""
    refused_ones = [a for a in context.cast.group if a.last_answer().status_code != 201]
    for actor in refused_ones:
        error = refused(actor.last_answer(), 409, "insufficient_stock")
        agree("products short", 1, api=len(error["details"]["products"]))
    agree(f"shoppers told there are not enough {product}", count, api=len(refused_ones))


@then("both answers are {whose:Persona} one order")
@then("every answer is {whose:Persona} one order")
def step_every_answer_one_order(context, whose):
    """Every answer names the same order, and the database holds exactly that one."""
    actor = context.cast.actor(whose)
    answers = actor.recall(notes.CHECKOUT_ANSWERS)
    statuses = sorted(a.status_code for a in answers)
    agree(
        "answers: one placed (201), the rest repeats (200)",
        [200] * (len(answers) - 1) + [201],
        api=statuses,
    )
    answered = {a.json()["id"] for a in answers}
    stored = {row["id"] for row in questions.orders_of(context.db, actor.recall(notes.EMAIL))}
    agree("the orders", stored, api=answered)
    agree("orders stored", 1, database=len(stored))


@then("one checkout places {whose:Persona} order and the other is told the cart is empty")
@then(
    "one checkout places {whose:Persona} order and the other {rest:Count} are told the cart is empty"
)
def step_one_order_rest_empty(context, whose, rest=1):
    """One answer is a new order (the one stored); every other says the cart is empty."""
    checks.one_order_of_many(context.cast.actor(whose), context.db, rest)


@then("no checkout places {whose:Persona} order")
def step_no_order(context, whose):
    """Every answer is a refusal, and no order was paid."""
    checks.one_order_of_many(context.cast.actor(whose), context.db, None)
