"""Orders: checkout and payment, the order's lifecycle, and each shopper's own orders.

Checkout is two short transactions around the call to the payment gateway, never one
transaction held open across the network: first, with the cart locked, the order is created,
its stock taken and the cart emptied into it; then, with the gateway's answer, the order is
paid, or it fails, its stock goes back to the shelf and its lines back into the cart. One cart
is therefore one order however many checkouts arrive at once (a double click, a retried
request): the others find the cart empty (409 ``cart_empty``), or, sent with the same
Idempotency-Key, get the first order. No stock is held by an order that will not ship, and
every attempt for one order carries the same idempotency key.

Lifecycle: pending -> paid -> shipped -> delivered; pending or paid -> cancelled (stock back
on the shelf; refunded when paid); pending -> payment_failed. Staff ship and deliver.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Header, Request, Response
from pydantic import AfterValidator, BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from shop import audit, inventory, outbox
from shop.cache import CatalogCache
from shop.cart import load_cart, priced_line, refill_cart
from shop.deps import DB, CurrentUser, Settings
from shop.errors import (
    BadGateway,
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    PaymentRequired,
    ServiceUnavailable,
    refusals,
)
from shop.inputs import MAX_INT, NO_NUL, PathId, no_nul_or_none
from shop.models import Order, OrderLine, User
from shop.payments import GatewayBadResponse, GatewayUnavailable, PaymentDeclined, PaymentGateway

router = APIRouter(prefix="/orders", tags=["orders"])

# action -> (statuses it may start from, status it leads to, who may do it)
TRANSITIONS = {
    "cancel": ({"pending", "paid"}, "cancelled", "owner"),
    "ship": ({"paid"}, "shipped", "staff"),
    "deliver": ({"shipped"}, "delivered", "staff"),
}


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
    failure_reason: str | None = None
    lines: list[OrderLineOut]


def _gateway(request: Request) -> PaymentGateway:
    gateway: PaymentGateway = request.app.state.payments
    return gateway


CheckoutKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=64,
        json_schema_extra=NO_NUL,
        description="the same key sent again answers the first order instead of a second",
    ),
    AfterValidator(no_nul_or_none),
]


@router.post(
    "",
    status_code=201,
    response_model=OrderOut,
    responses={
        200: {"model": OrderOut, "description": "The same checkout again: the first order"},
        **refusals(401, 402, 409, 422, 502, 503),
    },
)
def check_out(
    db: DB,
    user: CurrentUser,
    settings: Settings,
    request: Request,
    response: Response,
    key: CheckoutKey = None,
) -> Order:
    if key is not None and (earlier := _order_for_key(db, user, key)) is not None:
        response.status_code = 200  # a repeated submit: the first order, not a second
        return earlier
    try:
        order = _place(db, user, settings.currency, key)
        _stock_changed(request, order)
    except (IntegrityError, Conflict) as refused:  # another request checked this cart out
        db.rollback()
        earlier = _order_for_key(db, user, key) if key is not None else None
        if earlier is None:
            raise refused from None
        response.status_code = 200  # the same key: the order that request placed
        return earlier
    try:
        charge = _gateway(request).charge(
            amount_cents=order.total_cents,
            currency=order.currency,
            reference=f"order-{order.id}",
            customer=user.email,
            key=str(order.payment_key),
        )
    except PaymentDeclined as declined:
        _fail(db, order, f"card declined: {declined}", request)
        raise PaymentRequired(
            "payment_declined",
            "The card was declined; nothing was charged and the cart is as it was.",
            details={"order_id": order.id, "reason": str(declined)},
        ) from None
    except GatewayUnavailable as down:
        _fail(db, order, f"payment gateway unavailable: {down}", request)
        raise ServiceUnavailable(
            "payment_unavailable",
            "Payments are unavailable right now; nothing was charged. Please try again.",
            details={"order_id": order.id},
        ) from None
    except GatewayBadResponse as garbled:
        _fail(db, order, f"payment gateway error: {garbled}", request)
        raise BadGateway(
            "payment_gateway_error",
            "The payment provider answered something we could not understand; nothing was charged.",
            details={"order_id": order.id},
        ) from None
    order.status = "paid"
    order.charge_id = charge.id
    outbox.order_event(db, "order_paid", order, charge_id=charge.id)
    db.commit()
    return order


def _order_for_key(db: Session, user: User, key: str) -> Order | None:
    return db.scalars(_own_orders(user).where(Order.checkout_key == key)).first()


def _place(db: Session, user: User, currency: str, key: str | None = None) -> Order:
    """First transaction: the order exists, its stock is taken and the cart is emptied into
    it, or nothing happened.

    The cart's row is locked first (PostgreSQL: FOR UPDATE; SQLite's BEGIN IMMEDIATE already
    serialises writers), so a second checkout of the same cart waits and then finds it empty.
    Stock is taken product by product in the order of their ids, whatever the cart's order:
    two checkouts of the same products lock their rows in the same order, so they wait for
    each other instead of deadlocking."""
    cart = load_cart(db, user, lock=True)
    if cart is None or not cart.items:
        raise Conflict("cart_empty", "The cart is empty: add a product before checking out.")
    lines = [OrderLine(**priced_line(item)) for item in cart.items]
    total = sum(line.line_total_cents for line in lines)
    if total > MAX_INT:  # the orders.total_cents column cannot hold it
        raise Invalid(
            "order_too_large",
            f"An order's total can be at most {MAX_INT / 100:,.2f}; this cart comes to "
            f"{total / 100:,.2f}. Order fewer, in more than one order.",
            field="cart",
        )
    order = Order(
        user_id=user.id,
        status="pending",
        currency=currency,
        total_cents=total,
        payment_key=uuid.uuid4().hex,
        checkout_key=key,
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
        for item in sorted(cart.items, key=lambda item: item.product_id)
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
    cart.items.clear()  # the cart is the order's now
    outbox.order_event(db, "order_placed", order)
    db.commit()
    return order


def _fail(db: Session, order: Order, reason: str, request: Request) -> None:
    """Second transaction of a failed payment: the stock goes back, and the order's lines
    back into the cart (beside anything the shopper added meanwhile)."""
    inventory.put_back(db, order)
    refill_cart(db, order)
    order.status = "payment_failed"
    order.failure_reason = reason[:200]
    outbox.order_event(db, "payment_failed", order, reason=order.failure_reason)
    db.commit()
    _stock_changed(request, order)


def _stock_changed(request: Request, order: Order) -> None:
    """Once committed: the pages showing the order's products' stock must not be read again."""
    cache: CatalogCache = request.app.state.cache
    cache.forget(line.product_id for line in order.lines)


def _own_orders(user: User):  # unannotated: Select generics differ in SQLAlchemy 2.0 and 2.1
    return select(Order).where(Order.user_id == user.id).options(selectinload(Order.lines))


@router.get("", response_model=list[OrderOut], responses=refusals(401))
def list_orders(db: DB, user: CurrentUser) -> list[Order]:
    return list(db.scalars(_own_orders(user).order_by(Order.created_at.desc(), Order.id.desc())))


def _visible_order(db: Session, user: User, order_id: int) -> Order:
    # Someone else's order answers 404, exactly like a missing one: ids do not leak.
    query = select(Order).options(selectinload(Order.lines)).where(Order.id == order_id)
    if user.role != "staff":
        query = query.where(Order.user_id == user.id)
    order = db.scalars(query).first()
    if order is None:
        raise NotFound("order_not_found", f"No order {order_id} among your orders.")
    return order


@router.get("/{order_id}", response_model=OrderOut, responses=refusals(401, 404, 422))
def order_detail(order_id: PathId, db: DB, user: CurrentUser) -> Order:
    return _visible_order(db, user, order_id)


def _transition(db: Session, user: User, order_id: int, action: str) -> Order:
    allowed_from, target, who = TRANSITIONS[action]
    if who == "staff" and user.role != "staff":
        raise Forbidden("forbidden", f"Only staff may {action} orders.")
    order = _visible_order(db, user, order_id)
    if order.status not in allowed_from:
        raise Conflict(
            "invalid_transition",
            f"Order {order.id} is {order.status}; only {' or '.join(sorted(allowed_from))} "
            f"orders can be {target}.",
            details={"status": order.status, "action": action},
        )
    before, order.status = order.status, target
    outbox.order_event(db, f"order_{target}", order)  # commits with the change, or not at all
    if who == "staff":
        audit.record(db, user, f"order_{target}", order, {"status": before}, {"status": target})
    return order


@router.post(
    "/{order_id}/cancel", response_model=OrderOut, responses=refusals(401, 404, 409, 422, 503)
)
def cancel(order_id: PathId, db: DB, user: CurrentUser, request: Request) -> Order:
    order = _transition(db, user, order_id, "cancel")
    if order.charge_id is not None:  # it was paid: the money goes back first
        try:  # if the money cannot go back, the order stays as it was
            _gateway(request).refund(
                charge_id=order.charge_id,
                amount_cents=order.total_cents,
                key=f"{order.payment_key}-refund",
            )
        except (GatewayUnavailable, GatewayBadResponse) as exc:
            db.rollback()
            raise ServiceUnavailable(
                "refund_unavailable", f"The refund could not be made ({exc}); nothing changed."
            ) from None
        outbox.order_event(db, "order_refunded", order, charge_id=order.charge_id)
    inventory.put_back(db, order)
    db.commit()
    _stock_changed(request, order)
    return order


@router.post(
    "/{order_id}/ship", response_model=OrderOut, responses=refusals(401, 403, 404, 409, 422)
)
def ship(order_id: PathId, db: DB, user: CurrentUser) -> Order:
    order = _transition(db, user, order_id, "ship")
    db.commit()
    return order


@router.post(
    "/{order_id}/deliver", response_model=OrderOut, responses=refusals(401, 403, 404, 409, 422)
)
def deliver(order_id: PathId, db: DB, user: CurrentUser) -> Order:
    order = _transition(db, user, order_id, "deliver")
    db.commit()
    return order
