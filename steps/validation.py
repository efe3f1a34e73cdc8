"""Inputs the shop must refuse, and names that must come back as they were sent."""

from behave import then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from journeys.checks import agree, refused
from support import bad_input, checks, notes, questions, tasks


@when("{who:Persona} registers with {problem}")
def step_register_badly(context, who, problem):
    """Registers with one thing wrong (a bad email, a short password, a bad name)."""
    context.cast.actor(who).remember(notes.ACCOUNTS_BEFORE, questions.account_count(context.db))
    bad_input.register_badly(context.cast.actor(who), problem)


@when("{who:Persona} sends {whose:Persona} cart {problem}")
def step_send_cart(context, who, whose, problem):
    """Sends the cart a body that is not what it takes (not JSON, a form, too large)."""
    bad_input.send_cart(context.cast.own(who, whose), problem)


@when("{who:Persona} adds a product the shop does not sell to {whose:Persona} cart")
def step_add_unknown(context, who, whose):
    """Adds a product id the database does not hold to the cart."""
    bad_input.add_unknown_product(
        context.cast.own(who, whose), questions.unused_product_id(context.db)
    )


@when("{who:Persona} adds the product numbered {number:d} to {whose:Persona} cart")
def step_add_numbered(context, who, number, whose):
    """Adds a product id to the cart as given, however large."""
    bad_input.add_unknown_product(context.cast.own(who, whose), number)


@when('{who:Persona} registers as "{full_name}"')
def step_register_named(context, who, full_name):
    """Registers with exactly this full name."""
    tasks.register(context.cast.actor(who), full_name=full_name)


@when("{who:Persona} asks for a catalog page {problem}")
def step_ask_bad_page(context, who, problem):
    """Asks for a catalog page with query parameters the shop must refuse."""
    bad_input.ask_for_page(context.cast.actor(who), problem)


@when('{who:Persona} asks for the sales of the day written "{day}"')
def step_sales_of_day(context, who, day):
    """Asks for the sales report of a day, written exactly so."""
    bad_input.ask_for_sales_of(context.cast.actor(who), day)


@then('the answer is {status:Count} naming the field "{field}"')
def step_answer_names_field(context, status, field):
    """The last answer has this status and names this field."""
    answer = context.cast.spotlight.last_answer()
    error = answer.json().get("error", {})
    agree(
        "the refusal (status, field)", (status, field), api=(answer.status_code, error.get("field"))
    )
    assert error.get("message"), "the refusal has no message for a person"


@then("no account was created")
def step_no_account(context):
    """No account was stored besides those there before the attempt."""
    before = context.cast.spotlight.recall(notes.ACCOUNTS_BEFORE)  # other accounts may exist
    agree("accounts stored", before, database=questions.account_count(context.db))


@then('the shop knows {whose:Persona} name as "{full_name}"')
def step_name_round_trips(context, whose, full_name):
    """The profile and the database hold exactly this full name."""
    checks.full_name_is(context.cast.actor(whose), context.db, full_name)


@when("{who:Persona} tries to change the quantity of {product} to {quantity:d}")
def step_try_change_quantity(context, who, product, quantity):
    """Sends a new quantity for a product in the cart, however wrong."""
    tasks.change_quantity(context.cast.actor(who), product, quantity)


@when("{who:Persona} sends a request to {request}")
def step_sends_request(context, who, request):
    """Staff ask about something the shop does not have, or cannot hold."""
    actor = context.cast.actor(who)
    bad_input.ask_about(actor, request, tasks.find_product(actor, "Blue Mug")["id"])


@then('the answer is {status:Count} "{code}"')
def step_answer_code(context, status, code):
    """The last answer has this status and error code."""
    refused(context.cast.spotlight.last_answer(), status, code)
