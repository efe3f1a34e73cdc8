"""Carts already holding products, for scenarios that start mid-shopping."""

from __future__ import annotations

import factory

from factories.accounts import UserFactory
from factories.catalog import ProductFactory
from shop.models import Cart, CartItem
from support.data import ModelFactory


class CartFactory(ModelFactory):
    class Meta:
        model = Cart

    user = factory.SubFactory(UserFactory)


class CartItemFactory(ModelFactory):
    class Meta:
        model = CartItem

    cart = factory.SubFactory(CartFactory)
    product = factory.SubFactory(ProductFactory)
    quantity = factory.Faker("pyint", min_value=1, max_value=3)
