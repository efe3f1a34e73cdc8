"""Categories and products that read like a real shop's, and the catalog from a Gherkin table."""

from __future__ import annotations

import re
from typing import Any

import factory
from sqlalchemy import select

from journeys.data import ModelFactory, current_session
from journeys.tables import TableError, cents, singulars
from shop import inventory
from shop.models import Category, Product

CATEGORIES = ["Kitchen", "Outdoor", "Garden", "Office", "Bathroom", "Toys", "Books", "Lighting"]
MATERIALS = ["Ceramic", "Oak", "Linen", "Steel", "Bamboo", "Glass", "Wool", "Copper"]
GOODS = ["Mug", "Bowl", "Lamp", "Basket", "Notebook", "Blanket", "Vase", "Tray", "Jar"]


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class CategoryFactory(ModelFactory):
    class Meta:
        model = Category
        sqlalchemy_get_or_create = ("name",)

    name = factory.Sequence(
        lambda n: CATEGORIES[n % len(CATEGORIES)] + (f" {n}" if n >= len(CATEGORIES) else "")
    )
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ProductFactory(ModelFactory):
    class Meta:
        model = Product

    class Params:
        out_of_stock = factory.Trait(stock=0)
        last_one = factory.Trait(stock=1)
        # The parts of a realistic name and price; not columns.
        colour = factory.Faker("safe_color_name")
        material = factory.Faker("random_element", elements=MATERIALS)
        good = factory.Faker("random_element", elements=GOODS)
        euros = factory.Faker("pyint", min_value=1, max_value=199)
        ending = factory.Faker("random_element", elements=[0, 49, 50, 95, 99])

    category = factory.SubFactory(CategoryFactory)
    name = factory.LazyAttribute(lambda o: f"{o.colour.title()} {o.material} {o.good}")
    description = factory.Faker("sentence", nb_words=12)
    # Shop prices: whole euros plus a familiar ending, from 1.00 to 199.99.
    price_cents = factory.LazyAttribute(lambda o: o.euros * 100 + o.ending)
    currency = "EUR"
    stock = factory.Faker("pyint", min_value=5, max_value=100)

    @factory.post_generation
    def opening_stock(obj: Product, create: bool, extracted: object, **kwargs: object) -> None:
        """The stock arrives as a receipt in the ledger, as it would in the shop."""
        on_shelf, obj.stock = obj.stock, 0
        inventory.receive(obj, on_shelf)
        if create:
            current_session().commit()


PRODUCT_COLUMNS = ("product", "category", "price", "stock", "description")


def stock_catalog(rows: list[dict[str, str]]) -> list[Product]:
    """Products from table rows; columns left out are filled in by the factory."""
    products: list[Product] = []
    for number, row in enumerate(rows, start=1):
        fields: dict[str, Any] = {}
        if row.get("product"):
            fields["name"] = row["product"]
        if row.get("category"):
            fields["category"] = CategoryFactory(name=row["category"])
        if row.get("price"):
            fields["price_cents"] = cents(row["price"])
        if row.get("stock"):
            if not row["stock"].isdigit():
                raise TableError(f"row {number}: stock {row['stock']!r} must be a whole number")
            fields["stock"] = int(row["stock"])
        if row.get("description"):
            fields["description"] = row["description"]
        products.append(ProductFactory(**fields))  # type: ignore[arg-type]  # a Product
    return products


def product_named(name: str) -> Product:
    """The product a step means by 'Blue Mug' or 'Blue Mugs'."""
    session = current_session()
    # populate_existing: the app may have changed the row since a factory made it.
    product = session.scalars(
        select(Product)
        .where(Product.name.in_(singulars(name)))
        .execution_options(populate_existing=True)
    ).first()
    if product is None:
        known = session.scalars(select(Product.name).order_by(Product.name)).all()
        raise LookupError(f"the shop sells no {name!r}; it sells: {', '.join(known) or 'nothing'}")
    return product


def restock(name: str, quantity: int) -> Product:
    """A stock count: the shelf holds ``quantity`` now, booked as a ledger adjustment."""
    product = product_named(name)
    inventory.count(product, quantity)
    current_session().commit()
    return product


def reprice(name: str, price_cents: int) -> Product:
    product = product_named(name)
    product.price_cents = price_cents
    current_session().commit()
    return product


def withdraw(name: str) -> Product:
    """The product is off sale, as the warehouse can leave it."""
    product = product_named(name)
    product.published = False
    current_session().commit()
    return product
