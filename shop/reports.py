"""The sales report, for staff: what the analytics consumer has counted, per product per day."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select

from shop.deps import DB, CurrentUser
from shop.errors import Forbidden, refusals
from shop.inputs import Day
from shop.models import Product, SalesDay

router = APIRouter(prefix="/admin/sales", tags=["reports"])


class ProductSales(BaseModel):
    product_id: int
    product_name: str
    units: int
    revenue_cents: int


class SalesReport(BaseModel):
    day: date
    products: list[ProductSales]


@router.get("", response_model=SalesReport, responses=refusals(401, 403, 422))
def sales(
    db: DB,
    user: CurrentUser,
    day: Day = None,
) -> SalesReport:
    if user.role != "staff":
        raise Forbidden("forbidden", "Only staff may read the sales report.")
    day = day or datetime.now(UTC).date()
    rows = db.execute(
        select(SalesDay, Product.name)
        .join(Product, Product.id == SalesDay.product_id)
        .where(SalesDay.day == day, SalesDay.units != 0)
        .order_by(Product.name, Product.id)
    ).all()
    return SalesReport(
        day=day,
        products=[
            ProductSales(
                product_id=s.product_id, product_name=name, units=s.units,
                revenue_cents=s.revenue_cents,
            )
            for s, name in rows
        ],
    )  # fmt: skip
