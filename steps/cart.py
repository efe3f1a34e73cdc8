"""The cart: adding, changing and removing products."""

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from journeys.checks import agree, refused
from journeys.tables import cents, quantities
from support import checks, tasks


@given("{who:Persona} has {items} in {whose:Persona} cart")
def step_has_in_cart(context, who, items, whose):
    """Puts the products in the persona's cart over HTTP ("2 Blue Mugs and 1 Tea Towel")."""
    tasks.fill_cart(context.cast.own(who, whose), quantities(items))


@when("{who:Persona} adds {quantity:Count} {product} to {whose:Persona} cart")
def step_add_to_cart(context, who, quantity, product, whose):
    """Adds that quantity of a product to the persona's own cart over HTTP."""
    tasks.add_to_cart(context.cast.own(who, whose), quantity, product)


@when("{who:Persona} changes the quantity of {product} to {quantity:Count}")
def step_change_quantity(context, who, product, quantity):
    """Sets the quantity of a product already in the persona's cart."""
    tasks.change_quantity(context.cast.actor(who), product, quantity)


@when("{who:Persona} removes the {product} from {whose:Persona} cart")
def step_remove(context, who, product, whose):
    """Removes a product from the persona's own cart."""
    tasks.remove_from_cart(context.cast.own(who, whose), product)


@then("{whose:Persona} cart holds {items}")
def step_cart_holds(context, whose, items):
    """The cart holds exactly these quantities, by the API and by the database."""
    actor = context.cast.actor(whose)
    checks.cart_holds(actor, context.db, tasks.named_quantities(actor, quantities(items)))


@then("{whose:Persona} cart is empty")
def step_cart_empty(context, whose):
    """The cart holds nothing, by the API and by the database."""
    checks.cart_holds(context.cast.actor(whose), context.db, {})


@then("{whose:Persona} cart total is {amount}")
def step_cart_total(context, whose, amount):
    """The cart's total, by the API and by the database, in exact cents."""
    checks.cart_total(context.cast.actor(whose), context.db, cents(amount))


@then("{who:Persona} is told only {available:Count} {product} are in stock")
def step_told_only_n(context, who, available, product):
    """Adding was refused for lack of stock, naming how many are left."""
    error = refused(context.cast.actor(who).last_answer(), 409, "insufficient_stock")
    agree(f"{product} available", available, api=error["details"]["available"])
