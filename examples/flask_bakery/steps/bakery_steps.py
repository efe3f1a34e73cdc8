"""The bakery's steps: one or two calls each, into support/ and factories/."""

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  ({who:Persona}, {n:Count})
from factories import LoafFactory
from journeys import agree, refused
from journeys.tables import cents, quantities, records
from support import notes, questions, tasks


@given("the bakery has baked these loaves:")
def step_baked(context):
    """Loaves made by the factories from a table (loaf, price, stock)."""
    for row in records(context.table, ["loaf", "price", "stock"], required=["loaf"]):
        LoafFactory(
            name=row["loaf"],
            **({"price_pence": cents(row["price"])} if row.get("price") else {}),
            **({"stock": int(row["stock"])} if row.get("stock") else {}),
        )


@given("the bakery has {stock:Count} {loaf} left")
def step_left(context, stock, loaf):
    """A loaf with exactly that many on the shelf, made by the factories."""
    LoafFactory(name=loaf, stock=stock)


@given("{who:Persona} has signed up")
def step_signed_up(context, who):
    """Signs up over HTTP with a fresh identity the persona keeps."""
    tasks.sign_up(context.cast.actor(who)).raise_for_status()


@when("{who:Persona} signs up with {whose:Persona} email")
def step_sign_up_with(context, who, whose):
    """Signs up over HTTP with the email address another persona uses."""
    email = context.cast.actor(whose).recall(notes.EMAIL)
    tasks.sign_up(context.cast.actor(who), email=email)  # the subject last: "she" is who


@when("{who:Persona} puts {items} in {whose:Persona} basket")
def step_put_in_basket(context, who, items, whose):
    """Puts these loaves in the persona's own basket over HTTP."""
    actor = context.cast.own(who, whose)
    for quantity, loaf in quantities(items):
        tasks.put_in_basket(actor, quantity, loaf).raise_for_status()


@when("{who:Persona} places {whose:Persona} order")
def step_place_order(context, who, whose):
    """Places the persona's own order over HTTP; the persona keeps it."""
    tasks.place_order(context.cast.own(who, whose))


@given("{who:Persona} orders {quantity:Count} {loaf}")
@when("{who:Persona} orders {quantity:Count} {loaf}")
def step_orders(context, who, quantity, loaf):
    """Puts that many loaves in the basket and places the order."""
    actor = context.cast.actor(who)
    tasks.put_in_basket(actor, quantity, loaf).raise_for_status()
    tasks.place_order(actor)


@when("{who:Persona} looks for {whose:Persona} order")
def step_looks_for(context, who, whose):
    """Asks for another persona's order by its id."""
    order_id = context.cast.actor(whose).recall(notes.ORDER)["id"]
    tasks.order(context.cast.actor(who), order_id)


@then("{who:Persona} order comes to {total}")
def step_order_total(context, who, total):
    """The order's total, by the answer and by the database, in exact pence."""
    order = context.cast.actor(who).recall(notes.ORDER)
    agree(
        "the order's total in pence",
        cents(total),
        api=cents(order["total"]),
        database=questions.order_total_pence(context.db, order["id"]),
    )


@then("{items} are left on the shelf")
def step_left_on_shelf(context, items):
    """The stock of each loaf, by the database."""
    for left, loaf in quantities(items):
        agree(f"{loaf} on the shelf", left, database=questions.stock(context.db, loaf))


@then("{who:Persona} basket is empty")
def step_basket_empty(context, who):
    """The basket holds nothing, by the API and by the database."""
    actor = context.cast.actor(who)
    agree(
        f"{actor.name}'s basket",
        0,
        api=len(tasks.basket(actor)["items"]),
        database=questions.basket_size(context.db, actor.recall(notes.EMAIL)),
    )


@then("{who:Persona} basket still holds {quantity:Count} {loaf}")
def step_basket_holds(context, who, quantity, loaf):
    """The basket holds exactly that quantity of the loaf."""
    items = tasks.basket(context.cast.actor(who))["items"]
    agree(f"{loaf} in the basket", [{"loaf": loaf, "quantity": quantity}], api=items)


