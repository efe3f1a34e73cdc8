"""Checking out and the orders a shopper sees."""

from behave import given, step, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from factories.catalog import reprice, restock
from journeys.checks import agree, refused
from journeys.tables import cents, priced_quantities, quantities
from support import arrange, checks, notes, questions, tasks
from support.payments import provider


@given("{who:Persona} has ordered {items}")
def step_has_ordered(context, who, items):
    """A paid order for these products, made through checkout over HTTP."""
    tasks.place_order(context.cast.actor(who), quantities(items))


@given("{who:Persona} has an order still waiting for its payment")
def step_order_awaiting_payment(context, who):
    """A pending order, made by the factories: the moment between checkout and payment."""
    arrange.order_awaiting_payment(context.cast.actor(who))


@given("only {quantity:Count} {product} are left in stock")
@given("only {quantity:Count} {product} is left in stock")
def step_only_left(context, quantity, product):
    """Sets a product's stock, booked in the inventory ledger."""
    restock(product, quantity)


@when("{who:Persona} checks out")
def step_check_out(context, who):
    """Checks out the persona's cart over HTTP; the persona keeps the order."""
    tasks.check_out(context.cast.actor(who))


@when("{who:Persona} checks out while the payment provider takes its time")
def step_check_out_meanwhile(context, who):
    """Checks out; the provider waits, before approving, while the scenario reads the database."""
    actor = context.cast.actor(who)
    email = actor.recall(notes.EMAIL)
    provider(context.run.services).looks_before_deciding(
        lambda: questions.shopper_snapshot(context.db, email)
    )
    tasks.check_out(actor)


@then(
    "while it decided, {whose:Persona} order awaited payment, announced as placed, its "
    "{product}s already taken from stock"
)
def step_seen_meanwhile(context, whose, product):
    """While the provider decided: one pending order, announced, its stock already taken."""
    seen = provider(context.run.services).seen_meanwhile
    assert seen is not None, "the payment provider was never asked to charge"
    agree("whose orders were looked at", context.cast.actor(whose).recall(notes.EMAIL),
          database=seen["email"])  # fmt: skip
    name = checks.singular_name(context.db, product)
    in_stock = f"{name}s in stock"
    agree(
        "what the database held while the provider decided (stock: as the paid order left it)",
        {
            "her orders": ["pending"],
            "announced": ["order_placed"],
            in_stock: questions.stock(context.db, name),
        },
        database={
            "her orders": seen["her orders"],
            "announced": seen["announced"],
            in_stock: seen["in stock"][name],
        },
    )


@when("the price of a {product} changes to {amount}")
def step_price_changes(context, product, amount):
    """Changes a product's price in the database, as staff would."""
    reprice(product, cents(amount))


@when("{who:Persona} asks for {whose:Persona} order")
def step_ask_for_order(context, who, whose):
    """Asks for another persona's order by its id."""
    placed = context.cast.actor(whose).recall(notes.ORDER)
    tasks.order(context.cast.actor(who), placed["id"])


@then("{whose:Persona} order is {status} with a total of {amount}")
def step_order_is(context, whose, status, amount):
    """The order's status and total, by the checkout answer, the API now and the database."""
    checks.order_is(context.cast.actor(whose), context.db, status, cents(amount))


@then("{whose:Persona} order has {lines}")
def step_order_lines(context, whose, lines):
    """The order's lines (quantity, product, unit price), by the API and by the database."""
    actor = context.cast.actor(whose)
    expected = [
        (quantity, tasks.find_product(actor, product)["name"], price)
        for quantity, product, price in priced_quantities(lines)
    ]
    checks.order_lines_are(actor, context.db, expected)


@then("{items} are left in stock")
def step_left_in_stock(context, items):
    """The stock of each product, by the API and by the database."""
    actor = context.cast.visitor()
    for quantity, product in quantities(items):
        checks.stock_left(actor, context.db, product, quantity)


@then("{who:Persona} is told {whose:Persona} cart is empty")
def step_told_cart_empty(context, who, whose):
    """Checkout was refused because the cart is empty."""
    refused(context.cast.own(who, whose).last_answer(), 409, "cart_empty")


@then("{who:Persona} is told {whose:Persona} order of {amount} is too large")
def step_told_too_large(context, who, whose, amount):
    """Checkout was refused (422 order_too_large), naming the most allowed and the cart's total."""
    context.cast.own(who, whose)
    error = refused(context.cast.actor(who).last_answer(), 422, "order_too_large")
    for said in ("21,474,836.47", f"comes to {cents(amount) / 100:,.2f}"):
        assert said in str(error.message), f"{said!r} not in: {error.message}"


@then("{who:Persona} is told there are not enough {product}")
def step_told_not_enough(context, who, product):
    """Checkout was refused for lack of stock, naming the product short."""
    error = refused(context.cast.actor(who).last_answer(), 409, "insufficient_stock")
    short = [p["product_name"] for p in error["details"]["products"]]
    agree(
        "products short of stock",
        [tasks.find_product(context.cast.actor(who), product)["name"]],
        api=short,
    )


@then("{who:Persona} has no orders")
def step_no_orders(context, who):
    """The persona has no orders, by the API and by the database."""
    checks.has_orders(context.cast.actor(who), context.db, 0)


