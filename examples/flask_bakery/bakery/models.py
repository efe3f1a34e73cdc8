"""The bakery's tables. Money is integer pence."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Customer(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))


class Loaf(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "loaves"
    __table_args__ = (CheckConstraint("stock >= 0", name="stock_not_negative"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    price_pence: Mapped[int]
    stock: Mapped[int]


class BasketItem(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "basket_items"
    __table_args__ = (UniqueConstraint("customer_id", "loaf_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    loaf_id: Mapped[int] = mapped_column(ForeignKey("loaves.id"))
    quantity: Mapped[int]
    loaf: Mapped[Loaf] = relationship()


class Order(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    total_pence: Mapped[int]
    placed_at: Mapped[datetime] = mapped_column(default=lambda: datetime.now(UTC))
    lines: Mapped[list[OrderLine]] = relationship(back_populates="order")


class OrderLine(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    loaf_id: Mapped[int] = mapped_column(ForeignKey("loaves.id"))
    quantity: Mapped[int]
    price_pence: Mapped[int]
    order: Mapped[Order] = relationship(back_populates="lines")
    loaf: Mapped[Loaf] = relationship()
