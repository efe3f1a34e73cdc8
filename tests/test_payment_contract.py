"""The shop's consumer contract with the payment gateway: written by driving the shop's real
gateway client against Pact's mock, then verified against the suite's stand-in."""

from __future__ import annotations

from pathlib import Path

import pytest
from pact import Verifier

from journeys.stubs import OutsideService
from shop.payments import PaymentDeclined, PaymentGateway
from shop.settings import ShopSettings
from support import payments
from support.payment_contract import (
    A_CHARGE,
    CUSTOMER,
    DECLINED_CARD,
    GOOD_CARD,
    GOOD_CUSTOMER,
    PROVIDER,
    payment_pact,
)
from tests.conftest import REPO

PACTS = REPO / "contracts" / "pacts"


@pytest.fixture(scope="module")
def pact_file() -> Path:
    pact = payment_pact()
    with pact.serve() as mock:
        gateway = PaymentGateway(
            ShopSettings(database_url="", payment_gateway_url=str(mock.url).rstrip("/"))
        )
        key = "9f1c2a7e5b3d4c6e8a0b1c2d3e4f5a6b"
        charge = gateway.charge(
            amount_cents=2400, currency="EUR", reference="order-1", customer=GOOD_CUSTOMER,
            key=key,
        )  # fmt: skip
        assert charge.id
        with pytest.raises(PaymentDeclined):
            gateway.charge(
                amount_cents=2400, currency="EUR", reference="order-2", customer=CUSTOMER, key=key
            )
        gateway.refund(charge_id=charge.id, amount_cents=2400, key=key)
    pact.write_file(PACTS, overwrite=True)
    [written] = PACTS.glob("shop-payment-gateway.json")
    return written


def test_the_shop_writes_its_expectations_of_the_gateway(pact_file: Path) -> None:
    text = pact_file.read_text()
    for expectation in ("a charge for an order", "a charge with a declined card", "a refund"):
        assert expectation in text
    assert "Idempotency-Key" in text


def verify(pact_file: Path, declined_card: str) -> str:
    """Verify the pact against the stand-in, which declines ``declined_card``'s charges;
    what the verifier says of the failures ('' when it passed)."""
    stand_in = OutsideService(payments.SERVICE)
    stand_in.start()
    payments.prepare({payments.SERVICE: stand_in})
    provider = payments.provider({payments.SERVICE: stand_in})
    verifier = (
        Verifier(PROVIDER, host="127.0.0.1")
        .add_transport(url=stand_in.url)
        .add_source(pact_file)
        .state_handler(
            {
                GOOD_CARD: lambda **_: provider.approves(),
                DECLINED_CARD: lambda **_: provider.declines_card_of(declined_card),
                A_CHARGE: lambda **_: provider.approves(),
            }
        )
    )
    try:
        verifier.verify()
        return ""
    except Exception:
        return verifier.output(strip_ansi=True) or "failed"
    finally:
        stand_in.stop()


def test_the_suites_stand_in_honours_the_contract(pact_file: Path) -> None:
    assert verify(pact_file, CUSTOMER) == ""


def test_a_stand_in_that_does_not_decline_fails_the_verification(pact_file: Path) -> None:
    said = verify(pact_file, "nobody@example.com")
    assert "a charge with a declined card" in said and "402" in said
