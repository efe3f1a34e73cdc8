"""What the shop's database holds, read through Core on the scenario's connection.

The only module that knows the shop's tables; steps ask in business terms.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from journeys.database import ScenarioDatabase
from shop.models import (
    AuditEntry,
    Cart,
    CartItem,
    Category,
    Notification,
    Order,
    OrderLine,
    OutboxEvent,
    Product,
    ProductImage,
    ProductViewer,
    SalesDay,
    StockMovement,
    User,
)
from support import notes

users = User.__table__
products = Product.__table__
categories = Category.__table__
movements = StockMovement.__table__
carts = Cart.__table__
cart_items = CartItem.__table__
orders = Order.__table__
order_lines = OrderLine.__table__
outbox = OutboxEvent.__table__
notifications = Notification.__table__
sales_by_day = SalesDay.__table__
product_viewers = ProductViewer.__table__
audit_entries = AuditEntry.__table__
images = ProductImage.__table__

ACCOUNT_EVENTS = ("account_registered",)


def announcements(db: ScenarioDatabase, email: str) -> list[str]:
    """What the shop announced about the shopper's orders, oldest first (their outbox)."""
    ids = [row["id"] for row in orders_of(db, email)]
    rows = db.rows(
        select(outbox.c.kind)
        .where(outbox.c.subject_id.in_(ids), outbox.c.kind.not_in(ACCOUNT_EVENTS))
        .order_by(outbox.c.id)
    )
    return [row["kind"] for row in rows]


def account_announcements(db: ScenarioDatabase, email: str) -> int:
    """How often the shop announced the shopper's account."""
    [account] = accounts_with_email(db, email)
    return int(
        db.scalar(
            select(func.count()).where(
                outbox.c.kind.in_(ACCOUNT_EVENTS), outbox.c.subject_id == account["id"]
            )
        )
        or 0
    )


def accounts_with_email(db: ScenarioDatabase, email: str) -> list[Mapping[str, Any]]:
    return db.rows(select(users).where(func.lower(users.c.email) == email.lower()))


def stock(db: ScenarioDatabase, product_name: str) -> int:
    value = db.scalar(select(products.c.stock).where(products.c.name == product_name))
    if value is None:
        raise LookupError(f"the database has no product {product_name!r}")
    return int(value)


def product_id(db: ScenarioDatabase, product_name: str) -> int:
    value = db.scalar(select(products.c.id).where(products.c.name == product_name))
    if value is None:
        raise LookupError(f"the database has no product {product_name!r}")
    return int(value)


def product_exists(db: ScenarioDatabase, product_name: str) -> bool:
    return db.scalar(select(products.c.id).where(products.c.name == product_name)) is not None


def product_row(db: ScenarioDatabase, product_id: int) -> Mapping[str, Any]:
    row = db.row(select(products).where(products.c.id == product_id))
    if row is None:
        raise LookupError(f"the database has no product {product_id}")
    return row


def cart_contents(db: ScenarioDatabase, email: str) -> dict[str, int]:
    """{product name: quantity} in the shopper's cart, as stored."""
    rows = db.rows(
        select(products.c.name, cart_items.c.quantity)
        .select_from(cart_items.join(carts).join(users).join(products))
        .where(users.c.email == email.lower())
    )
    return {row["name"]: row["quantity"] for row in rows}


def cart_value(db: ScenarioDatabase, email: str) -> int:
    """What the stored cart is worth at the catalog's current prices, in cents."""
    value = db.scalar(
        select(func.coalesce(func.sum(cart_items.c.quantity * products.c.price_cents), 0))
        .select_from(cart_items.join(carts).join(users).join(products))
        .where(users.c.email == email.lower())
    )
    return int(value or 0)


def orders_of(db: ScenarioDatabase, email: str) -> list[Mapping[str, Any]]:
    return db.rows(
        select(orders).join(users).where(users.c.email == email.lower()).order_by(orders.c.id)
    )


def order_row(db: ScenarioDatabase, order_id: int) -> Mapping[str, Any]:
    row = db.row(select(orders).where(orders.c.id == order_id))
    if row is None:
        raise AssertionError(f"the API answered order {order_id}, the database has no such order")
    return row


def lines_of(db: ScenarioDatabase, order_id: int) -> list[Mapping[str, Any]]:
    return db.rows(
        select(order_lines).where(order_lines.c.order_id == order_id).order_by(order_lines.c.id)
    )


def product_names(
    db: ScenarioDatabase, category: str | None = None, term: str | None = None
) -> list[str]:
    """Names of the products a shopper should find, in the catalog's rule order: by name."""
    query = select(products.c.name).select_from(products.join(categories))
    if category is not None:
        query = query.where(categories.c.name == category)
    rows = db.rows(
        query.add_columns(products.c.description).order_by(products.c.name, products.c.id)
    )
    words = (term or "").lower().split()  # each word in the name or in the description
    return [
        row["name"]
        for row in rows
        if all(w in row["name"].lower() or w in row["description"].lower() for w in words)
    ]


