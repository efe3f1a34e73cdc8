"""Secrets never reach a report or a log: passwords, tokens, credentials, card numbers.

Masking happens where data is recorded (headers, JSON bodies, factory rows) and again on any
text the harness writes out, which also catches the exact passwords personas were given.
"""

from __future__ import annotations

import re
from typing import Any

MASK = "********"
SECRET_HEADERS = {"authorization", "cookie", "set-cookie", "proxy-authorization", "x-api-key"}
SECRET_FIELDS = re.compile(r"password|passwd|token|secret|card|cvc|cvv|api[_-]?key", re.I)
_PATTERNS = [
    re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+"),  # JSON Web Tokens
    re.compile(r"(?i)(bearer|basic)\s+[\w.~+/=-]{8,}"),
    re.compile(r"\b(?:\d[ -]?){12,18}\d\b"),  # card numbers
    re.compile(r"\$argon2\w*\$[^\s'\"]+"),  # password hashes
]
_known: set[str] = set()


def remember(secret: str) -> str:
    """A value to mask wherever it appears (a persona's password, say)."""
    if secret and len(secret) >= 6:
        _known.add(secret)
    return secret


def mask_text(text: str) -> str:
    for secret in sorted(_known, key=len, reverse=True):
        text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: f"{m.group(1)} {MASK}" if m.lastindex else MASK, text)
    return text


def mask_headers(headers: Any) -> dict[str, str]:
    return {
        k: (MASK if k.lower() in SECRET_HEADERS else mask_text(str(v))) for k, v in headers.items()
    }


def mask_body(body: Any) -> Any:
    if isinstance(body, dict):
        return {
            k: (MASK if SECRET_FIELDS.search(str(k)) and v not in (None, "") else mask_body(v))
            for k, v in body.items()
        }
    if isinstance(body, list):
        return [mask_body(v) for v in body]
    if isinstance(body, str):
        return mask_text(body)
    return body
