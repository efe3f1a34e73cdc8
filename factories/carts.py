"""Carts already holding products, for scenarios that start mid-shopping."""

from __future__ import annotations

import factory
from sqlalchemy import select

from factories.accounts import UserFactory, shopper
from factories.catalog import ProductFactory, product_named
from journeys.data import ModelFactory, current_session
from shop.models import Cart, CartItem


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


def cart_of(email: str) -> Cart:
    """The cart of the shopper with this email, made if she has none yet."""
    user = shopper(email)
    cart = current_session().scalars(select(Cart).where(Cart.user_id == user.id)).first()
    return cart or CartFactory.create(user=user)


def put_in_cart(email: str, count: int) -> list[CartItem]:
    """``count`` more products, new to the catalog, in the cart of the shopper with this email."""
    return CartItemFactory.create_batch(count, cart=cart_of(email))


def fill_cart(email: str, items: list[tuple[int, str]]) -> list[CartItem]:
    """Products of the catalog, by the names a step uses ("2 Blue Mugs"), put in the cart of
    the shopper with this email, in this order (the order the shop would have seen)."""
    cart = cart_of(email)
    return [
        CartItemFactory.create(cart=cart, product=product_named(name), quantity=quantity)
        for quantity, name in items
    ]
