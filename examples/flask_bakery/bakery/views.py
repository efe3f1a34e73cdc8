"""The bakery's API: sign up, loaves, the basket and orders."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request
from sqlalchemy import select
from werkzeug.exceptions import BadRequest, Conflict, NotFound, Unauthorized
from werkzeug.security import check_password_hash, generate_password_hash

from bakery.models import BasketItem, Customer, Loaf, Order, OrderLine, db

api = Blueprint("api", __name__)
MAX_QUANTITY = 50


def money(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"


def refuse(kind: type[Any], message: str, field: str | None = None) -> Any:
    error = kind(message)
    error.field = field
    return error


def body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise refuse(BadRequest, "Send a JSON object.", "body")
    return data


def text(data: dict[str, Any], field: str, longest: int) -> str:
    value = data.get(field)
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > longest:
        raise refuse(BadRequest, f"Give a {field} of 1 to {longest} characters.", field)
    return value.strip()


def customer() -> Customer:
    auth = request.authorization
    if auth is None or not auth.username or not auth.password:
        raise Unauthorized("Sign in with your email and password (HTTP Basic).")
    found = db.session.scalar(select(Customer).where(Customer.email == auth.username.lower()))
    if found is None or not check_password_hash(found.password_hash, auth.password):
        raise Unauthorized("Wrong email or password.")
    return found


@api.post("/customers")
def sign_up() -> Any:
    data = body()
    name, email = text(data, "name", 100), text(data, "email", 200).lower()
    password = text(data, "password", 200)
    if "@" not in email:
        raise refuse(BadRequest, "Give a valid email address.", "email")
    if len(password) < 8:
        raise refuse(BadRequest, "Choose a password of at least 8 characters.", "password")
    if db.session.scalar(select(Customer).where(Customer.email == email)):
        raise refuse(Conflict, "An account with this email exists already.", "email")
    found = Customer(name=name, email=email, password_hash=generate_password_hash(password))
    db.session.add(found)
    db.session.commit()
    return {"id": found.id, "name": found.name, "email": found.email}, 201


@api.get("/loaves")
def loaves() -> Any:
    rows = db.session.scalars(select(Loaf).order_by(Loaf.name))
    return [
        {"id": loaf.id, "name": loaf.name, "price": money(loaf.price_pence), "in_stock": loaf.stock}
        for loaf in rows
    ]


@api.put("/basket/<int:loaf_id>")
def put_in_basket(loaf_id: int) -> Any:
    who = customer()
    quantity = body().get("quantity")
    if (
        not isinstance(quantity, int)
        or isinstance(quantity, bool)
        or not 0 <= quantity <= MAX_QUANTITY
    ):
        raise refuse(BadRequest, f"Give a quantity from 0 to {MAX_QUANTITY}.", "quantity")
    if db.session.get(Loaf, loaf_id) is None:
        raise NotFound()
    item = db.session.scalar(
        select(BasketItem).where(BasketItem.customer_id == who.id, BasketItem.loaf_id == loaf_id)
    )
    if quantity == 0:
        if item is not None:
            db.session.delete(item)
    elif item is None:
        db.session.add(BasketItem(customer_id=who.id, loaf_id=loaf_id, quantity=quantity))
    else:
        item.quantity = quantity
    db.session.commit()
    return basket_of(who)


@api.get("/basket")
def basket() -> Any:
    return basket_of(customer())


def basket_of(who: Customer) -> dict[str, Any]:
    items = db.session.scalars(
        select(BasketItem).where(BasketItem.customer_id == who.id).order_by(BasketItem.id)
    ).all()
    return {
        "items": [{"loaf": i.loaf.name, "quantity": i.quantity} for i in items],
        "total": money(sum(i.quantity * i.loaf.price_pence for i in items)),
    }


@api.post("/orders")
def place_order() -> Any:
    who = customer()
    items = db.session.scalars(
        select(BasketItem).where(BasketItem.customer_id == who.id).order_by(BasketItem.loaf_id)
    ).all()
    if not items:
        raise refuse(Conflict, "Your basket is empty.", "basket")
    order = Order(customer_id=who.id, total_pence=0)
    for item in items:
        loaf = item.loaf
        if item.quantity > loaf.stock:  # rule: never more than is on the shelf
            db.session.rollback()
            raise refuse(Conflict, f"Only {loaf.stock} {loaf.name} left.", "quantity")
        loaf.stock -= item.quantity
        order.lines.append(
            OrderLine(loaf_id=loaf.id, quantity=item.quantity, price_pence=loaf.price_pence)
        )
        order.total_pence += item.quantity * loaf.price_pence
        db.session.delete(item)
    db.session.add(order)
    db.session.commit()
    return describe(order), 201


@api.get("/orders/<int:order_id>")
def show_order(order_id: int) -> Any:
    who = customer()
    order = db.session.get(Order, order_id)
    if order is None or order.customer_id != who.id:  # rule: orders are private
        raise NotFound()
    return describe(order)


def describe(order: Order) -> dict[str, Any]:
    return {
        "id": order.id,
        "total": money(order.total_pence),
        "lines": [
            {"loaf": line.loaf.name, "quantity": line.quantity, "price": money(line.price_pence)}
            for line in order.lines
        ],
    }
