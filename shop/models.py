"""The shop's tables. Money is integer cents with an ISO currency; never a float."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from shop.db import Base


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps come back timezone-aware (UTC) on every backend; SQLite forgets the zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-case
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default="shopper")  # shopper | staff
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)

    products: Mapped[list[Product]] = relationship(back_populates="category")


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price_cents >= 0", name="ck_products_price_not_negative"),
        CheckConstraint("stock >= 0", name="ck_products_stock_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    price_cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    stock: Mapped[int] = mapped_column(Integer, default=0)
    # Off sale: hidden from the catalog and from carts, kept for the orders that name it.
    published: Mapped[bool] = mapped_column(default=True)

    category: Mapped[Category] = relationship(back_populates="products")
    movements: Mapped[list[StockMovement]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="StockMovement.id"
    )
    images: Mapped[list[ProductImage]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductImage.id"
    )


class ProductImage(Base):
    """An image of a product; its bytes are in the shop's storage under ``key``."""

    __tablename__ = "product_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)

    product: Mapped[Product] = relationship(back_populates="images")


class Cart(Base):
    """A shopper's one cart; checkout empties it rather than closing it."""

    __tablename__ = "carts"
    # A named unique index rather than an inline constraint: it can be managed by name.
    __table_args__ = (Index("uq_carts_user_id", "user_id", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
    items: Mapped[list[CartItem]] = relationship(
        back_populates="cart", cascade="all, delete-orphan", order_by="CartItem.id"
    )


class CartItem(Base):
    __tablename__ = "cart_items"
    __table_args__ = (
        UniqueConstraint("cart_id", "product_id", name="uq_cart_items_cart_product"),
        CheckConstraint("quantity >= 1", name="ck_cart_items_quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("carts.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)

    cart: Mapped[Cart] = relationship(back_populates="items")
    product: Mapped[Product] = relationship()


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint("total_cents >= 0", name="ck_orders_total_not_negative"),
        Index("uq_orders_user_checkout_key", "user_id", "checkout_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # pending -> paid -> shipped -> delivered; pending|paid -> cancelled; pending -> payment_failed
    status: Mapped[str] = mapped_column(String(20), default="pending")
    currency: Mapped[str] = mapped_column(String(3))
    total_cents: Mapped[int] = mapped_column(Integer)
    # Sent with every attempt to charge this order, so the gateway charges it at most once.
    payment_key: Mapped[str | None] = mapped_column(String(64))
    # The shopper's Idempotency-Key for this checkout: sent again, it answers this order.
    checkout_key: Mapped[str | None] = mapped_column(String(64))
    charge_id: Mapped[str | None] = mapped_column(String(100))
    failure_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.id"
    )


class OrderLine(Base):
    """A line snapshots name and unit price at checkout: later catalog edits leave it alone."""

    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint("quantity >= 1", name="ck_order_lines_quantity_positive"),
        CheckConstraint("unit_price_cents >= 0", name="ck_order_lines_price_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    product_name: Mapped[str] = mapped_column(String(200))
    unit_price_cents: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    line_total_cents: Mapped[int] = mapped_column(Integer)

    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()


class StockMovement(Base):
    """The inventory ledger: every change of a product's stock is a row, signed.

    receipt (+), adjustment (+/-, a stock count), sale (-, at checkout), cancellation (+).
    The sum of a product's movements is its stock.
    """

    __tablename__ = "stock_movements"
    __table_args__ = (CheckConstraint("quantity <> 0", name="ck_stock_movements_not_zero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[int] = mapped_column(Integer)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    product: Mapped[Product] = relationship(back_populates="movements")
    order: Mapped[Order | None] = relationship()


class LoginFailure(Base):
    """A failed sign-in, kept for the rate limit's window (shared by every shop instance)."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class OutboxEvent(Base):
    """Something that happened, written in the same transaction as the change itself, for a
    relay to publish later: a change is never without its event, nor an event without it."""

    __tablename__ = "outbox_events"
    __table_args__ = (Index("ix_outbox_events_kind_subject", "kind", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # account_registered | order_placed | order_paid | payment_failed | order_shipped |
    # order_delivered | order_cancelled | order_refunded
    kind: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int] = mapped_column()  # the account's or the order's id
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class ConsumedEvent(Base):
    """An event a consumer has handled: written with the handling's effect, so an event
    delivered twice (or redelivered after a crash) has one effect."""

    __tablename__ = "consumed_events"

    consumer: Mapped[str] = mapped_column(String(40), primary_key=True)
    event_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    consumed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notification(Base):
    """An email the shop sent, kept once it went out (for support, and for the rule that an
    order is confirmed once)."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(index=True)
    order_id: Mapped[int | None] = mapped_column(index=True)  # None: about the account
    kind: Mapped[str] = mapped_column(String(40))  # the event's kind
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(200))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SalesDay(Base):
    """Units and revenue of one product on one day (UTC), as the sales report shows them:
    added when an order is paid, taken off on the day it is refunded."""

    __tablename__ = "sales_by_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    units: Mapped[int] = mapped_column(Integer, default=0)
    revenue_cents: Mapped[int] = mapped_column(Integer, default=0)

    product: Mapped[Product] = relationship()


class AuditEntry(Base):
    """One staff action, as it happened: who, what, to which thing, before and after. Written
    in the action's own transaction, so there is no change without its entry."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_subject", "subject_kind", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # product_added | product_changed | stock_received | product_off_sale | product_on_sale |
    # order_shipped | order_delivered
    action: Mapped[str] = mapped_column(String(40))
    subject_kind: Mapped[str] = mapped_column(String(20))  # product | order
    subject_id: Mapped[int] = mapped_column()
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    actor: Mapped[User] = relationship()


class ProductViewer(Base):
    """A shopper who looked at a product on a day: one row however often she looked, so the
    count of rows is the count of shoppers (per day, or over all days)."""

    __tablename__ = "product_viewers"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
