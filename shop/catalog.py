"""Catalog: categories and products; browse, filter, search, page through.

A search matches every word given, in a product's name or its description, in any case.
Lists are sorted by name (then id, so equal names keep their order). Each page links to the
next and the previous one by cursor (shop/paging.py): following the links never repeats or
skips a product, even while products are added or removed; a page number is also taken, for
a jump, and counts from the start.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from pydantic import AfterValidator, BaseModel, Field
from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import joinedload

from shop import paging, viewers
from shop.deps import DB, OPTIONAL_SIGN_IN, Cache, MaybeUser, Settings
from shop.errors import NotFound, refusals
from shop.inputs import NO_NUL, Cursor, PathId, Search, no_nul_or_none
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


class PageLinks(BaseModel):
    next: str | None = Field(description="the page after this one; null on the last page")
    prev: str | None = Field(description="the page before this one; null on the first page")


class ProductPage(BaseModel):
    items: list[ProductOut]
    page: int
    per_page: int
    total: int
    links: PageLinks


@router.get("/categories", response_model=list[CategoryOut])
def list_categories(db: DB) -> list[Category]:
    return list(db.scalars(select(Category).order_by(Category.name, Category.id)))


@router.get("/products", response_model=ProductPage, responses=refusals(404, 422))
def list_products(
    db: DB,
    settings: Settings,
    cache: Cache,
    category: Annotated[
        str | None,
        Query(max_length=100, description="category slug", json_schema_extra=NO_NUL),
        AfterValidator(no_nul_or_none),
    ] = None,
    q: Search = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1)] = 20,
    after: Cursor = None,
    before: Cursor = None,
) -> ProductPage | dict[str, Any]:
    per_page = min(per_page, settings.page_size_max)
    asked = urlencode(
        [(k, v) for k, v in (("category", category), ("q", q), ("page", page),
                             ("per_page", per_page), ("after", after), ("before", before))
         if v is not None]
    )  # fmt: skip
    if (kept := cache.page(asked)) is not None:
        return kept
    answer = _page(db, per_page, category, q, page, after, before)
    cache.keep_page(asked, answer.model_dump(mode="json"))
    return answer


def _page(
    db: DB,
    per_page: int,
    category: str | None,
    q: str | None,
    page: int,
    after: str | None,
    before: str | None,
) -> ProductPage:
    query = _matching(db, category, q)
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows, has_prev, has_next = _window(db, query, per_page, page, after, before)
    base = {k: v for k, v in (("category", category), ("q", q), ("per_page", per_page)) if v}

    def link(**cursor: str) -> str:
        return "/products?" + urlencode({**base, **cursor})

    return ProductPage(
        items=[ProductOut.model_validate(p, from_attributes=True) for p in rows],
        page=page,
        per_page=per_page,
        total=total,
        links=PageLinks(
            next=link(after=paging.cursor_for(rows[-1])) if has_next else None,
            prev=link(before=paging.cursor_for(rows[0])) if has_prev else None,
        ),
    )


def _matching(db: DB, category: str | None, q: str | None) -> Select[Any]:
    """The products on sale in the category (if any) whose name or description holds every
    word of ``q``."""
    query = select(Product).where(Product.published.is_(True))
    if category is not None:
        category_id = db.scalar(select(Category.id).where(Category.slug == category))
        if category_id is None:
            raise NotFound("category_not_found", f"No category {category!r}.", field="category")
        query = query.where(Product.category_id == category_id)
    for word in (q or "").lower().split():
        query = query.where(
            or_(
                func.lower(Product.name).contains(word, autoescape=True),
                func.lower(Product.description).contains(word, autoescape=True),
            )
        )
    return query


def _window(
    db: DB,
    query: Select[Any],
    per_page: int,
    page: int,
    after: str | None,
    before: str | None,
) -> tuple[list[Product], bool, bool]:
    """One page of ``query`` by name (then id), and whether products lie before and after
    it. One more than a page is read, which tells whether the reading direction goes on.
    With a cursor, ``page`` counts pages from it; with both, the page lies between them."""
    shown = query.options(joinedload(Product.category)).limit(per_page + 1)
    shown = shown.offset((page - 1) * per_page)
    if before is not None:
        shown = paging.before(shown, paging.read_cursor(before, "before"))
    if before is not None and after is None:  # read backwards from it, then put it right
        rows = list(db.scalars(shown.order_by(Product.name.desc(), Product.id.desc())))
        has_prev, rows = len(rows) > per_page, rows[:per_page][::-1]
        has_next = bool(rows) and _any(db, paging.after(query, paging.key(rows[-1])))
        return rows, has_prev, has_next
    if after is not None:
        shown = paging.after(shown, paging.read_cursor(after, "after"))
    rows = list(db.scalars(shown.order_by(Product.name, Product.id)))
    has_next, rows = len(rows) > per_page, rows[:per_page]
    if before is not None:  # between two cursors: what lies past the page, in the catalog
        has_next = bool(rows) and _any(db, paging.after(query, paging.key(rows[-1])))
    if after is None:
        return rows, bool(rows) and page > 1, has_next
    return rows, bool(rows) and _any(db, paging.before(query, paging.key(rows[0]))), has_next


def _any(db: DB, query: Select[Any]) -> bool:
    return bool(db.scalar(select(exists(query))))


@router.get(
    "/products/{product_id}",
    response_model=ProductOut,
    responses=refusals(401, 404, 422),
    openapi_extra=OPTIONAL_SIGN_IN,
)
def product_detail(
    product_id: PathId, db: DB, user: MaybeUser, cache: Cache
) -> ProductOut | dict[str, Any]:
    answer = cache.product(product_id)
    if answer is None:
        product = db.get(Product, product_id, options=[joinedload(Product.category)])
        if product is None or not product.published:
            raise NotFound("product_not_found", f"No product with id {product_id}.")
        answer = ProductOut.model_validate(product, from_attributes=True).model_dump(mode="json")
        cache.keep_product(product_id, answer)
    viewers.seen_by(db, product_id, user)  # a signed-in shopper's view counts, once a day
    return answer
