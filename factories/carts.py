"""Carts already holding products, for scenarios that start mid-shopping."""

from __future__ import annotations

import factory
from sqlalchemy import select

from factories.accounts import UserFactory, shopper
from factories.catalog import ProductFactory
from journeys.data import ModelFactory, current_session
from journeys.tables import singulars
from shop.models import Cart, CartItem, Product


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


def put_in_cart(email: str, count: int) -> list[CartItem]:
    """``count`` more products, new to the catalog, in the cart of the shopper with this email."""
    user = shopper(email)
    cart = current_session().scalars(select(Cart).where(Cart.user_id == user.id)).first()
    return CartItemFactory.create_batch(count, cart=cart or CartFactory(user=user))


def fill_cart(email: str, items: list[tuple[int, str]]) -> list[CartItem]:
    """Products of the catalog, by the names a step uses ("2 Blue Mugs"), put in the cart of
    the shopper with this email, in this order (the order the shop would have seen)."""
    session = current_session()
    user = shopper(email)
    cart = session.scalars(select(Cart).where(Cart.user_id == user.id)).first()
    cart = cart or CartFactory.create(user=user)
    added: list[CartItem] = []
    for quantity, name in items:
        product = session.scalars(select(Product).where(Product.name.in_(singulars(name)))).first()
        if product is None:
            raise LookupError(f"no product called {name!r} in the catalog: add it first")
        added.append(CartItemFactory.create(cart=cart, product=product, quantity=quantity))
    return added
