"""Inventory ledger; the one-cart-per-shopper rule becomes a named unique index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# 0001 left the carts.user_id unique constraint unnamed; SQLite reflects it without a name.
SQLITE_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _drop_unnamed_cart_unique() -> None:
    for constraint in sa.inspect(op.get_bind()).get_unique_constraints("carts"):
        if constraint["column_names"] == ["user_id"]:
            name = constraint["name"] or "uq_carts_user_id"  # SQLite: named by SQLITE_NAMES
            with op.batch_alter_table("carts", naming_convention=SQLITE_NAMES) as batch_op:
                batch_op.drop_constraint(name, type_="unique")


def upgrade() -> None:
    _drop_unnamed_cart_unique()
    op.create_index("uq_carts_user_id", "carts", ["user_id"], unique=True)

    op.create_table(
        "stock_movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("quantity <> 0", name="ck_stock_movements_not_zero"),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"]),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_stock_movements_order_id", "stock_movements", ["order_id"])
    op.create_index("ix_stock_movements_product_id", "stock_movements", ["product_id"])
    # Opening balance: the stock already on the shelves is the ledger's first receipt.
    op.execute(
        "INSERT INTO stock_movements (product_id, kind, quantity, created_at) "
        "SELECT id, 'receipt', stock, CURRENT_TIMESTAMP FROM products WHERE stock > 0"
    )


def downgrade() -> None:
    op.drop_index("ix_stock_movements_product_id", table_name="stock_movements")
    op.drop_index("ix_stock_movements_order_id", table_name="stock_movements")
    op.drop_table("stock_movements")
    op.drop_index("uq_carts_user_id", table_name="carts")
    with op.batch_alter_table("carts") as batch_op:
        batch_op.create_unique_constraint("uq_carts_user_id_constraint", ["user_id"])
