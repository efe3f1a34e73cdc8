"""Stock changes, each written to the ledger with the change itself."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from shop.models import Order, Product, StockMovement

RECEIPT = "receipt"
ADJUSTMENT = "adjustment"
SALE = "sale"
CANCELLATION = "cancellation"


def receive(product: Product, quantity: int) -> StockMovement | None:
    """Goods arrive: stock goes up, and the ledger says why."""
    if quantity < 0:
        raise ValueError(f"cannot receive {quantity} of {product.name!r}; use count()")
    if quantity == 0:
        return None
    product.stock = (product.stock or 0) + quantity
    movement = StockMovement(kind=RECEIPT, quantity=quantity)
    product.movements.append(movement)
    return movement


def count(product: Product, on_shelf: int) -> StockMovement | None:
    """A stock count found ``on_shelf``: the difference is booked as an adjustment."""
    if on_shelf < 0:
        raise ValueError(f"a stock count cannot find {on_shelf} of {product.name!r}")
    delta = on_shelf - (product.stock or 0)
    if delta == 0:
        return None
    product.stock = on_shelf
    movement = StockMovement(kind=ADJUSTMENT, quantity=delta)
    product.movements.append(movement)
    return movement


def take_for_order(db: Session, order: Order, product_id: int, quantity: int) -> bool:
    """Checkout: take stock only if enough is left, and book the sale. False if short.

    The WHERE in the update makes it safe when two shoppers buy the last one at once.
    """
    result = db.execute(
        update(Product)
        .where(Product.id == product_id, Product.stock >= quantity)
        .values(stock=Product.stock - quantity)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    db.add(StockMovement(product_id=product_id, kind=SALE, quantity=-quantity, order=order))
    return True


def sell(product: Product, quantity: int, order: Order) -> StockMovement:
    """Book a sale on loaded objects, for data set up outside a checkout."""
    product.stock -= quantity
    movement = StockMovement(kind=SALE, quantity=-quantity, order=order)
    product.movements.append(movement)
    return movement


def put_back(db: Session, order: Order) -> list[StockMovement]:
    """An order that will not ship returns its stock to the shelf, booked in the ledger."""
    movements = []
    for line in order.lines:
        db.execute(
            update(Product)
            .where(Product.id == line.product_id)
            .values(stock=Product.stock + line.quantity)
            .execution_options(synchronize_session=False)
        )
        movement = StockMovement(
            product_id=line.product_id, kind=CANCELLATION, quantity=line.quantity, order=order
        )
        db.add(movement)
        movements.append(movement)
    return movements
