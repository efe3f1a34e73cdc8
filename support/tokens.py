"""Tokens a shopper might hold, minted by the harness: so scenarios can try a missing,
malformed, forged or expired one without waiting an hour or breaking into anything."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt

from shop.security import ALGORITHM
from support.target import SETTINGS

# What a shopper holds -> the 401 code the shop answers with.
REFUSALS = {"missing": "not_authenticated", "invalid": "invalid_token", "expired": "token_expired"}


def mint(user_id: int, kind: str) -> str | None:
    """A token of this kind for the user: valid, expired, forged, malformed, none, ownerless
    (the shop's own signature, for an account it does not have) or outsized (the same, for
    an account number past what the database can hold)."""
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=30)).timestamp()),
    }
    if kind == "none":
        return None
    if kind == "ownerless":  # signed by the shop, for an account it does not have
        claims["sub"] = str(user_id + 1_000_000)
        kind = "valid"
    if kind == "outsized":  # signed by the shop, for an account number no database can hold
        claims["sub"] = str(2**63)
        kind = "valid"
    if kind == "malformed":
        return "this-is-not-a-token"
    if kind == "expired":
        claims["exp"] = int((now - timedelta(minutes=1)).timestamp())
    secret = "someone-elses-signing-key-just-as-long" if kind == "forged" else SETTINGS.secret_key
    if kind not in ("valid", "expired", "forged"):
        raise ValueError(
            f"no token of kind {kind!r}; one of: none, malformed, forged, expired, ownerless,"
            " outsized"
        )
    return jwt.encode(claims, secret, algorithm=ALGORITHM)
