"""Secrets never reach a report or a log: passwords, tokens, credentials, card numbers.

Masking happens where data is recorded (headers, JSON bodies, factory rows) and again on any
text the harness writes out, which also catches the exact passwords personas were given.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

MASK = "********"
SECRET_HEADERS = {"authorization", "cookie", "set-cookie", "proxy-authorization", "x-api-key"}
# Fields and columns whose values are secrets whatever they hold.
SECRET_FIELDS = re.compile(
    r"password|passwd|passphrase|token|secret|card|cvc|cvv|api[_-]?key|private[_-]?key", re.I
)
# Each pattern's first group, if any, is kept before the mask.
_PATTERNS = [
    (re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+"), "{mask}"),  # JSON Web Tokens
    (re.compile(r"(?i)(bearer |basic )\s*[\w.~+/=-]{8,}"), "{keep}{mask}"),
    # Password hashes: argon2, bcrypt, sha-crypt, md5-crypt, yescrypt, scrypt, passlib pbkdf2
    (re.compile(r"\$argon2(?:id|i|d)\$[^\s'\"]+"), "{mask}"),  # its parameters hold commas
    (re.compile(r"\$(?:2[abxy]?|[156y7]|scrypt|pbkdf2[\w-]*|sha\d+)\$[^\s'\",)]+"), "{mask}"),
    # Werkzeug's pbkdf2:sha256:N$salt$hash and scrypt:N:r:p$salt$hash
    (re.compile(r"\b(?:pbkdf2|scrypt):[\w:]+\$[^\s'\",)$]+\$[0-9a-f]+"), "{mask}"),
    # Django's algorithm$iterations$salt$hash
    (re.compile(r"\b(?:pbkdf2_sha\d+|argon2|bcrypt_sha256|bcrypt|scrypt)\$[^\s'\",)]+"), "{mask}"),
    # Credentials inside any URL (scheme://user:password@host), secret options (?password=)
    (re.compile(r"(://[^/\s:@]*:)[^@\s/]+(?=@)"), "{keep}***"),
    (re.compile(r"(?i)([?&;]\w*(?:pass|secret|token|key)\w*=)[^&\s'\"]+"), "{keep}***"),
]
# 13 to 19 digits, spaced or dashed, not part of a longer number or a decimal fraction.
_CARD = re.compile(r"(?<![\d.])(?:\d[ -]?){12,18}\d(?![\d]|\.\d)")
_known: set[str] = set()
# The known secrets as one pattern, longest first; made again after a new one is remembered
# (a run remembers hundreds, and masks some ten thousand texts).
_known_pattern: list[re.Pattern[str] | None] = [None]


def remember(secret: str) -> str:
    """A value to mask wherever it appears (a persona's password, say)."""
    if secret and len(secret) >= 6 and secret not in _known:
        _known.add(secret)
        _known_pattern[0] = None
    return secret


def mask_text(text: str) -> str:
    if _known:
        pattern = _known_pattern[0]
        if pattern is None:
            ordered = sorted(_known, key=len, reverse=True)
            pattern = _known_pattern[0] = re.compile("|".join(map(re.escape, ordered)))
        text = pattern.sub(MASK, text)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(partial(_replace, replacement), text)
    return _CARD.sub(lambda m: MASK if luhn_valid(m.group(0)) else m.group(0), text)


def _replace(replacement: str, match: re.Match[str]) -> str:
    return replacement.format(keep=match.group(1) if match.lastindex else "", mask=MASK)


def luhn_valid(number: str) -> bool:
    """Card numbers carry a Luhn check digit; an amount or an id almost never passes."""
    digits = [int(d) for d in number if d.isdigit()]
    total = 0
    for i, digit in enumerate(reversed(digits)):
        if i % 2:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return len(digits) >= 13 and total % 10 == 0


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


_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+\S+\s*\(([^)]*)\)\s*VALUES", re.I)
_UPDATE = re.compile(r"^\s*UPDATE\s+\S+\s+SET\s+(.*?)(?:\s+WHERE\s|\s+RETURNING\s|$)", re.I | re.S)


def mask_parameters(sql: str, parameters: Any) -> Any:
    """A statement's parameters with the values of secret-named columns masked: by name for
    named parameters, by position from the INSERT's column list or the UPDATE's SET list."""
    if isinstance(parameters, dict):
        return mask_body(parameters)
    if not isinstance(parameters, list | tuple) or not parameters:
        return parameters
    if isinstance(parameters[0], list | tuple | dict):  # executemany: one set per row
        return type(parameters)(mask_parameters(sql, row) for row in parameters)
    columns: list[str] = []
    if found := _INSERT.match(sql):
        columns = [c.strip().strip('"`[]') for c in found[1].split(",")]
    elif found := _UPDATE.match(sql):
        columns = [a.split("=")[0].strip().strip('"`[]') for a in found[1].split(",")]
    masked = [
        MASK if i < len(columns) and SECRET_FIELDS.search(columns[i]) and value else value
        for i, value in enumerate(parameters)
    ]
    return type(parameters)(masked)
