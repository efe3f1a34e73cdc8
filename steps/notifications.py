"""Emails about orders, and the broker's and mail server's faults
(features/orders/notifications.feature)."""

import json

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona} and {n:Count})
from journeys.checks import agree
from journeys.eventually import eventually
from journeys.tables import cents
from shop.mailer import money
from support import checks, events, notes

PAYMENT_NEWS = "order_paid"


def _mail(context, who, subject):
    """Waits (bounded) for a mail to the persona with exactly this subject; returns it."""
    email = context.cast.actor(who).recall(notes.EMAIL)

    def arrived():
        subjects = [m.subject for m in events.mails_to(context.run.services, email)]
        assert subject in subjects, f"mails to {email}: {subjects or 'none'}"

    eventually(arrived, f"an email '{subject}' to {email}")


def _order_subject(context, who, words):
    order = context.cast.actor(who).recall(notes.ORDER)
    return f"Order {order['id']} {words}"


@then("{who:Persona} receives an order confirmation for {amount}")
def step_confirmation(context, who, amount):
    """An email confirming the order, for this total, reached the shopper."""
    _mail(context, who, _order_subject(context, who, f"confirmed: {money(cents(amount), 'EUR')}"))


@then("{who:Persona} receives a shipping notice")
def step_shipping_notice(context, who):
    """An email saying the order is on its way reached the shopper."""
    _mail(context, who, _order_subject(context, who, "is on its way"))


@then("{who:Persona} receives a refund notice for {amount}")
def step_refund_notice(context, who, amount):
    """An email saying this amount was refunded reached the shopper."""
    _mail(context, who, _order_subject(context, who, f"refunded: {money(cents(amount), 'EUR')}"))


@then("{who:Persona} receives a welcome email")
def step_welcome(context, who):
    """An email welcoming the new shopper by name reached her."""
    name = context.cast.actor(who).recall(notes.FULL_NAME)
    _mail(context, who, f"Welcome to the shop, {name}")


@then("{who:Persona} has received exactly {count:Count} emails about {whose:Persona} order")
@then("{who:Persona} has received exactly {count:Count} email about {whose:Persona} order")
def step_emails_about_order(context, who, count, whose):
    """The mail server and the shop's record both hold this many mails to her about it."""
    recipient, owner = context.cast.actor(who), context.cast.actor(whose)
    mails = events.mails_to(context.run.services, recipient.recall(notes.EMAIL))
    checks.emails_about_order(recipient, owner, context.db, mails, count)


@then("{who:Persona} has received exactly {count:Count} email")
def step_emails(context, who, count):
    """The mail server received this many mails for the shopper, about anything."""
    email = context.cast.actor(who).recall(notes.EMAIL)
    agree(
        f"emails to {email}", count, mail_server=len(events.mails_to(context.run.services, email))
    )


@given("the message broker is down")
def step_broker_down(context):
    """The shop's connections to the broker are refused until it is back."""
    context.run.broker.down = True


@when("the message broker is back")
def step_broker_back(context):
    """The broker takes connections again (what waited goes out after this step)."""
    context.run.broker.down = False


@given("the broker delivers every payment announcement twice")
def step_deliver_twice(context):
    """Each payment message reaches each consumer twice."""
    context.run.broker.deliver_twice(PAYMENT_NEWS)


@given("the broker holds back every payment announcement")
def step_hold_back(context):
    """Payment messages wait until the held announcements arrive; later news overtakes them."""
    context.run.broker.hold(PAYMENT_NEWS)


@when("the held announcements arrive")
def step_release(context):
    """The held messages reach their consumers, after what overtook them."""
    context.run.broker.release()


@given("the mailroom dies once after handling a payment announcement")
def step_consumer_dies(context):
    """The next consumer of a payment message dies after its commit, before acknowledging."""
    context.run.broker.die_after_handling(PAYMENT_NEWS, times=1)


