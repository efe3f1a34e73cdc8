"""Who may change the catalog: each attempt notes the catalog first, to tell what changed."""

from behave import then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from factories.catalog import withdraw
from journeys.checks import agree, refused
from journeys.tables import cents
from support import checks, notes, questions, staff


def _attempt(context, who):
    actor = context.cast.actor(who)
    actor.remember(notes.CATALOG_BEFORE, questions.catalog_snapshot(context.db))
    return checks.note_holdings(actor, context.run)


@when("{who:Persona} tries to add a {product} at {price} to the {category} category")
def step_try_add_product(context, who, product, price, category):
    """Tries to add a product to the catalog as this persona (staff or not)."""
    staff.add_product(_attempt(context, who), product, category, cents(price))


@when("{who:Persona} tries to change the price of a {product} to {price}")
def step_try_change_price(context, who, product, price):
    """Tries to change a product's price as this persona."""
    staff.change_price(_attempt(context, who), product, cents(price))


@when('{who:Persona} tries to rename the {product} "{new_name}"')
def step_try_rename(context, who, product, new_name):
    """Tries to rename a product as this persona."""
    staff.rename_product(_attempt(context, who), product, new_name)


@when("{who:Persona} tries to receive {quantity:Count} more {product}")
def step_try_receive(context, who, quantity, product):
    """Tries to book a receipt of stock for a product as this persona."""
    staff.receive_stock(_attempt(context, who), product, quantity)


@when("{who:Persona} tries to take the {product} off sale")
def step_try_take_off_sale(context, who, product):
    """Tries to take a product off sale as this persona."""
    staff.take_off_sale(_attempt(context, who), product)


@when("{who:Persona} tries to put the {product} back on sale")
def step_try_put_on_sale(context, who, product):
    """Tries to put a product back on sale (taken off sale first) as this persona."""
    product_id = withdraw(product).id
    staff.put_on_sale(_attempt(context, who), product_id)


@then("{whose:Persona} change is {outcome:w}")
def step_change_outcome(context, whose, outcome):
    """The attempt was made (with its effect stored) or refused (and nothing changed)."""
    actor = context.cast.actor(whose)
    answer = actor.last_answer()
    before, after = actor.recall(notes.CATALOG_BEFORE), questions.catalog_snapshot(context.db)
    if outcome == "refused":
        refused(answer, 403, "forbidden")
        agree("the catalog after a refused change", before, database=after)
    elif outcome == "made":
        agree(f"{actor.name}'s change (HTTP status)", True, api=answer.status_code in (200, 201))
        assert after != before, "the shop answered success, but the catalog did not change"
    else:
        raise ValueError(f"a change is made or refused, not {outcome!r}")
