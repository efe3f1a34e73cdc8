"""How many shoppers looked at a product: each signed-in shopper counts once a day, however
often she looks, and however many of her requests arrive at the same moment.

The count is the number of (product, shopper, day) rows; a view inserts its row unless it is
there already (INSERT ... ON CONFLICT DO NOTHING), so two requests racing cannot count one
shopper twice, and neither waits for the other to decide.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from shop.deps import DB, CurrentUser
from shop.errors import Forbidden, NotFound, refusals
from shop.inputs import PathId
from shop.models import Product, ProductViewer, User

router = APIRouter(prefix="/admin/products", tags=["catalog management"])


def seen_by(db: Session, product_id: int, user: User | None) -> None:
    """Counts a signed-in shopper's view of the product, once per day (staff do not count)."""
    if user is None or user.role != "shopper":
        return
    row = {"product_id": product_id, "user_id": user.id, "day": datetime.now(UTC).date()}
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    db.execute(dialect.insert(ProductViewer).values(**row).on_conflict_do_nothing())
    db.commit()


class Viewers(BaseModel):
    product_id: int
    today: int
    all_days: int


@router.get("/{product_id}/viewers", response_model=Viewers, responses=refusals(401, 403, 404, 422))
def viewers(product_id: PathId, db: DB, user: CurrentUser) -> Viewers:
    """Shoppers who viewed the product today (UTC), and shopper-days over all days."""
    if user.role != "staff":
        raise Forbidden("forbidden", "Only staff may read view counts.")
    if db.get(Product, product_id) is None:
        raise NotFound("product_not_found", f"No product with id {product_id}.")
    of_product = select(func.count()).where(ProductViewer.product_id == product_id)
    today = of_product.where(ProductViewer.day == datetime.now(UTC).date())
    return Viewers(
        product_id=product_id, today=db.scalar(today) or 0, all_days=db.scalar(of_product) or 0
    )