# A message some consumer cannot handle -> its body, and the reason each consumer that
# cannot handle it sets it aside with (the mailroom is "notifications", the sales report
# "analytics"; a consumer for which the message is fine is not named).
_NO_ORDER = 999_999
_PAID_AT = "2026-01-05T10:00:00+00:00"
_BOTH = ("notifications", "analytics")
GARBLED = {
    "a garbled message": (b"\x00{not an event", dict.fromkeys(_BOTH, "an unreadable message")),
    "a message that is not an event": (
        b"[1, 2]", dict.fromkeys(_BOTH, "a message that is not an event")
    ),
    "an event without its id": (
        b'{"kind": "order_paid", "subject_id": 1}',
        dict.fromkeys(_BOTH, "a message without an event id and kind"),
    ),
    "an event without its subject": (
        b'{"event_id": 1, "kind": "order_paid"}',
        dict.fromkeys(_BOTH, "a order_paid event without its subject"),
    ),
    "payment news of an order that does not exist": (
        json.dumps({
            "event_id": 900_001, "kind": "order_paid", "subject_id": _NO_ORDER,
            "occurred_at": _PAID_AT,
            "lines": [{"product_id": _NO_ORDER, "quantity": 1, "line_total_cents": 100}],
        }).encode(),
        {"notifications": f"no order {_NO_ORDER} for a order_paid event",
         "analytics": f"a order_paid event for product {_NO_ORDER}, which does not exist"},
    ),
    "payment news without its lines": (
        json.dumps({
            "event_id": 900_002, "kind": "order_paid", "subject_id": _NO_ORDER,
            "occurred_at": _PAID_AT,
        }).encode(),
        {"notifications": f"no order {_NO_ORDER} for a order_paid event",
         "analytics": "a order_paid event without its lines"},
    ),
    "a welcome without an address": (
        json.dumps({
            "event_id": 900_003, "kind": "account_registered", "subject_id": 1,
            "full_name": "Nobody",
        }).encode(),
        {"notifications": "a account_registered event without its email"},
    ),
}  # fmt: skip


@given("{garbled} is waiting on the broker")
def step_poison(context, garbled):
    """A message some consumer cannot handle waits ahead of everything, as payment news."""
    context.garbled = garbled
    context.run.broker.send_raw(PAYMENT_NEWS, GARBLED[garbled][0])


@then("the garbled message is set aside for a person to read")
def step_poison_set_aside(context):
    """Dead letters: the message once per consumer that cannot handle it, with its reason."""
    reasons = GARBLED[getattr(context, "garbled", "a garbled message")][1]
    kept = sorted(
        (d["consumer"], d["reason"][: len(reasons.get(d["consumer"], ""))])
        for d in events.dead_letters(context.run.broker)
    )
    agree(
        "dead letters: who set each aside, and why (as far as the reason is named)",
        sorted(reasons.items()),
        dead_letter_queue=kept,
    )


@given("the mail server turns away the next {count:Count} emails")
def step_mail_refuses(context, count):
    """The next mails are refused with 451 (try again later)."""
    events.mail_server(context.run.services).refuses(times=count)


@given("the mail server refuses the next email for good")
def step_mail_refuses_for_good(context):
    """The next mail is refused with 550 (never)."""
    events.mail_server(context.run.services).refuses(times=1, permanently=True)


@then("{whose:Persona} order confirmation is set aside as undeliverable")
def step_confirmation_dead_letter(context, whose):
    """The dead-letter queue holds the order's payment news, refused by the mail server."""
    order_id = context.cast.actor(whose).recall(notes.ORDER)["id"]
    kept = [
        (d["kind"], d["reason"].split(":")[0])
        for d in events.dead_letters(context.run.broker)
        if isinstance(d["body"], dict) and d["body"].get("subject_id") == order_id
    ]
    agree("dead letters about the order", [(PAYMENT_NEWS, "mail refused")], dead_letter_queue=kept)
