"""Cart: one per shopper; add, change, remove. Prices shown are the catalog's current ones."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from shop.deps import DB, CurrentUser, Settings
from shop.errors import Conflict, NotFound, refusals
from shop.inputs import BodyId, PathId
from shop.models import Cart, CartItem, Order, Product, User

router = APIRouter(prefix="/cart", tags=["cart"])

MAX_QUANTITY = 1000


class NewItem(BaseModel):
    product_id: BodyId
    quantity: int = Field(ge=1, le=MAX_QUANTITY)


class QuantityChange(BaseModel):
    quantity: int = Field(ge=1, le=MAX_QUANTITY)


class CartItemOut(BaseModel):
    product_id: int
    product_name: str
    unit_price_cents: int
    quantity: int
    line_total_cents: int


class CartOut(BaseModel):
    items: list[CartItemOut]
    item_count: int
    total_cents: int
    currency: str


def load_cart(db: Session, user: User, lock: bool = False) -> Cart | None:
    """The shopper's cart; ``lock``: its row locked until the transaction ends, so two
    checkouts of one cart take turns (PostgreSQL; SQLite transactions already do)."""
    query = select(Cart).where(Cart.user_id == user.id)
    if lock:
        query = query.with_for_update(of=Cart)
    return db.scalars(
        query.options(selectinload(Cart.items).selectinload(CartItem.product))
    ).first()


def refill_cart(db: Session, order: Order) -> None:
    """A failed order's lines go back into its shopper's cart, added to what is there (no
    lock: a checkout of the cart meanwhile finds it empty or full, and either is right)."""
    cart = load_cart(db, order.user) or Cart(user_id=order.user_id, items=[])
    db.add(cart)
    held = {item.product_id: item for item in cart.items}
    for line in order.lines:
        if line.product_id in held:
            held[line.product_id].quantity += line.quantity
        else:
            cart.items.append(CartItem(product_id=line.product_id, quantity=line.quantity))


def _open_cart(db: Session, user: User) -> Cart:
    cart = load_cart(db, user)
    if cart is None:
        cart = Cart(user_id=user.id, items=[])
        db.add(cart)
    return cart


def priced_line(item: CartItem) -> dict[str, Any]:
    """A cart item at the catalog's current price: what the cart shows, what checkout keeps."""
    return {
        "product_id": item.product_id,
        "product_name": item.product.name,
        "unit_price_cents": item.product.price_cents,
        "quantity": item.quantity,
        "line_total_cents": item.product.price_cents * item.quantity,
    }


def cart_out(cart: Cart | None, currency: str) -> CartOut:
    items = [CartItemOut(**priced_line(item)) for item in (cart.items if cart else [])]
    return CartOut(
        items=items,
        item_count=sum(i.quantity for i in items),
        total_cents=sum(i.line_total_cents for i in items),
        currency=currency,
    )


def _check_stock(product: Product, quantity: int) -> None:
    if quantity > product.stock:
        raise Conflict(
            "insufficient_stock",
            f"Only {product.stock} of {product.name!r} in stock; asked for {quantity}.",
            field="quantity",
            details={"product_id": product.id, "available": product.stock, "requested": quantity},
        )


def _item(cart: Cart, product_id: int) -> CartItem:
    for item in cart.items:
        if item.product_id == product_id:
            return item
    raise NotFound("not_in_cart", f"Product {product_id} is not in the cart.")


@router.get("", response_model=CartOut, responses=refusals(401))
def view_cart(db: DB, user: CurrentUser, settings: Settings) -> CartOut:
    return cart_out(load_cart(db, user), settings.currency)


@router.post(
    "/items", status_code=201, response_model=CartOut, responses=refusals(401, 404, 409, 422)
)
def add_item(body: NewItem, db: DB, user: CurrentUser, settings: Settings) -> CartOut:
    product = db.get(Product, body.product_id)
    if product is None or not product.published:
        raise NotFound(
            "product_not_found", f"No product with id {body.product_id}.", field="product_id"
        )
    cart = _open_cart(db, user)
    existing = next((i for i in cart.items if i.product_id == product.id), None)
    quantity = body.quantity + (existing.quantity if existing else 0)
    _check_stock(product, quantity)
    if existing:
        existing.quantity = quantity
    else:
        cart.items.append(CartItem(product=product, quantity=body.quantity))
    db.commit()
    return cart_out(cart, settings.currency)


@router.patch("/items/{product_id}", response_model=CartOut, responses=refusals(401, 404, 409, 422))
def change_quantity(
    product_id: PathId, body: QuantityChange, db: DB, user: CurrentUser, settings: Settings
) -> CartOut:
    cart = _open_cart(db, user)
    item = _item(cart, product_id)
    _check_stock(item.product, body.quantity)
    item.quantity = body.quantity
    db.commit()
    return cart_out(cart, settings.currency)


@router.delete("/items/{product_id}", response_model=CartOut, responses=refusals(401, 404, 422))
def remove_item(product_id: PathId, db: DB, user: CurrentUser, settings: Settings) -> CartOut:
    cart = _open_cart(db, user)
    cart.items.remove(_item(cart, product_id))
    db.commit()
    return cart_out(cart, settings.currency)
