"""The audit log: every staff action, recorded with the action in one transaction (who, what,
to which product or order, before and after, when), and readable by staff only.

A shopper cannot read any of it: the log names staff accounts and shows what they changed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from shop.deps import DB, CurrentUser
from shop.errors import Forbidden, refusals
from shop.inputs import MAX_INT
from shop.models import AuditEntry, Order, Product, User

router = APIRouter(prefix="/admin/audit", tags=["audit"])

LATEST = 100  # entries in one answer, newest first


def product_state(product: Product) -> dict[str, Any]:
    """What the audit keeps of a product: what staff can change."""
    return {
        "name": product.name,
        "description": product.description,
        "price_cents": product.price_cents,
        "stock": product.stock,
        "on_sale": product.published,
    }


def record(
    db: Session,
    user: User,
    action: str,
    subject: Product | Order,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Adds the entry to the action's transaction (the caller commits both, or neither)."""
    db.flush()  # a new product's id
    db.add(
        AuditEntry(
            actor_id=user.id,
            action=action,
            subject_kind="product" if isinstance(subject, Product) else "order",
            subject_id=subject.id,
            before=before,
            after=after,
        )
    )


class AuditEntryOut(BaseModel):
    id: int
    at: datetime
    actor_email: str
    action: str
    subject_kind: str
    subject_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@router.get("", response_model=list[AuditEntryOut], responses=refusals(401, 403, 422))
def audit_log(
    db: DB,
    user: CurrentUser,
    subject_kind: Literal["product", "order"] | None = None,
    subject_id: Annotated[int | None, Query(ge=1, le=MAX_INT)] = None,
) -> list[AuditEntryOut]:
    if user.role != "staff":
        raise Forbidden("forbidden", "Only staff may read the audit log.")
    query = select(AuditEntry).options(joinedload(AuditEntry.actor))
    if subject_kind is not None:
        query = query.where(AuditEntry.subject_kind == subject_kind)
    if subject_id is not None:
        query = query.where(AuditEntry.subject_id == subject_id)
    entries = db.scalars(query.order_by(AuditEntry.id.desc()).limit(LATEST))
    return [
        AuditEntryOut(
            id=e.id, at=e.at, actor_email=e.actor.email, action=e.action,
            subject_kind=e.subject_kind, subject_id=e.subject_id, before=e.before, after=e.after,
        )
        for e in entries
    ]  # fmt: skip
