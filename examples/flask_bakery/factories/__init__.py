"""Loaves and customers for the bakery, seeded per scenario by journeys."""

from __future__ import annotations

import factory
from bakery.models import Customer, Loaf
from werkzeug.security import generate_password_hash

from journeys import ModelFactory

BREADS = ["Sourdough", "Rye", "Baguette", "Brioche", "Ciabatta", "Focaccia", "Pumpernickel"]


class LoafFactory(ModelFactory):
    class Meta:
        model = Loaf

    class Params:
        sold_out = factory.Trait(stock=0)

    name = factory.Sequence(
        lambda n: BREADS[n % len(BREADS)] + (f" {n}" if n >= len(BREADS) else "")
    )
    price_pence = factory.Faker("pyint", min_value=150, max_value=900)
    stock = factory.Faker("pyint", min_value=5, max_value=30)


class CustomerFactory(ModelFactory):
    class Meta:
        model = Customer

    class Params:
        password = factory.Faker("password", length=14)

    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"customer.{n}@example.com")
    # A cheap hash: tests need speed, not secrecy.
    password_hash = factory.LazyAttribute(
        lambda o: generate_password_hash(o.password, method="pbkdf2:sha256:1000")
    )
