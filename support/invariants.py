"""The shop's invariants: what must hold in its database after anything a shopper does.

To add one, write the rule as a sentence and a query returning the rows that break it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, exists, func, or_, select

from journeys.data import Baseline
from journeys.database import ScenarioDatabase
from journeys.invariants import Invariant
from support.questions import (
    audit_entries,
    cart_items,
    carts,
    images,
    movements,
    notifications,
    order_lines,
    orders,
    outbox,
    products,
    sales_by_day,
)

# Orders whose stock went back to the shelf; every other order holds its quantities.
STOCK_RELEASED = ("cancelled", "payment_failed")

_line_sum = func.coalesce(func.sum(order_lines.c.quantity * order_lines.c.unit_price_cents), 0)
_ledger = func.coalesce(func.sum(movements.c.quantity), 0)

_received = (
    select(movements.c.product_id, func.sum(movements.c.quantity).label("received"))
    .where(movements.c.kind.in_(("receipt", "adjustment")))
    .group_by(movements.c.product_id)
    .subquery()
)
_held = (
    select(order_lines.c.product_id, func.sum(order_lines.c.quantity).label("held"))
    .join(orders, orders.c.id == order_lines.c.order_id)
    .where(orders.c.status.not_in(STOCK_RELEASED))
    .group_by(order_lines.c.product_id)
    .subquery()
)
# Orders whose money the shop keeps: paid, and not refunded (a paid order cancelled is).
KEPT = ("paid", "shipped", "delivered")
_paid = (
    select(
        order_lines.c.product_id,
        func.sum(order_lines.c.quantity).label("units"),
        func.sum(order_lines.c.line_total_cents).label("revenue"),
    )
    .join(orders, orders.c.id == order_lines.c.order_id)
    .where(orders.c.status.in_(KEPT))
    .group_by(order_lines.c.product_id)
    .subquery()
)
_counted = (
    select(
        sales_by_day.c.product_id,
        func.sum(sales_by_day.c.units).label("units"),
        func.sum(sales_by_day.c.revenue_cents).label("revenue"),
    )
    .group_by(sales_by_day.c.product_id)
    .subquery()
)
_received_total = func.coalesce(_received.c.received, 0)
_held_total = func.coalesce(_held.c.held, 0)


def _products_without_their_audit(
    db: ScenarioDatabase, baseline: Baseline
) -> list[Mapping[str, Any]]:
    """Products the factories did not make (so staff added them) with no 'added' entry, and
    audited products whose newest entry disagrees with them (name, price, on sale)."""
    made_by_factories = set(baseline.by_key("products"))
    entries = db.rows(
        select(audit_entries.c.subject_id, audit_entries.c.action, audit_entries.c.after)
        .where(audit_entries.c.subject_kind == "product")
        .order_by(audit_entries.c.id)
    )
    added = {e["subject_id"] for e in entries if e["action"] == "product_added"}
    newest = {e["subject_id"]: e["after"] for e in entries}
    found: list[Mapping[str, Any]] = []
    for product in db.rows(select(products.c.id, products.c.name, products.c.price_cents,
                                  products.c.published)):  # fmt: skip
        if product["id"] not in made_by_factories and product["id"] not in added:
            found.append({"product_id": product["id"], "name": product["name"], "entry": "none"})
        after = newest.get(product["id"])
        now = {"name": product["name"], "price_cents": product["price_cents"],
               "on_sale": bool(product["published"])}  # fmt: skip
        if after is not None and {k: after.get(k) for k in now} != now:
            found.append({"product_id": product["id"], "name": product["name"],
                          "entry": f"says {after}"})  # fmt: skip
    return found


def _cache_disagreements(
    db: ScenarioDatabase, _baseline: Baseline, stores: Mapping[str, Mapping[str, str]]
) -> list[Mapping[str, Any]]:
    """Products the cache shows (on their page, or on a catalog page still read) otherwise
    than the database holds them: name, price and stock, and on sale at all."""
    held = stores["cache"]
    generation = held.get("pages:generation", "0")
    shown: list[tuple[str, dict[str, Any]]] = []
    for key, value in held.items():
        if key.startswith("product:"):
            shown.append((key, json.loads(value)))
        elif key.startswith(f"page:{generation}:"):
            shown += [(key, item) for item in json.loads(value)["items"]]
    if not shown:
        return []
    stored = {
        row["id"]: row
        for row in db.rows(
            select(products.c.id, products.c.name, products.c.price_cents, products.c.stock,
                   products.c.published)
        )
    }  # fmt: skip
    found: list[Mapping[str, Any]] = []
    for key, item in shown:
        row = stored.get(item["id"])
        now = None if row is None or not row["published"] else {
            "name": row["name"], "price_cents": row["price_cents"], "stock": row["stock"]
        }  # fmt: skip
        cached = {k: item[k] for k in ("name", "price_cents", "stock")}
        if cached != now:
            found.append({"key": key, "cache": cached, "database": now or "not on sale"})
    return found


def _images_astray(
    db: ScenarioDatabase, _baseline: Baseline, stores: Mapping[str, Mapping[str, int]]
) -> list[Mapping[str, Any]]:
    """Stored files no product's photo names, and photos whose file is missing or of
    another size than recorded."""
    files = stores["storage"]
    records = {
        r["key"]: r for r in db.rows(select(images.c.key, images.c.product_id, images.c.size))
    }
    found: list[Mapping[str, Any]] = [
        {"file": key, "size": size, "problem": "no photo names it"}
        for key, size in files.items() if key not in records
    ]  # fmt: skip
    for key, record in records.items():
        if key not in files:
            found.append({"file": key, "product_id": record["product_id"], "problem": "missing"})
        elif files[key] != record["size"]:
            problem = f"{files[key]} bytes stored, {record['size']} recorded"
            found.append({"file": key, "product_id": record["product_id"], "problem": problem})
    return found


INVARIANTS = (
    Invariant(
        "stock_not_negative",
        "Stock never goes below zero.",
        select(products.c.id.label("product_id"), products.c.name, products.c.stock).where(
            products.c.stock < 0
        ),
    ),
    Invariant(
        "order_has_lines",
        "Every order has at least one line.",
        select(orders.c.id.label("order_id"), orders.c.status, orders.c.total_cents).where(
            ~exists().where(order_lines.c.order_id == orders.c.id)
        ),
    ),
    Invariant(
        "order_total_is_sum_of_lines",
        "An order's total is the sum of quantity x unit price over its lines.",
        select(orders.c.id.label("order_id"), orders.c.total_cents, _line_sum.label("sum_of_lines"))
        .select_from(orders.outerjoin(order_lines, order_lines.c.order_id == orders.c.id))
        .group_by(orders.c.id, orders.c.total_cents)
        .having(orders.c.total_cents != _line_sum),
    ),
    Invariant(
        "line_total_is_quantity_times_price",
        "An order line's total is its quantity times its unit price.",
        select(
            order_lines.c.id.label("line_id"),
            order_lines.c.order_id,
            order_lines.c.quantity,
            order_lines.c.unit_price_cents,
            order_lines.c.line_total_cents,
        ).where(
            order_lines.c.line_total_cents
            != order_lines.c.quantity * order_lines.c.unit_price_cents
        ),
    ),
    Invariant(
        "order_lines_reference_existing_rows",
        "Every order line belongs to an existing order and names an existing product.",
        select(order_lines.c.id.label("line_id"), order_lines.c.order_id, order_lines.c.product_id)
        .select_from(
            order_lines.outerjoin(orders, orders.c.id == order_lines.c.order_id).outerjoin(
                products, products.c.id == order_lines.c.product_id
            )
        )
        .where(or_(orders.c.id.is_(None), products.c.id.is_(None))),
    ),
    Invariant(
        "one_cart_per_shopper",
        "A shopper has at most one open cart.",
        select(carts.c.user_id, func.count().label("carts"))
        .group_by(carts.c.user_id)
        .having(func.count() > 1),
    ),
    Invariant(
        "cart_quantities_positive",
        "Every product in a cart has a quantity of at least one.",
        select(cart_items.c.cart_id, cart_items.c.product_id, cart_items.c.quantity).where(
            cart_items.c.quantity < 1
        ),
    ),
    Invariant(
        "ledger_explains_stock",
        "A product's stock is the sum of its movements in the inventory ledger.",
        select(
            products.c.id.label("product_id"),
            products.c.name,
            products.c.stock,
            _ledger.label("ledger"),
        )
        .select_from(products.outerjoin(movements, movements.c.product_id == products.c.id))
        .group_by(products.c.id, products.c.name, products.c.stock)
        .having(products.c.stock != _ledger),
    ),
    Invariant(
        "stock_conservation",
        "Stock is conserved: what the shop received equals what is on the shelf plus what "
        "sits in orders that were not cancelled.",
        select(
            products.c.id.label("product_id"),
            products.c.name,
            _received_total.label("received"),
            products.c.stock,
            _held_total.label("in_orders"),
        )
        .select_from(
            products.outerjoin(_received, _received.c.product_id == products.c.id).outerjoin(
                _held, _held.c.product_id == products.c.id
            )
        )
        .where(and_(_received_total != products.c.stock + _held_total)),
    ),
    Invariant(
        "catalog_changes_audited",
        "Every product staff added has its audit entry, and the newest entry of each audited "
        "product says what it is now.",
        _products_without_their_audit,
    ),
    Invariant(
        "cache_agrees_with_database",
        "What the catalog cache shows of a product (on its page, or on a catalog page still "
        "read) is what the database holds.",
        _cache_disagreements,
        reads=("cache",),
    ),
    Invariant(
        "photos_match_storage",
        "Every stored file is a product's photo, and every photo's file is stored, whole.",
        _images_astray,
        reads=("storage",),
    ),
    Invariant(
        "outbox_drained",
        "Every announcement in the outbox has been published once the relay has run.",
        select(outbox.c.id.label("event_id"), outbox.c.kind, outbox.c.subject_id).where(
            outbox.c.published_at.is_(None)
        ),
    ),
    Invariant(
        "one_confirmation_per_order",
        "An order is confirmed by email at most once.",
        select(notifications.c.order_id, func.count().label("confirmations"))
        .where(notifications.c.kind == "order_paid")
        .group_by(notifications.c.order_id)
        .having(func.count() > 1),
    ),
    Invariant(
        "sales_report_matches_orders",
        "The sales report's units and revenue per product are those of paid orders that "
        "were not refunded.",
        select(
            products.c.id.label("product_id"),
            products.c.name,
            func.coalesce(_paid.c.units, 0).label("units_paid"),
            func.coalesce(_counted.c.units, 0).label("units_reported"),
            func.coalesce(_paid.c.revenue, 0).label("revenue_paid"),
            func.coalesce(_counted.c.revenue, 0).label("revenue_reported"),
        )
        .select_from(
            products.outerjoin(_paid, _paid.c.product_id == products.c.id).outerjoin(
                _counted, _counted.c.product_id == products.c.id
            )
        )
        .where(
            or_(
                func.coalesce(_paid.c.units, 0) != func.coalesce(_counted.c.units, 0),
                func.coalesce(_paid.c.revenue, 0) != func.coalesce(_counted.c.revenue, 0),
            )
        ),
    ),
)
