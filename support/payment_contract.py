"""What the shop expects of the payment gateway, as a consumer contract (Pact).

One place for the shop's expectations: a charge carries an Idempotency-Key and is approved
or declined, a refund is refunded. tests/test_payment_contract.py drives the shop's real
gateway client (shop/payments.py) against Pact's mock of these interactions, which writes
the pact file (contracts/pacts/), and then verifies the same file against the suite's
stand-in (support/payments.py), so the stand-in scenarios run against behaves as the
contract says. The gateway's team verifies the file against their own service.
"""

from __future__ import annotations

from pact import Pact, match

CONSUMER, PROVIDER = "shop", "payment-gateway"
CUSTOMER = "paula@example.com"  # whose card is declined
GOOD_CUSTOMER = "bob@example.com"
GOOD_CARD = "the card is good"
DECLINED_CARD = f"the card of {CUSTOMER} is declined"
A_CHARGE = "a charge was approved"
KEY = match.regex("9f1c2a7e5b3d4c6e8a0b1c2d3e4f5a6b", regex=r"^[0-9a-f]{32}$")


def payment_pact() -> Pact:
    pact = Pact(CONSUMER, PROVIDER).with_specification("V4")
    charge = {
        "amount_cents": match.int(2400),
        "currency": "EUR",
        "reference": match.regex("order-1", regex=r"^order-\d+$"),
        "customer": GOOD_CUSTOMER,
    }
    (
        pact.upon_receiving("a charge for an order")
        .given(GOOD_CARD)
        .with_request("POST", "/charges")
        .with_header("Idempotency-Key", KEY)
        .with_body(charge, content_type="application/json")
        .will_respond_with(201)
        .with_body({"id": match.str("ch_1"), "status": "approved"}, content_type="application/json")
    )
    (
        pact.upon_receiving("a charge with a declined card")
        .given(DECLINED_CARD)
        .with_request("POST", "/charges")
        .with_header("Idempotency-Key", KEY)
        .with_body({**charge, "customer": CUSTOMER}, content_type="application/json")
        .will_respond_with(402)
        .with_body(
            {"status": "declined", "reason": match.str("insufficient funds")},
            content_type="application/json",
        )
    )
    (
        pact.upon_receiving("a refund of a charge")
        .given(A_CHARGE)
        .with_request("POST", "/refunds")
        .with_header("Idempotency-Key", KEY)
        .with_body(
            {"charge_id": match.str("ch_1"), "amount_cents": match.int(2400)},
            content_type="application/json",
        )
        .will_respond_with(201)
        .with_body({"status": "refunded"}, content_type="application/json")
    )
    return pact
