"""The shop's settings, read from ``SHOP_*`` environment variables.

A harness builds its own ``ShopSettings`` (cheap password hashing, a fixed secret) and passes
it to ``create_app``; nothing here is read at import time.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field


class SettingsError(ValueError):
    """A SHOP_* variable holds a value the shop cannot use."""


def _int(env: dict[str, str], name: str, default: int, minimum: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise SettingsError(f"{name}={value} is below the minimum {minimum}")
    return value


def _float(env: dict[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number of seconds") from None
    if value <= 0:
        raise SettingsError(f"{name}={value} must be above zero")
    return value


def _smtp(url: str) -> str:
    if not url.startswith("smtp://"):
        raise SettingsError(f"SHOP_SMTP_URL={url!r} is not an smtp://host:port URL")
    return url


def _cache(url: str) -> str:
    if url not in ("", "memory://") and not url.startswith(("redis://", "rediss://")):
        raise SettingsError(f"SHOP_CACHE_URL={url!r} is neither memory:// nor a redis:// URL")
    return url


@dataclass(frozen=True)
class ShopSettings:
    database_url: str = "sqlite:///shop.sqlite3"
    # HS256 signing key for bearer tokens; a random one per process if not configured.
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    token_ttl_seconds: int = 3600
    # Argon2id cost. The defaults are argon2-cffi's (RFC 9106 low-memory profile);
    # tests use time_cost=1, memory_kib=32 (8 KiB x 4 lanes, Argon2's least), so that
    # registering a shopper costs microseconds.
    password_time_cost: int = 3
    password_memory_kib: int = 65536
    currency: str = "EUR"
    page_size_max: int = 100
    # Larger request bodies are refused with 413 before they are read.
    max_body_bytes: int = 64 * 1024
    # Failed sign-ins: after this many in the window, for one account or from one client,
    # further attempts are refused with 429 until the oldest failure leaves the window.
    login_failures_per_account: int = 5
    login_failures_per_client: int = 20
    login_window_seconds: int = 300
    # The payment gateway: where it is, how long one attempt may take, how often to retry a
    # timeout or a 5xx (with the same idempotency key, so a retry never charges twice).
    payment_gateway_url: str = "http://127.0.0.1:8100"
    payment_timeout_seconds: float = 5.0
    payment_retries: int = 2
    # The message broker the events worker relays the outbox to (kombu URL: memory://,
    # amqp://...); empty: no worker runs and events wait in the outbox.
    broker_url: str = ""
    # Put before every exchange and queue name, so several shops can share one broker.
    events_prefix: str = ""
    # Where the notifications consumer sends its emails.
    smtp_url: str = "smtp://127.0.0.1:25"
    # The catalog cache: empty (or memory://) in the process; redis://host:port/db a Redis,
    # with every key under cache_prefix.
    cache_url: str = ""
    cache_prefix: str = "shop:"
    # The folder product images are kept in (made if missing).
    storage_dir: str = "shop-storage"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> ShopSettings:
        env = dict(os.environ if env is None else env)
        defaults = cls()
        currency = env.get("SHOP_CURRENCY", defaults.currency).upper()
        if len(currency) != 3 or not currency.isalpha():
            raise SettingsError(f"SHOP_CURRENCY={currency!r} is not a three-letter ISO code")
        return cls(
            database_url=env.get("SHOP_DATABASE_URL") or defaults.database_url,
            secret_key=env.get("SHOP_SECRET_KEY") or defaults.secret_key,
            token_ttl_seconds=_int(env, "SHOP_TOKEN_TTL_SECONDS", defaults.token_ttl_seconds, 1),
            password_time_cost=_int(env, "SHOP_PASSWORD_TIME_COST", defaults.password_time_cost, 1),
            password_memory_kib=_int(
                env, "SHOP_PASSWORD_MEMORY_KIB", defaults.password_memory_kib, 32
            ),
            currency=currency,
            payment_gateway_url=env.get("SHOP_PAYMENT_GATEWAY_URL") or defaults.payment_gateway_url,
            payment_timeout_seconds=_float(
                env, "SHOP_PAYMENT_TIMEOUT_SECONDS", defaults.payment_timeout_seconds
            ),
            payment_retries=_int(env, "SHOP_PAYMENT_RETRIES", defaults.payment_retries, 0),
            broker_url=env.get("SHOP_BROKER_URL", defaults.broker_url),
            events_prefix=env.get("SHOP_EVENTS_PREFIX", defaults.events_prefix),
            smtp_url=_smtp(env.get("SHOP_SMTP_URL") or defaults.smtp_url),
            cache_url=_cache(env.get("SHOP_CACHE_URL", defaults.cache_url)),
            cache_prefix=env.get("SHOP_CACHE_PREFIX", defaults.cache_prefix),
            storage_dir=env.get("SHOP_STORAGE_DIR") or defaults.storage_dir,
        )
