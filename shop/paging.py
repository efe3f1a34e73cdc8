"""Keyset paging for the catalog: pages that never repeat or skip a product.

A page number counts from the start, so a product added before the page a shopper is on
pushes one she has seen onto the next page (and a removed one pulls an unseen one back).
A cursor names the last product seen (its name and id, the sort key), and the next page
starts after it, whatever was added or removed before it. Cursors are opaque to clients:
base64url of the JSON pair, checked on the way in so a forged one is a 422, never a 500.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from sqlalchemy import Select, and_, or_

from shop.errors import Invalid
from shop.inputs import MAX_INT
from shop.models import Product


def key(product: Any) -> tuple[str, int]:
    """Where a product sorts: by name, then id."""
    return product.name, product.id


def cursor_for(product: Any) -> str:
    raw = json.dumps(list(key(product)), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def read_cursor(token: str, field: str) -> tuple[str, int]:
    """The (name, id) a cursor names, or a 422 naming the query parameter."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        name, product_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError):
        name, product_id = None, None
    if (
        not isinstance(name, str)
        or "\x00" in name  # PostgreSQL cannot compare with it: a 500, were it let through
        or type(product_id) is not int
        or not 1 <= product_id <= MAX_INT
    ):
        raise Invalid(
            "bad_cursor",
            f"{field!r} is not a cursor this shop gave: follow the links of a page, "
            "do not make them up.",
            field=field,
        )
    return name, product_id


def after(query: Select[Any], key: tuple[str, int]) -> Select[Any]:
    """The products that sort after ``key`` (by name, then id)."""
    name, product_id = key
    return query.where(
        or_(Product.name > name, and_(Product.name == name, Product.id > product_id))
    )


def before(query: Select[Any], key: tuple[str, int]) -> Select[Any]:
    """The products that sort before ``key`` (by name, then id)."""
    name, product_id = key
    return query.where(
        or_(Product.name < name, and_(Product.name == name, Product.id < product_id))
    )