@then("{who:Persona} is told only {left:Count} {loaf} are left")
def step_told_only(context, who, left, loaf):
    """The order was refused 409, saying how many of the loaf are left."""
    error = refused(context.cast.actor(who).last_answer(), 409, "Conflict")
    agree("what the refusal says", f"Only {left} {loaf} left.", api=error.message)


@then("{who:Persona} is told the email is taken")
def step_told_email_taken(context, who):
    """The sign-up was refused 409, naming the email field."""
    error = refused(context.cast.actor(who).last_answer(), 409, "Conflict")
    agree("the field at fault", "email", api=error.field)


@then("{who:Persona} is told there is no such order")
def step_told_no_order(context, who):
    """The answer was 404, exactly as for a missing order."""
    refused(context.cast.actor(who).last_answer(), 404)


@when("{who:Persona} signs up with {problem}")
def step_sign_up_wrongly(context, who, problem):
    """Signs up over HTTP with one thing wrong, the rest as a good sign-up."""
    tasks.sign_up_wrongly(context.cast.actor(who), problem)


@when('{who:Persona} signs up choosing the password "{password}"')
def step_sign_up_password(context, who, password):
    """Signs up over HTTP with exactly this password."""
    tasks.sign_up_with_password(context.cast.actor(who), password)


@then('{who:Persona} is told to correct the "{field}"')
def step_told_correct(context, who, field):
    """The request was refused 400, naming the field at fault."""
    error = refused(context.cast.actor(who).last_answer(), 400)
    agree("the field at fault", field, api=error.field)


@then("{who:Persona} has an account")
def step_has_account(context, who):
    """The sign-up was taken (201), and the database holds the account."""
    actor = context.cast.actor(who)
    agree("the sign-up (HTTP status)", 201, api=actor.last_answer().status_code)
    agree("accounts with the email", 1,
          database=questions.accounts_with_email(context.db, actor.recall(notes.EMAIL)))  # fmt: skip


@when("{who:Persona} tries to put 1 {loaf} in {whose:Persona} basket {how}")
def step_put_signed(context, who, loaf, whose, how):
    """One loaf into the persona's own basket, signed in as described (or not at all)."""
    tasks.put_in_basket_signed(context.cast.own(who, whose), how, loaf)


@then("{who:Persona} is told to sign in")
def step_told_sign_in(context, who):
    """The answer was 401, saying why."""
    refused(context.cast.actor(who).last_answer(), 401)


@when("{who:Persona} asks for {quantity} of the loaf numbered {number:d} in {whose:Persona} basket")
def step_put_raw(context, who, quantity, number, whose):
    """A quantity as written ("two", 1.5) of a loaf by its number, over HTTP."""
    value: object = quantity  # text, as written
    if quantity.isdigit():
        value = int(quantity)
    elif quantity.replace(".", "", 1).isdigit():
        value = float(quantity)
    tasks.put_raw_quantity(context.cast.own(who, whose), value, number)


@then("{who:Persona} is told there is no such loaf")
def step_told_no_loaf(context, who):
    """The answer was 404."""
    refused(context.cast.actor(who).last_answer(), 404)


@then("{who:Persona} is told {whose:Persona} basket is empty")
def step_told_basket_empty(context, who, whose):
    """The order of the persona's own basket was refused 409, naming the basket."""
    error = refused(context.cast.own(who, whose).last_answer(), 409)
    agree("the field at fault", "basket", api=error.field)


@then("{who:Persona} basket holds {items}, for {total}")
def step_basket_holds_for(context, who, items, total):
    """The basket, as the bakery shows it: exactly these loaves, and the total to the penny."""
    shown = tasks.basket(context.cast.actor(who))
    agree(
        "the basket (loaves, and the total in pence)",
        ([{"loaf": loaf, "quantity": n} for n, loaf in quantities(items)], cents(total)),
        api=(shown["items"], cents(shown["total"])),
    )
