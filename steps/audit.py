"""The audit log: what staff did, as the shop shows it to staff and as it stored it."""

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from journeys.checks import agree, refused
from journeys.tables import cents, names
from support import checks, notes, questions, staff

# The entries in the scenarios' words -> the shop's action codes.
ACTIONS = {
    "product added": "product_added",
    "product changed": "product_changed",
    "order shipped": "order_shipped",
    "stock received": "stock_received",
    "product off sale": "product_off_sale",
    "product on sale": "product_on_sale",
    "photo added": "image_added",
}


@given("{who:Persona} has tried to change the price of a {product} to {price}")
def step_has_repriced(context, who, product, price):
    """A price change by this persona over HTTP, whatever its outcome."""
    staff.change_price(context.cast.actor(who), product, cents(price))


@when("{who:Persona} tries to read the audit log")
def step_read_audit(context, who):
    """Asks for the audit log as this persona."""
    staff.audit_log(context.cast.actor(who))


@then("the audit log's newest entry is {who:Persona} {entry} of the {product}")
def step_newest_entry(context, who, entry, product):
    """The newest entry (API and database): this action, by this persona, on this product."""
    actor = context.cast.actor(who)
    newest = checks.audit_log(actor, context.db)[0]
    agree("the newest entry's action", ACTIONS[entry], api=newest["action"])
    agree("who acted", actor.recall(notes.EMAIL), api=newest["actor_email"])
    agree(
        "what it was done to",
        ("product", questions.product_id(context.db, product)),
        api=(newest["subject_kind"], newest["subject_id"]),
    )


@then(
    "the audit log shows {who:Persona} moved {whose:Persona} order from {first:w} to "
    "{second:w}, then to {third:w}"
)
def step_order_moves(context, who, whose, first, second, third):
    """The two newest entries: the persona moved the order first -> second, then -> third."""
    actor = context.cast.actor(who)
    order_id = context.cast.actor(whose).recall(notes.ORDER)["id"]
    entries = checks.audit_log(actor, context.db)[:2][::-1]
    agree(
        "the order's moves",
        [
            (actor.recall(notes.EMAIL), "order", order_id, {"status": first}, {"status": second}),
            (actor.recall(notes.EMAIL), "order", order_id, {"status": second}, {"status": third}),
        ],
        api=[
            (e["actor_email"], e["subject_kind"], e["subject_id"], e["before"], e["after"])
            for e in entries
        ],
    )


@then("the audit log shows {who:Persona} changed the {product}'s price from {old} to {new}")
def step_price_logged(context, who, product, old, new):
    """The newest entry is the persona's change of this product's price, old and new."""
    newest = checks.audit_log(context.cast.actor(who), context.db)[0]
    agree(
        "the price before and after (cents)",
        (cents(old), cents(new)),
        api=(newest["before"]["price_cents"], newest["after"]["price_cents"]),
    )
    agree(
        "what it was done to", questions.product_id(context.db, product), api=newest["subject_id"]
    )


@then("the audit log is empty")
def step_audit_empty(context):
    """The database holds no audit entry."""
    agree("audit entries", [], database=questions.audit_log(context.db))


@then("{who:Persona} is told only staff may read the audit log")
def step_told_staff_only_audit(context, who):
    """The answer was 403 forbidden."""
    refused(context.cast.actor(who).last_answer(), 403, "forbidden")


@then("the {product}'s own entries in the audit log are: {entries}")
def step_product_entries(context, product, entries):
    """The log of one product, read by staff: only its entries (API and database)."""
    reader = context.cast.actor("Sam")
    about = {"subject_kind": "product", "subject_id": questions.product_id(context.db, product)}
    found = checks.audit_log(reader, context.db, **about)
    agree(f"the {product}'s entries", [ACTIONS[e] for e in names(entries)],
          api=[e["action"] for e in found])  # fmt: skip


@then("the orders' entries in the audit log are: {entries}")
def step_order_entries(context, entries):
    """The log of every order, read by staff: no product's entries (API and database)."""
    found = checks.audit_log(context.cast.actor("Sam"), context.db, subject_kind="order")
    agree("the orders' entries", [ACTIONS[e] for e in names(entries)],
          api=[e["action"] for e in found])  # fmt: skip
