"""The catalog cache: product pages and catalog pages, kept in Redis (``SHOP_CACHE_URL``) or
in the process (the default), so browsing does not read the database every time.

A change forgets what it touches once it is committed: the product's page, and every catalog
page (their keys carry a generation number that a change moves on, so old pages are never
read again and expire). A cache that fails is never the shop's failure: every error is a
miss, the answer comes from the database, and ``/health`` says the cache is unavailable.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable
from typing import Any

log = logging.getLogger(__name__)

EXPIRES = 300  # seconds: what a change did not reach (a generation left behind) goes by then


class InProcess:
    """The default: a dict, for one process (what redis-py's client offers, in part)."""

    def __init__(self) -> None:
        self._data: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        return self._data.get(key)

    def set(self, key: str, value: str, ex: int | None = None) -> bool:
        with self._lock:
            self._data[key] = value
        return True

    def delete(self, *keys: str) -> int:
        with self._lock:
            return sum(self._data.pop(key, None) is not None for key in keys)

    def incr(self, key: str) -> int:
        with self._lock:
            self._data[key] = str(int(self._data.get(key, "0")) + 1)
            return int(self._data[key])

    def ping(self) -> bool:
        return True


class Prefixed:
    """A Redis client whose keys all start with the shop's prefix (shops may share a Redis)."""

    def __init__(self, url: str, prefix: str) -> None:
        import redis  # only a shop configured for Redis needs it

        self.redis = redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5, decode_responses=True
        )
        self.prefix = prefix

    def get(self, key: str) -> str | None:
        value = self.redis.get(self.prefix + key)
        return None if value is None else str(value)

    def set(self, key: str, value: str, ex: int | None = None) -> bool:
        return bool(self.redis.set(self.prefix + key, value, ex=ex))

    def delete(self, *keys: str) -> int:
        return int(self.redis.delete(*(self.prefix + k for k in keys))) if keys else 0

    def incr(self, key: str) -> int:
        return int(self.redis.incr(self.prefix + key))

    def ping(self) -> bool:
        return bool(self.redis.ping())


def connect(url: str, prefix: str) -> Any:
    """The client for ``SHOP_CACHE_URL``: empty or memory:// in the process, redis://... Redis."""
    return InProcess() if url in ("", "memory://") else Prefixed(url, prefix)


class CatalogCache:
    def __init__(self, client: Any) -> None:
        self.client = client
        self.available = True  # False since the last failure, until a call works again

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            result = getattr(self.client, method)(*args, **kwargs)
        except Exception as exc:  # any failure of a cache is a miss, never the shop's error
            if self.available:
                log.warning("catalog cache unavailable (%s): answering from the database", exc)
            self.available = False
            return None
        self.available = True
        return result

    def product(self, product_id: int) -> dict[str, Any] | None:
        raw = self._call("get", f"product:{product_id}")
        return None if raw is None else dict(json.loads(raw))

    def keep_product(self, product_id: int, answer: dict[str, Any]) -> None:
        self._call("set", f"product:{product_id}", json.dumps(answer), ex=EXPIRES)

    def page(self, query: str) -> dict[str, Any] | None:
        raw = self._call("get", self._page_key(query))
        return None if raw is None else dict(json.loads(raw))

    def keep_page(self, query: str, answer: dict[str, Any]) -> None:
        self._call("set", self._page_key(query), json.dumps(answer), ex=EXPIRES)

    def forget(self, product_ids: Iterable[int]) -> bool:
        """These products' pages, and every catalog page; whether the cache did it."""
        keys = [f"product:{product_id}" for product_id in product_ids]
        pages_forgotten = self._call("incr", "pages:generation") is not None
        return (not keys or self._call("delete", *keys) is not None) and pages_forgotten

    def check(self) -> bool:
        """Whether the cache answers now (for /health)."""
        return bool(self._call("ping"))

    def _page_key(self, query: str) -> str:
        generation = self._call("get", "pages:generation") or "0"
        return f"page:{generation}:{query}"
