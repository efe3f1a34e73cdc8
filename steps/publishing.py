"""Publishing a draft step by step, with the shop's parts failing on the way."""

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from journeys.checks import agree, refused
from journeys.tables import cents
from support import checks, faults, staff


@given("{who:Persona} has drafted a {product} at {price} in the {category} category")
def step_drafted(context, who, product, price, category):
    """A draft added over HTTP by this staff member (not on sale)."""
    staff.draft(context.cast.actor(who), product, category, cents(price))


@given("the {part:w} fails")
def step_part_fails(context, part):
    """From now on this part fails (the database refuses catalog writes; storage; cache)."""
    faults.fail(context.run, part)


@when("{who:Persona} publishes the {product} at {price} with {stock:Count} in stock and a photo")
def step_publishes(context, who, product, price, stock):
    """Every step from draft to on sale, over HTTP: price, stock, a photo, on sale."""
    staff.publish(context.cast.actor(who), product, cents(price), stock)


@then("{who:Persona} is told to try again later, and the {product} is exactly as it was")
def step_try_later(context, who, product):
    """503, saying what failed; every record and stored file as before the attempt."""
    actor = context.cast.actor(who)
    refused(actor.last_answer(), 503)
    checks.as_before(actor, context.run, product)


@then("{who:Persona} is told to take it off sale instead, and the {product} is exactly as it was")
def step_take_off_sale_instead(context, who, product):
    """409 product_ordered; every record and stored file as before the attempt."""
    actor = context.cast.actor(who)
    refused(actor.last_answer(), 409, "product_ordered")
    checks.as_before(actor, context.run, product)


@then("once the {part:w} is back, {who:Persona} can {action}")
def step_can_once_back(context, part, who, action):
    """The part works again, and the same attempt succeeds."""
    faults.mend(context.run, part)
    context.execute_steps(f"When {who} tries to {action}")
    agree(f"{who} trying again (HTTP status)", True,
          api=context.cast.actor(who).last_answer().status_code in (200, 201, 204))  # fmt: skip
