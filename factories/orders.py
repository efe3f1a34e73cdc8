"""Orders with consistent lines and totals; states as Traits (``OrderFactory(paid=True)``)."""

from __future__ import annotations

import factory

from factories.accounts import UserFactory, shopper
from factories.catalog import ProductFactory
from journeys.data import ModelFactory, current_session
from shop import inventory
from shop.models import Order, OrderLine


class OrderLineFactory(ModelFactory):
    class Meta:
        model = OrderLine

    order = None  # set by OrderFactory, or pass one
    product = factory.SubFactory(ProductFactory)
    product_name = factory.LazyAttribute(lambda o: o.product.name)
    unit_price_cents = factory.LazyAttribute(lambda o: o.product.price_cents)
    quantity = factory.Faker("pyint", min_value=1, max_value=3)
    line_total_cents = factory.LazyAttribute(lambda o: o.unit_price_cents * o.quantity)


class OrderFactory(ModelFactory):
    """An order whose total is the sum of its lines. ``OrderFactory(lines=3)`` for three."""

    class Meta:
        model = Order

    class Params:
        paid = factory.Trait(status="paid")

    user = factory.SubFactory(UserFactory)
    status = "pending"
    currency = "EUR"
    total_cents = 0  # set from the lines, once they exist

    @factory.post_generation
    def lines(obj: Order, create: bool, extracted: int | None, **kwargs: object) -> None:
        make = OrderLineFactory.create if create else OrderLineFactory.build
        for _ in range(2 if extracted is None else extracted):
            line = make(order=obj, **kwargs)
            inventory.sell(line.product, line.quantity, obj)  # the stock it took
        obj.total_cents = sum(line.line_total_cents for line in obj.lines)
        if create:
            current_session().commit()


def place_orders(email: str, count: int, lines: int = 3) -> list[Order]:
    """``count`` orders of ``lines`` lines each for the shopper with this email."""
    return OrderFactory.create_batch(count, user=shopper(email), lines=lines)
