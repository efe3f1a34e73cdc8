"""Checking out and the orders a shopper sees."""

from behave import given, then, when

import support.vocabulary  # noqa: F401  (registers {who:Persona})
from factories.catalog import reprice, restock
from support.checks import agree, refused
from support.shop import checks, tasks
from support.tables import cents, priced_quantities, quantities


@given("{who:Persona} has ordered {items}")
def step_has_ordered(context, who, items):
    tasks.place_order(context.cast.actor(who), quantities(items))


@given("only {quantity:Count} {product} are left in stock")
def step_only_left(context, quantity, product):
    restock(product, quantity)


@when("{who:Persona} checks out")
def step_check_out(context, who):
    tasks.check_out(context.cast.actor(who))


@when("the price of a {product} changes to {amount}")
def step_price_changes(context, product, amount):
    reprice(product, cents(amount))


@when("{who:Persona} asks for {whose:Persona} order")
def step_ask_for_order(context, who, whose):
    placed = context.cast.actor(whose).recall("order")
    tasks.order(context.cast.actor(who), placed["id"])


@then("{whose:Persona} order is {status} with a total of {amount}")
def step_order_is(context, whose, status, amount):
    checks.order_is(context.cast.actor(whose), context.db, status, cents(amount))


@then("{whose:Persona} order has {lines}")
def step_order_lines(context, whose, lines):
    actor = context.cast.actor(whose)
    expected = [
        (quantity, tasks.find_product(actor, product)["name"], price)
        for quantity, product, price in priced_quantities(lines)
    ]
    checks.order_lines_are(actor, context.db, expected)


@then("{items} are left in stock")
def step_left_in_stock(context, items):
    actor = context.cast.visitor()
    for quantity, product in quantities(items):
        checks.stock_left(actor, context.db, product, quantity)


@then("{who:Persona} is told {whose:Persona} cart is empty")
def step_told_cart_empty(context, who, whose):
    refused(context.cast.actor(who).last_answer(), 409, "cart_empty")


@then("{who:Persona} is told there are not enough {product}")
def step_told_not_enough(context, who, product):
    error = refused(context.cast.actor(who).last_answer(), 409, "insufficient_stock")
    short = [p["product_name"] for p in error["details"]["products"]]
    agree(
        "products short of stock",
        [tasks.find_product(context.cast.actor(who), product)["name"]],
        api=short,
    )


@then("{who:Persona} has no orders")
def step_no_orders(context, who):
    checks.has_orders(context.cast.actor(who), context.db, 0)


@then("{who:Persona} sees {whose:Persona} order among {their:Persona} orders")
def step_sees_order(context, who, whose, their):
    actor = context.cast.actor(who)
    listed = checks.has_orders(actor, context.db, 1)
    agree("the order listed", actor.recall("order")["id"], api=listed[0]["id"])


@then("{who:Persona} is told there is no such order")
def step_told_no_order(context, who):
    refused(context.cast.actor(who).last_answer(), 404, "order_not_found")


@then("{whose:Persona} order in the shop matches the database")
def step_order_matches_database(context, whose):
    checks.order_matches_database(context.cast.actor(whose), context.db)
