"""Catalog: categories and products; browse, filter, search, paginate."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from shop.deps import DB, Settings
from shop.errors import NotFound, refusals
from shop.inputs import PathId, Search
from shop.models import Category, Product

router = APIRouter(tags=["catalog"])


class CategoryOut(BaseModel):
    id: int
    name: str
    slug: str


class ProductOut(BaseModel):
    id: int
    name: str
    description: str
    category: CategoryOut
    price_cents: int
    currency: str
    stock: int


class ProductPage(BaseModel):
    items: list[ProductOut]
    page: int
    per_page: int
    total: int


@router.get("/categories", response_model=list[CategoryOut])
def list_categories(db: DB) -> list[Category]:
    return list(db.scalars(select(Category).order_by(Category.name, Category.id)))


@router.get("/products", response_model=ProductPage, responses=refusals(422))
def list_products(
    db: DB,
    settings: Settings,
    category: Annotated[str | None, Query(max_length=100, description="category slug")] = None,
    q: Search = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1)] = 20,
) -> ProductPage:
    per_page = min(per_page, settings.page_size_max)
    query = select(Product).where(Product.published.is_(True))
    if category is not None:
        category_id = db.scalar(select(Category.id).where(Category.slug == category))
        if category_id is None:
            raise NotFound("category_not_found", f"No category {category!r}.", field="category")
        query = query.where(Product.category_id == category_id)
    if q:
        query = query.where(func.lower(Product.name).contains(q.strip().lower(), autoescape=True))
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    products = db.scalars(
        query.options(joinedload(Product.category))
        .order_by(Product.name, Product.id)  # stable: equal names keep their order
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    items = [ProductOut.model_validate(p, from_attributes=True) for p in products]
    return ProductPage(items=items, page=page, per_page=per_page, total=total)


@router.get("/products/{product_id}", response_model=ProductOut, responses=refusals(404, 422))
def product_detail(product_id: PathId, db: DB) -> Product:
    product = db.get(Product, product_id, options=[joinedload(Product.category)])
    if product is None or not product.published:
        raise NotFound("product_not_found", f"No product with id {product_id}.")
    return product
