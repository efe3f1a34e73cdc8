"""Passwords stored as salted PBKDF2 hashes, and bearer tokens both services can check:
``<user id>.<HMAC of it>`` under the system's shared secret."""

from __future__ import annotations

import hashlib
import hmac
import secrets

ROUNDS = 1_000  # an example's cost: enough to never store a password in clear


def hash_password(password: str) -> str:
    salt = secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), ROUNDS).hex()
    return f"pbkdf2${salt}${digest}"


def password_matches(password: str, stored: str) -> bool:
    _scheme, salt, digest = stored.split("$")
    given = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), ROUNDS).hex()
    return hmac.compare_digest(given, digest)


def token_for(user_id: int, secret: str) -> str:
    signature = hmac.new(secret.encode(), str(user_id).encode(), hashlib.sha256).hexdigest()
    return f"{user_id}.{signature}"


def user_of(token: str, secret: str) -> int | None:
    """The user a token was made for, or None when it was not made with this secret."""
    user_id, _, _signature = token.partition(".")
    if not user_id.isdigit() or not hmac.compare_digest(token, token_for(int(user_id), secret)):
        return None
    return int(user_id)
