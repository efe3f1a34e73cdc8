"""Failed sign-ins are limited per account and per client, in a sliding window.

The failures live in the database, so every instance of the shop sees the same count. A
locked account is refused before its password is checked: the limit cannot be used to guess.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from shop.errors import ShopError
from shop.models import LoginFailure
from shop.settings import ShopSettings


class TooManyAttempts(ShopError):
    status_code = 429


def check(db: Session, settings: ShopSettings, email: str, client: str) -> None:
    now = datetime.now(UTC)
    since = now - timedelta(seconds=settings.login_window_seconds)
    for column, value, limit in (
        (LoginFailure.email, email, settings.login_failures_per_account),
        (LoginFailure.client, client, settings.login_failures_per_client),
    ):
        count, oldest = db.execute(
            select(func.count(), func.min(LoginFailure.failed_at)).where(
                column == value, LoginFailure.failed_at > since
            )
        ).one()
        if count >= limit:
            oldest = oldest if oldest.tzinfo else oldest.replace(tzinfo=UTC)
            wait = oldest + timedelta(seconds=settings.login_window_seconds) - now
            seconds = max(1, math.ceil(wait.total_seconds()))
            raise TooManyAttempts(
                "too_many_attempts",
                f"Too many failed sign-ins; try again in {seconds} seconds.",
                details={"retry_after_seconds": seconds},
                headers={"Retry-After": str(seconds)},
            )


def record_failure(db: Session, settings: ShopSettings, email: str, client: str) -> None:
    now = datetime.now(UTC)
    db.execute(
        delete(LoginFailure).where(
            LoginFailure.failed_at < now - timedelta(seconds=settings.login_window_seconds)
        )
    )
    db.add(LoginFailure(email=email, client=client, failed_at=now))
    db.commit()


def clear(db: Session, email: str) -> None:
    db.execute(delete(LoginFailure).where(LoginFailure.email == email))
    db.commit()
