"""Factories: realistic, consistent data, and errors that say how to fix them."""

from __future__ import annotations

import re

import factory.random
import faker.generator
import pytest

from factories import OrderFactory, ProductFactory
from journeys import data
from journeys.tables import TableError, cents, priced_quantities, quantities


def test_a_factory_outside_a_scenario_says_how_to_bind_a_session() -> None:
    data.bind(None)
    with pytest.raises(data.UnboundFactoryError, match=r"call journeys.data.bind\(session\)"):
        ProductFactory()


def test_built_orders_are_consistent_and_states_are_traits() -> None:
    data.reseed(1)
    order = OrderFactory.build(paid=True, lines=3)
    assert order.status == "paid" and len(order.lines) == 3
    assert order.total_cents == sum(line.quantity * line.unit_price_cents for line in order.lines)
    assert all(line.product_name == line.product.name for line in order.lines)


def test_products_read_like_a_shops() -> None:
    data.reseed(2)
    product = ProductFactory.build()
    assert len(product.name.split()) >= 3 and product.currency == "EUR"
    assert 100 <= product.price_cents <= 19999 and isinstance(product.price_cents, int)
    assert ProductFactory.build(out_of_stock=True).stock == 0


@pytest.mark.parametrize("seed", [0, 1, 2**40 + 7])
def test_reseeding_leaves_what_factory_boys_own_reseed_leaves(seed: int) -> None:
    """A scenario's seed makes the same data as factory_boy's reseed_random would."""
    factory.random.reseed_random(seed)
    theirs = factory.random.randgen.getstate(), faker.generator.random.getstate()
    data.reseed(seed + 1)
    data.reseed(seed)
    assert (factory.random.randgen.getstate(), faker.generator.random.getstate()) == theirs
    assert factory.random.randgen.state_set


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.50", 1250),
        ("12.50 EUR", 1250),
        ("€12.5", 1250),
        ("12", 1200),
        ("0.99", 99),
        ("19,99", 1999),
    ],
)
def test_money_is_read_into_integer_cents(text: str, expected: int) -> None:
    assert cents(text) == expected


def test_money_that_is_not_money_is_named() -> None:
    message = "'twelve' is not an amount of money; write it like 12.50"
    with pytest.raises(TableError, match=re.escape(message)):
        cents("twelve")


def test_quantities_and_prices_are_read_from_sentences() -> None:
    assert quantities("2 Blue Mugs and 1 Tea Towel") == [(2, "Blue Mugs"), (1, "Tea Towel")]
    assert priced_quantities("2 Blue Mugs at 12.50, 1 Tea Towel at 4.50") == [
        (2, "Blue Mugs", 1250),
        (1, "Tea Towel", 450),
    ]
    with pytest.raises(TableError, match="'some Mugs' should read like '2 Blue Mugs'"):
        quantities("some Mugs")