def category_names(db: ScenarioDatabase) -> list[str]:
    """The categories' names in the order the shop should list them: by name."""
    return [row["name"] for row in db.rows(select(categories.c.name).order_by(categories.c.name))]


def products_shown(db: ScenarioDatabase, category: str) -> list[notes.Shown]:
    """A category's products as its pages should show them: by name, namesakes by id."""
    rows = db.rows(
        select(products.c.name, products.c.id)
        .select_from(products.join(categories))
        .where(categories.c.name == category)
        .order_by(products.c.name, products.c.id)
    )
    return [notes.Shown(row["name"], row["id"]) for row in rows]


def unused_product_id(db: ScenarioDatabase) -> int:
    return int(db.scalar(select(func.coalesce(func.max(products.c.id), 0))) or 0) + 1000


def order_document(db: ScenarioDatabase, order_id: int) -> dict[str, Any]:
    """The stored order, shaped like the shop's answer about it."""
    order = order_row(db, order_id)
    return {
        "id": order["id"],
        "status": order["status"],
        "currency": order["currency"],
        "total_cents": order["total_cents"],
        "lines": [
            {
                key: line[key]
                for key in (
                    "product_id",
                    "product_name",
                    "unit_price_cents",
                    "quantity",
                    "line_total_cents",
                )
            }
            for line in lines_of(db, order_id)
        ],
    }


def put_back(db: ScenarioDatabase, product_name: str) -> int:
    """Units of the product the ledger booked back on the shelf (cancellations)."""
    total = db.scalar(
        select(func.coalesce(func.sum(movements.c.quantity), 0))
        .select_from(movements.join(products))
        .where(products.c.name == product_name, movements.c.kind == "cancellation")
    )
    return int(total or 0)


def catalog_snapshot(db: ScenarioDatabase) -> list[tuple[Any, ...]]:
    """Every product as stored (name, price, stock, on sale) and the ledger's length."""
    rows = db.rows(
        select(
            products.c.name, products.c.price_cents, products.c.stock, products.c.published
        ).order_by(products.c.name, products.c.id)
    )
    ledger = db.scalar(select(func.count()).select_from(movements))
    return [tuple(row.values()) for row in rows] + [("ledger rows", ledger)]


def shopper_snapshot(db: ScenarioDatabase, email: str) -> dict[str, Any]:
    """What the database holds of a shopper's orders: their states, what was announced about
    them, and the stock of every product."""
    stock = db.rows(select(products.c.name, products.c.stock).order_by(products.c.name))
    return {
        "email": email,
        "her orders": [order["status"] for order in orders_of(db, email)],
        "announced": announcements(db, email),
        "in stock": {row["name"]: row["stock"] for row in stock},
    }


def account_count(db: ScenarioDatabase) -> int:
    return int(db.scalar(select(func.count()).select_from(users)) or 0)


def emails_recorded(db: ScenarioDatabase, email: str, order_id: int | None = None) -> int:
    """The emails the shop says it sent to this address (about this order, if given)."""
    query = (
        select(func.count()).select_from(notifications).where(notifications.c.recipient == email)
    )
    if order_id is not None:
        query = query.where(notifications.c.order_id == order_id)
    return int(db.scalar(query) or 0)


def sales_recorded(db: ScenarioDatabase, day: Any) -> dict[str, tuple[int, int]]:
    """Product name -> (units, revenue in cents) the analytics table holds for a day."""
    rows = db.rows(
        select(products.c.name, sales_by_day.c.units, sales_by_day.c.revenue_cents)
        .join(products, products.c.id == sales_by_day.c.product_id)
        .where(sales_by_day.c.day == day, sales_by_day.c.units != 0)
    )
    return {row["name"]: (row["units"], row["revenue_cents"]) for row in rows}


def audit_log(db: ScenarioDatabase) -> list[Mapping[str, Any]]:
    """The stored audit entries, newest first, with the email of who acted."""
    return db.rows(
        select(
            audit_entries.c.id,
            users.c.email.label("actor_email"),
            audit_entries.c.action,
            audit_entries.c.subject_kind,
            audit_entries.c.subject_id,
            audit_entries.c.before,
            audit_entries.c.after,
        )
        .join(users, users.c.id == audit_entries.c.actor_id)
        .order_by(audit_entries.c.id.desc())
    )


def viewers(db: ScenarioDatabase, product_name: str, today: bool) -> int:
    """Shopper-days stored for the product: today's (UTC) only, or over all days."""
    query = select(func.count()).where(product_viewers.c.product_id == product_id(db, product_name))
    if today:
        query = query.where(product_viewers.c.day == datetime.now(UTC).date())
    return int(db.scalar(query) or 0)
