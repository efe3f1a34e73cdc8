"""The cart: adding, changing and removing products."""

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from journeys.checks import agree, refused
from journeys.tables import cents, quantities
from support import checks, tasks


@given("{who:Persona} has {items} in {whose:Persona} cart")
def step_has_in_cart(context, who, items, whose):
    tasks.fill_cart(context.cast.own(who, whose), quantities(items))


@when("{who:Persona} adds {quantity:Count} {product} to {whose:Persona} cart")
def step_add_to_cart(context, who, quantity, product, whose):
    tasks.add_to_cart(context.cast.own(who, whose), quantity, product)


@when("{who:Persona} changes the quantity of {product} to {quantity:Count}")
def step_change_quantity(context, who, product, quantity):
    tasks.change_quantity(context.cast.actor(who), product, quantity)


@when("{who:Persona} removes the {product} from {whose:Persona} cart")
def step_remove(context, who, product, whose):
    tasks.remove_from_cart(context.cast.own(who, whose), product)


@then("{whose:Persona} cart holds {items}")
def step_cart_holds(context, whose, items):
    actor = context.cast.actor(whose)
    checks.cart_holds(actor, context.db, tasks.named_quantities(actor, quantities(items)))


@then("{whose:Persona} cart is empty")
def step_cart_empty(context, whose):
    checks.cart_holds(context.cast.actor(whose), context.db, {})


@then("{whose:Persona} cart total is {amount}")
def step_cart_total(context, whose, amount):
    checks.cart_total(context.cast.actor(whose), context.db, cents(amount))


@then("{who:Persona} is told only {available:Count} {product} are in stock")
def step_told_only_n(context, who, available, product):
    error = refused(context.cast.actor(who).last_answer(), 409, "insufficient_stock")
    agree(f"{product} available", available, api=error["details"]["available"])
