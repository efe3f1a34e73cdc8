"""Orders: checkout turns the cart into an order in one transaction; shoppers see only theirs."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from shop import inventory
from shop.cart import load_cart, priced_line
from shop.deps import DB, CurrentUser, Settings
from shop.errors import Conflict, NotFound
from shop.models import Order, OrderLine, User

router = APIRouter(prefix="/orders", tags=["orders"])


class OrderLineOut(BaseModel):
    product_id: int
    product_name: str
    unit_price_cents: int
    quantity: int
    line_total_cents: int


class OrderOut(BaseModel):
    id: int
    status: str
    currency: str
    total_cents: int
    created_at: datetime
    lines: list[OrderLineOut]


@router.post("", status_code=201, response_model=OrderOut)
def check_out(db: DB, user: CurrentUser, settings: Settings) -> Order:
    cart = load_cart(db, user)
    if cart is None or not cart.items:
        raise Conflict("cart_empty", "The cart is empty: add a product before checking out.")

    lines = [OrderLine(**priced_line(item)) for item in cart.items]
    order = Order(
        user_id=user.id,
        status="pending",
        currency=settings.currency,
        total_cents=sum(line.line_total_cents for line in lines),
        lines=lines,
    )
    db.add(order)
    db.flush()  # the order's id, for the ledger
    short = [
        {
            "product_id": item.product_id,
            "product_name": item.product.name,
            "requested": item.quantity,
            "available": item.product.stock,
        }
        for item in cart.items
        if not inventory.take_for_order(db, order, item.product_id, item.quantity)
    ]
    if short:
        db.rollback()
        names = ", ".join(str(s["product_name"]) for s in short)
        raise Conflict(
            "insufficient_stock",
            f"Not enough stock for: {names}. Nothing was ordered.",
            details={"products": short},
        )
    cart.items.clear()
    db.commit()
    return order


def _own_orders(user: User):  # unannotated: Select generics differ in SQLAlchemy 2.0 and 2.1
    return select(Order).where(Order.user_id == user.id).options(selectinload(Order.lines))


@router.get("", response_model=list[OrderOut])
def list_orders(db: DB, user: CurrentUser) -> list[Order]:
    return list(db.scalars(_own_orders(user).order_by(Order.created_at.desc(), Order.id.desc())))


@router.get("/{order_id}", response_model=OrderOut)
def order_detail(order_id: int, db: DB, user: CurrentUser) -> Order:
    # Someone else's order answers 404, exactly like a missing one: ids do not leak.
    order = db.scalars(_own_orders(user).where(Order.id == order_id)).first()
    if order is None:
        raise NotFound("order_not_found", f"No order {order_id} among your orders.")
    return order
