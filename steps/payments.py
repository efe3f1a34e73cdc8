"""The payment provider: how it behaves, and what the shop asked of it."""

from behave import given, then

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from journeys.checks import agree, refused
from journeys.tables import cents, names
from support import checks, notes
from support.payments import provider

# What a provider in trouble answers, in the words of the scenarios.
FAILURES = {"fails": 503, "has an internal error": 500}  # answered, then retried
ODD_ANSWERS = {  # a charge answered with JSON that is neither an approval nor a refusal
    "a list instead of a payment": [{"status": "approved", "id": "ch_1"}],
    "an approval without a charge number": {"status": "approved"},
    "a status it never documented": {"status": "on hold", "id": "ch_1"},  # sorts after both
    "an acceptance it never documented": {"status": "accepted", "id": "ch_1"},  # before both
}


@given("the payment provider approves payments")
def step_provider_approves(context):
    """The payment stand-in approves every charge (the default)."""
    provider(context.run.services).approves()


@given("the payment provider declines {whose:Persona} card")
def step_provider_declines(context, whose):
    """The payment stand-in declines the card of the persona's account."""
    provider(context.run.services).declines_card_of(context.cast.actor(whose).recall(notes.EMAIL))


@given("the payment provider declines {whose:Persona} card for {reason}")
def step_provider_declines_for(context, whose, reason):
    """The payment stand-in declines the card of the persona's account, giving this reason."""
    email = context.cast.actor(whose).recall(notes.EMAIL)
    provider(context.run.services).declines_card_of(email, reason)


@given("the payment provider takes longer than the shop waits")
def step_provider_slow(context):
    """The payment stand-in answers after the shop's timeout."""
    provider(context.run.services).is_slower_than_the_shop_waits()


@given("the payment provider {failure} twice and then approves")
def step_provider_flaky(context, failure):
    """The payment stand-in answers an error twice (503, or 500), then approves."""
    provider(context.run.services).fails_then_approves(2, FAILURES[failure])


@given("the payment provider is down")
def step_provider_down(context):
    """The payment stand-in's port refuses connections."""
    provider(context.run.services).is_down()


@given("the payment provider answers with garbage")
def step_provider_garbage(context):
    """The payment stand-in answers 200 with a body that is not JSON."""
    provider(context.run.services).answers_garbage()


@given("the payment provider answers a charge with {answer}")
def step_provider_odd(context, answer):
    """The payment stand-in answers 200 with JSON that is not an approval or a refusal."""
    provider(context.run.services).answers_oddly(ODD_ANSWERS[answer])


@given("the payment provider cannot make refunds right now")
def step_provider_refunds_down(context):
    """The payment stand-in answers every refund 503 (the shop retries, then gives up)."""
    provider(context.run.services).cannot_refund({"error": "temporarily unavailable"}, 503)


@given("the payment provider answers refunds with nonsense")
def step_provider_refunds_odd(context):
    """The payment stand-in answers every refund 200 with a status that is not refunded."""
    provider(context.run.services).cannot_refund({"status": "maybe later"}, 200)  # sorts before


@given("the payment provider refuses refunds")
def step_provider_refuses_refunds(context):
    """The payment stand-in answers every refund 200 with the status refused."""
    provider(context.run.services).cannot_refund({"status": "refused"}, 200)  # sorts after


@then("the payment provider was charged exactly once for {amount}")
def step_charged_once(context, amount):
    """The payment stand-in holds exactly one charge, of that amount."""
    charges = provider(context.run.services).approved_charges()
    agree(
        "charges the payment provider made (cents)",
        [cents(amount)],
        payment_provider=[c["amount_cents"] for c in charges],
    )


@then("the payment provider charged {amounts}, each under its own reference")
def step_charged_each(context, amounts):
    """One charge per amount (in order), each with a reference no other charge has."""
    charges = provider(context.run.services).approved_charges()
    agree(
        "charges the payment provider made (cents)",
        [cents(a) for a in names(amounts)],
        payment_provider=[c["amount_cents"] for c in charges],
    )
    references = [c["reference"] for c in charges]
    agree("references shared by two charges", [],
          payment_provider=sorted({r for r in references if references.count(r) > 1}))  # fmt: skip


@then("the payment provider charged nothing")
def step_charged_nothing(context):
    """The payment stand-in holds no charge."""
    agree(
        "charges the payment provider made",
        [],
        payment_provider=provider(context.run.services).approved_charges(),
    )


@then("the payment provider refunded nothing")
def step_refunded_nothing(context):
    """The payment stand-in made no refund."""
    agree("refunds", [], payment_provider=provider(context.run.services).refunds)


@then("the payment provider refunded {amounts}")
def step_refunded(context, amounts):
    """The payment stand-in holds a refund of each amount, each for a charge of its own."""
    refunds = provider(context.run.services).refunds
    agree(
        "refunds (cents), each to its own charge",
        sorted(cents(amount) for amount in names(amounts)),
        payment_provider=sorted(r["amount_cents"] for r in refunds),
    )
    charges = [r["charge_id"] for r in refunds]
    agree("charges refunded twice", [], payment_provider=sorted(
        {c for c in charges if charges.count(c) > 1}
    ))  # fmt: skip


@then("the payment provider saw {count:Count} attempts with the same idempotency key")
def step_attempts_one_key(context, count):
    """The payment stand-in saw that many attempts, all with one idempotency key."""
    gateway = provider(context.run.services)
    agree("attempts to charge", count, payment_provider=len(gateway.attempts))
    keys = gateway.keys_used()
    assert len(keys) == 1 and None not in keys, f"idempotency keys sent: {sorted(map(str, keys))}"


@then("the payment provider saw no attempt")
def step_no_attempt(context):
    """The payment stand-in received no request at all."""
    agree("attempts to charge", 0, payment_provider=len(provider(context.run.services).attempts))


@then("{who:Persona} is told {whose:Persona} card was declined for {reason}")
def step_told_declined_for(context, who, whose, reason):
    """Checkout was refused with 402 payment_declined, passing on the provider's reason."""
    error = refused(context.cast.own(who, whose).last_answer(), 402, "payment_declined")
    agree("the reason the card was declined", reason, api=error["details"]["reason"])


@then("{who:Persona} is told payments are unavailable right now")
def step_told_unavailable(context, who):
    """Checkout was refused with 503 payment_unavailable."""
    refused(context.cast.actor(who).last_answer(), 503, "payment_unavailable")


@then("{whose:Persona} order says the payment provider gave no answer after {count:Count} attempts")
def step_failure_explained(context, whose, count):
    """The order's failure reason, by the API and by the database, says how many attempts."""
    reason = checks.failure_reason(context.cast.actor(whose), context.db)
    assert f"after {count} attempts" in reason, f"the order's failure reason: {reason!r}"


@then("{who:Persona} is told the refund could not be made")
def step_told_no_refund(context, who):
    """Cancelling was refused with 503 refund_unavailable."""
    refused(context.cast.actor(who).last_answer(), 503, "refund_unavailable")


@then("{who:Persona} is told the payment provider could not be understood")
def step_told_garbage(context, who):
    """Checkout was refused with 502 payment_gateway_error."""
    refused(context.cast.actor(who).last_answer(), 502, "payment_gateway_error")
