"""The shop with a deliberate N+1: the product list loads each product's category on its own.

Used as ``-D target=tests.n_plus_one:TARGET`` by tests/test_query_capture.py.
"""

from sqlalchemy.orm import lazyload

import shop.catalog
from support.target import TARGET

shop.catalog.joinedload = lazyload  # type: ignore[assignment]  # the bug, on purpose

__all__ = ["TARGET"]
