"""What the shop announces to the rest of the business (features/orders/announcements.feature)."""

from behave import then

import journeys.vocabulary  # noqa: F401  (registers {who:Persona} and {n:Count})
from journeys.checks import agree
from support import notes, questions

# The words a scenario uses for each announcement.
ORDER_NEWS = {
    "placed": "order_placed",
    "paid": "order_paid",
    "payment failed": "payment_failed",
    "shipped": "order_shipped",
    "delivered": "order_delivered",
    "cancelled": "order_cancelled",
    "refunded": "order_refunded",
}


@then("the shop has announced {whose:Persona} order as {news}")
def step_announced_order(context, whose, news):
    """The shop's announcements about the order, in this order ("placed, then paid")."""
    expected = [ORDER_NEWS[word.strip()] for word in news.split(", then ")]
    email = context.cast.actor(whose).recall(notes.EMAIL)
    agree("announcements", expected, database=questions.announcements(context.db, email))


@then("the shop has announced nothing about {whose:Persona} orders")
def step_announced_nothing(context, whose):
    """No announcement about any of the shopper's orders."""
    email = context.cast.actor(whose).recall(notes.EMAIL)
    agree("announcements", [], database=questions.announcements(context.db, email))


@then("the shop has announced {whose:Persona} new account once")
def step_announced_account(context, whose):
    """The shopper's new account was announced exactly once."""
    email = context.cast.actor(whose).recall(notes.EMAIL)
    agree("account announcements", 1, database=questions.account_announcements(context.db, email))
