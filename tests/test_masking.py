"""Secrets are masked where they are secrets, and nothing else is."""

from __future__ import annotations

import pytest
from werkzeug.security import generate_password_hash

from journeys.secrets import MASK, luhn_valid, mask_body, mask_text


@pytest.mark.parametrize(
    "text",
    [
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "5555555555554444",
        "$argon2id$v=19$m=32,t=1,p=4$c2FsdGFsdA$aGFzaGhhc2g",
        "$2b$12$KIXQJq1e0c7u6U0lR3uC8eQ5c5Y0d3a8m2aZy4Q9o5b6C7d8E9f0G",
        "$6$rounds=5000$saltsalt$hashhashhashhash",
        "$5$saltsalt$hashhashhashhash",
        "$pbkdf2-sha256$29000$salt$hash",
        "pbkdf2_sha256$600000$salt$hash=",
        "$scrypt$ln=16,r=8,p=1$salt$hash",
        # salted: a fresh hash each time, so named (xdist's workers must collect alike)
        pytest.param(generate_password_hash("pw", "pbkdf2:sha256:1000"), id="werkzeug-pbkdf2"),
        pytest.param(generate_password_hash("pw", method="scrypt"), id="werkzeug-scrypt"),
    ],
)
def test_card_numbers_and_password_hashes_are_masked(text: str) -> None:
    masked = mask_text(f"('{text}', 3)")
    assert text not in masked and MASK in masked


@pytest.mark.parametrize(
    "text",
    ["29.9700000000003", "0.30000000000000004", "order 1234567890123", "4111111111111112"],
)
def test_money_ids_and_numbers_failing_luhn_are_left_alone(text: str) -> None:
    assert mask_text(text) == text


def test_luhn() -> None:
    assert luhn_valid("4111 1111 1111 1111") and not luhn_valid("4111 1111 1111 1112")


@pytest.mark.parametrize(
    "key", ["password", "password_hash", "api_secret", "refresh_token", "apiKey"]
)
def test_fields_named_like_secrets_are_masked_whatever_they_hold(key: str) -> None:
    assert mask_body({key: "plain", "name": "Paula"}) == {key: MASK, "name": "Paula"}


@pytest.mark.parametrize(
    ("sql", "parameters", "masked"),
    [
        (
            "INSERT INTO users (email, full_name, password_hash) VALUES (?, ?, ?)",
            ("a@example.com", "Ann", "not-a-known-hash-format"),
            ("a@example.com", "Ann", MASK),
        ),
        (
            "UPDATE users SET password_hash=?, full_name=? WHERE users.id = ?",
            ("whatever-it-is", "Ann", 3),
            (MASK, "Ann", 3),
        ),
        (
            "INSERT INTO users (email, password_hash) VALUES (%(email)s, %(password_hash)s)",
            {"email": "a@example.com", "password_hash": "x"},
            {"email": "a@example.com", "password_hash": MASK},
        ),
        (
            "INSERT INTO api_clients (name, api_key) VALUES (?, ?)",
            [("one", "k1"), ("two", "k2")],
            [("one", MASK), ("two", MASK)],
        ),
        ("SELECT * FROM users WHERE email = ?", ("a@example.com",), ("a@example.com",)),
    ],
    ids=["insert", "update", "named", "executemany", "select"],
)
def test_sql_parameters_of_secret_columns_are_masked(sql, parameters, masked) -> None:
    from journeys.secrets import mask_parameters

    assert mask_parameters(sql, parameters) == masked
