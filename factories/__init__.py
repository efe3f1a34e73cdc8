"""Realistic data for the shop's models, seeded per scenario (see journeys.data)."""

from factories.accounts import UserFactory
from factories.carts import CartFactory, CartItemFactory
from factories.catalog import CategoryFactory, ProductFactory
from factories.orders import OrderFactory, OrderLineFactory

__all__ = [
    "CartFactory",
    "CartItemFactory",
    "CategoryFactory",
    "OrderFactory",
    "OrderLineFactory",
    "ProductFactory",
    "UserFactory",
]