@then("{who:Persona} sees {whose:Persona} order among {their:Persona} orders")
def step_sees_order(context, who, whose, their):
    """The persona's order list shows the order it placed."""
    context.cast.own(who, their)
    actor = context.cast.own(who, whose)
    listed = checks.has_orders(actor, context.db, 1)
    agree("the order listed", actor.recall(notes.ORDER)["id"], api=listed[0]["id"])


@then("{who:Persona} sees her orders newest first: {summary}")
def step_orders_newest_first(context, who, summary):
    """The order list, newest first (each order by its lines), holds only hers, as stored."""
    checks.orders_newest_first(context.cast.actor(who), context.db, quantities(summary))


@then("{who:Persona} is told there is no such order")
def step_told_no_order(context, who):
    """The answer was 404 order_not_found, exactly as for a missing order."""
    refused(context.cast.actor(who).last_answer(), 404, "order_not_found")


@then("{whose:Persona} order in the shop matches its records")
def step_order_matches_database(context, whose):
    """The order, as answered at checkout and now, matches the stored rows field by field."""
    checks.order_matches_database(context.cast.actor(whose), context.db)


@given("{who:Persona} works in the warehouse")
def step_staff(context, who):
    """A staff account made by the factories."""
    arrange.registered_shopper(context.cast.actor(who), staff=True)


@step("{who:Persona} ships {whose:Persona} order")
def step_ship(context, who, whose):
    """Ships the order as this persona."""
    tasks.move_order(context.cast.actor(who), context.cast.actor(whose), "ship")


@given("{who:Persona} has shipped {whose:Persona} order")
def step_has_shipped(context, who, whose):
    """The order is shipped already (by this persona, as staff)."""
    answer = tasks.move_order(context.cast.actor(who), context.cast.actor(whose), "ship")
    agree("shipping (HTTP status)", 200, api=answer.status_code)


@given("{who:Persona} has shipped and delivered {whose:Persona} order")
def step_has_delivered(context, who, whose):
    """The order is shipped and delivered already (by this persona, as staff)."""
    for action in ("ship", "deliver"):
        answer = tasks.move_order(context.cast.actor(who), context.cast.actor(whose), action)
        agree(f"{action} (HTTP status)", 200, api=answer.status_code)


@given("{who:Persona} has cancelled {whose:Persona} order")
def step_has_cancelled(context, who, whose):
    """The order is cancelled already (by this persona)."""
    answer = tasks.move_order(context.cast.actor(who), context.cast.actor(whose), "cancel")
    agree("cancelling (HTTP status)", 200, api=answer.status_code)


@when("{who:Persona} marks {whose:Persona} order as delivered")
def step_deliver(context, who, whose):
    """Marks the order delivered as this persona."""
    tasks.move_order(context.cast.actor(who), context.cast.actor(whose), "deliver")


@when("{who:Persona} cancels {whose:Persona} order")
def step_cancel(context, who, whose):
    """Cancels the order as this persona."""
    tasks.move_order(context.cast.actor(who), context.cast.actor(whose), "cancel")


@when("{who:Persona} tries to ship {whose:Persona} order")
def step_try_ship(context, who, whose):
    """Tries to ship the order as this persona (staff or not)."""
    tasks.move_order(context.cast.actor(who), context.cast.actor(whose), "ship")


@when("{who:Persona} tries to mark {whose:Persona} order as delivered")
def step_try_deliver(context, who, whose):
    """Tries to mark the order delivered as this persona (staff or not)."""
    tasks.move_order(context.cast.actor(who), context.cast.actor(whose), "deliver")


@then("{whose:Persona} order is {status:w}")
def step_order_status(context, whose, status):
    """The order's status, by the API and by the database."""
    checks.order_status(context.cast.actor(whose), context.db, status)


@then("{whose:Persona} order failed at payment")
def step_order_failed(context, whose):
    """The order's status is payment_failed, by the API and by the database."""
    checks.order_status(context.cast.actor(whose), context.db, "payment_failed")


PAST_TENSE = {"cancel": "cancelled", "ship": "shipped", "deliver": "delivered"}


@then("{who:Persona} is told {whose:Persona} order is {status:w} and cannot be {action:w}")
def step_told_invalid_transition(context, who, whose, status, action):
    """The move was refused for the order's status; the stored status agrees."""
    error = refused(context.cast.actor(who).last_answer(), 409, "invalid_transition")
    agree("the order's status in the refusal", status, api=error["details"]["status"])
    agree("the action refused", action, api=PAST_TENSE.get(error["details"]["action"]))
    checks.order_status(context.cast.actor(whose), context.db, status)


@then("{who:Persona} is told only staff may {action:w} orders")
def step_told_staff_only(context, who, action):
    """The answer was 403 forbidden, saying only staff may do this to orders."""
    error = refused(context.cast.actor(who).last_answer(), 403, "forbidden")
    assert f"Only staff may {action} orders" in str(error.message), error.message


@then("the ledger shows {quantity:Count} {product} put back on the shelf")
def step_ledger_put_back(context, quantity, product):
    """The inventory ledger booked that quantity of the product back on the shelf."""
    name = tasks.find_product(context.cast.visitor(), product)["name"]
    checks.stock_put_back(context.db, name, quantity)
