"""Catalog management, for staff only: add products (on sale, or as drafts), change prices,
receive stock, take a product off sale or put it back. Every stock change goes through the
inventory ledger; every change is committed only if the catalog cache can forget it."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from shop import audit, inventory
from shop.cache import CatalogCache
from shop.catalog import ProductOut
from shop.deps import DB, Cache, CurrentUser, Settings
from shop.errors import Forbidden, Invalid, NotFound, ServiceUnavailable, refusals
from shop.inputs import MAX_INT, Description, Name, OptionalDescription, OptionalName, PathId, Slug
from shop.models import Category, Product, User

router = APIRouter(prefix="/admin/products", tags=["catalog management"])

MAX_PRICE_CENTS = 10_000_000


class NewProduct(BaseModel):
    category: Slug = Field(description="category slug")
    name: Name
    description: Description = ""
    price_cents: int = Field(ge=0, le=MAX_PRICE_CENTS)
    stock: int = Field(default=0, ge=0, le=1_000_000)
    on_sale: bool = Field(default=True, description="false: a draft, put on sale later")


class ProductChange(BaseModel):
    """Only the fields sent are changed."""

    name: OptionalName = None
    description: OptionalDescription = None
    price_cents: int | None = Field(default=None, ge=0, le=MAX_PRICE_CENTS)


class Receipt(BaseModel):
    quantity: int = Field(ge=1, le=1_000_000)


def commit_change(db: Session, cache: CatalogCache, product_ids: list[int]) -> None:
    """Commits a staff change that the cache can forget, and only then: a change the cache
    would go on hiding is refused (staff try again), never made behind shoppers' backs."""
    if not cache.forget(product_ids):
        raise ServiceUnavailable(
            "catalog_cache_unavailable",
            "The catalog cache cannot be told of this change, so shoppers would go on seeing "
            "the product as it was: nothing was changed. Try again once /health says the "
            "cache is ok.",
        )
    db.commit()
    # Again: a page read between the first forget and the commit holds the old product.
    cache.forget(product_ids)


def staff_only(user: User) -> None:
    if user.role != "staff":
        raise Forbidden("forbidden", "Only staff may change the catalog.")


def product_or_404(db: DB, product_id: int) -> Product:
    product = db.get(Product, product_id)
    if product is None:
        raise NotFound("product_not_found", f"No product with id {product_id}.")
    return product


@router.post(
    "", status_code=201, response_model=ProductOut, responses=refusals(401, 403, 404, 409, 422)
)
def add_product(
    body: NewProduct, db: DB, user: CurrentUser, settings: Settings, cache: Cache
) -> Product:
    staff_only(user)
    category = db.scalars(select(Category).where(Category.slug == body.category)).first()
    if category is None:
        raise NotFound("category_not_found", f"No category {body.category!r}.", field="category")
    product = Product(
        category=category,
        name=body.name.strip(),
        description=body.description,
        price_cents=body.price_cents,
        currency=settings.currency,
        stock=0,
        published=body.on_sale,
    )
    inventory.receive(product, body.stock)
    db.add(product)
    db.flush()  # the product's id, as the entry must say
    audit.record(db, user, "product_added", product, None, audit.product_state(product))
    commit_change(db, cache, [product.id])
    return product


@router.patch(
    "/{product_id}", response_model=ProductOut, responses=refusals(401, 403, 404, 409, 422)
)
def update_product(
    product_id: PathId, body: ProductChange, db: DB, user: CurrentUser, cache: Cache
) -> Product:
    staff_only(user)
    product = product_or_404(db, product_id)
    before = audit.product_state(product)
    for field, value in body.model_dump(exclude_unset=True).items():
        if value is None:
            raise Invalid("null_not_allowed", f"{field} cannot be emptied.", field=field)
        setattr(product, field, value.strip() if field == "name" else value)
    audit.record(db, user, "product_changed", product, before, audit.product_state(product))
    commit_change(db, cache, [product.id])
    return product


@router.post(
    "/{product_id}/receipts", response_model=ProductOut, responses=refusals(401, 403, 404, 422)
)
def receive_stock(
    product_id: PathId, body: Receipt, db: DB, user: CurrentUser, cache: Cache
) -> Product:
    staff_only(user)
    product = product_or_404(db, product_id)
    if product.stock + body.quantity > MAX_INT:  # the products.stock column cannot hold it
        raise Invalid(
            "stock_too_large",
            f"{product.name} would hold {product.stock + body.quantity} in stock; at most "
            f"{MAX_INT} fit.",
            field="quantity",
        )
    before = audit.product_state(product)
    inventory.receive(product, body.quantity)
    audit.record(db, user, "stock_received", product, before, audit.product_state(product))
    commit_change(db, cache, [product.id])
    return product


def _set_on_sale(
    db: DB, user: User, product_id: int, on_sale: bool, cache: CatalogCache
) -> Product:
    staff_only(user)
    product = product_or_404(db, product_id)
    before = audit.product_state(product)
    product.published = on_sale
    action = "product_on_sale" if on_sale else "product_off_sale"
    audit.record(db, user, action, product, before, audit.product_state(product))
    commit_change(db, cache, [product.id])
    return product


@router.post(
    "/{product_id}/unpublish", response_model=ProductOut, responses=refusals(401, 403, 404, 422)
)
def take_off_sale(product_id: PathId, db: DB, user: CurrentUser, cache: Cache) -> Product:
    return _set_on_sale(db, user, product_id, False, cache)


@router.post(
    "/{product_id}/publish", response_model=ProductOut, responses=refusals(401, 403, 404, 422)
)
def put_on_sale(product_id: PathId, db: DB, user: CurrentUser, cache: Cache) -> Product:
    return _set_on_sale(db, user, product_id, True, cache)
