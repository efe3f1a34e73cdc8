"""Payments on orders (idempotency key, charge, failure reason) and a role per user.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column("role", sa.String(length=20), nullable=False, server_default="shopper")
        )
    with op.batch_alter_table("orders") as batch_op:
        batch_op.add_column(sa.Column("payment_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("charge_id", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("failure_reason", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch_op:
        batch_op.drop_column("failure_reason")
        batch_op.drop_column("charge_id")
        batch_op.drop_column("payment_key")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("role")
