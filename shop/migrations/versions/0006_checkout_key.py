"""A checkout's idempotency key: the same checkout sent twice makes one order.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("orders", sa.Column("checkout_key", sa.String(length=64), nullable=True))
    # Unique per shopper; orders without a key (NULL) never collide, on either backend.
    op.create_index(
        "uq_orders_user_checkout_key", "orders", ["user_id", "checkout_key"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_orders_user_checkout_key", table_name="orders")
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("checkout_key")
