"""Password hashing (Argon2id) and bearer tokens (signed JWT with an expiry)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from shop.errors import Unauthorized
from shop.inputs import MAX_INT
from shop.settings import ShopSettings

ALGORITHM = "HS256"


class Passwords:
    def __init__(self, settings: ShopSettings) -> None:
        self._hasher = PasswordHasher(
            time_cost=settings.password_time_cost, memory_cost=settings.password_memory_kib
        )
        # Verified against when the email is unknown, so both paths cost the same.
        self._decoy = self._hasher.hash("decoy-password-for-unknown-accounts")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash or self._decoy, password) and bool(
                password_hash
            )
        except (VerificationError, InvalidHashError):
            return False


@dataclass(frozen=True)
class Token:
    access_token: str
    expires_at: datetime


def issue_token(user_id: int, settings: ShopSettings, now: datetime | None = None) -> Token:
    now = now or datetime.now(UTC)
    expires_at = now + timedelta(seconds=settings.token_ttl_seconds)
    claims = {"sub": str(user_id), "iat": int(now.timestamp()), "exp": int(expires_at.timestamp())}
    return Token(jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM), expires_at)


def user_id_from_token(token: str, settings: ShopSettings) -> int:
    try:
        claims = jwt.decode(
            token, settings.secret_key, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]}
        )
        user_id = int(claims["sub"])
    except jwt.ExpiredSignatureError:
        raise Unauthorized("token_expired", "The access token has expired; log in again.") from None
    except (jwt.InvalidTokenError, ValueError):
        raise Unauthorized("invalid_token", "The access token is not valid.") from None
    if not 1 <= user_id <= MAX_INT:  # no account has such an id; the database would choke
        raise Unauthorized("invalid_token", "The access token is not valid.")
    return user_id
