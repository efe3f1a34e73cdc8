"""Orders with consistent lines and totals; states as Traits (``OrderFactory(paid=True)``)."""

from __future__ import annotations

import factory

from factories.accounts import UserFactory
from factories.catalog import ProductFactory
from shop.models import Order, OrderLine
from support.data import ModelFactory


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
    """An order whose total is the sum of its lines; ``line_count`` lines of new products."""

    class Meta:
        model = Order

    class Params:
        line_count = 2
        paid = factory.Trait(status="paid")

    user = factory.SubFactory(UserFactory)
    status = "pending"
    currency = "EUR"
    # Lines are built unsaved and saved with the order, so the total is right from the start.
    lines = factory.LazyAttribute(
        lambda o: [OrderLineFactory.build(product=ProductFactory()) for _ in range(o.line_count)]
    )
    total_cents = factory.LazyAttribute(lambda o: sum(line.line_total_cents for line in o.lines))
