"""A key-value store (a cache) as the harness holds it for a target: keys of its own for each
run, emptied before every scenario and whenever the factories write behind the service's
back, deleted after the run, and able to go down when a scenario asks.

``memory://`` (the default) is a dict in this process; ``redis://host:port/db`` is a real
Redis (extra ``cache``: redis-py), every key of the run under ``journeys:<run>:``. The service
gets the store's client as its cache (``Wiring.cache``): a small part of redis-py's interface
(``get``, ``set``, ``delete``, ``incr``, ``scan_iter``, ``ping``) with the run's prefix put
before every key, so a service written for redis-py uses either without knowing.
"""

from __future__ import annotations

import fnmatch
import threading
from collections.abc import Callable, Iterator
from typing import Any

from journeys.exceptions import MissingExtra
from journeys.run_ledger import own_token

__all__ = ["KeyStore", "StoreDown"]


class StoreDown(ConnectionError):
    """What every call raises while a scenario has the store down."""


class _Memory:
    """The part of redis-py's client a cache uses, on a dict; strings in, strings out."""

    def __init__(self) -> None:
        self._data: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        return self._data.get(key)

    def set(self, key: str, value: Any, ex: int | None = None) -> bool:
        with self._lock:
            self._data[key] = str(value)
        return True

    def delete(self, *keys: str) -> int:
        with self._lock:
            return sum(self._data.pop(key, None) is not None for key in keys)

    def incr(self, key: str) -> int:
        with self._lock:
            value = int(self._data.get(key, "0")) + 1
            self._data[key] = str(value)
            return value

    def scan_iter(self, match: str = "*") -> Iterator[str]:
        with self._lock:
            found = [key for key in self._data if fnmatch.fnmatchcase(key, match)]
        yield from found

    def ping(self) -> bool:
        return True

    def close(self) -> None:
        pass


class _Client:
    """What the service holds: the run's prefix before every key, and down when told."""

    def __init__(self, store: KeyStore) -> None:
        self._store = store

    def _raw(self) -> Any:
        if self._store.is_down:
            raise StoreDown(f"the cache at {self._store.url} is down (a scenario said so)")
        return self._store.raw

    def get(self, key: str) -> str | None:
        value = self._raw().get(self._store.prefix + key)
        return value.decode() if isinstance(value, bytes) else value

    def set(self, key: str, value: Any, ex: int | None = None) -> bool:
        return bool(self._raw().set(self._store.prefix + key, value, ex=ex))

    def delete(self, *keys: str) -> int:
        deleted = int(self._raw().delete(*(self._store.prefix + k for k in keys))) if keys else 0
        self._store.deleted()
        return deleted

    def incr(self, key: str) -> int:
        return int(self._raw().incr(self._store.prefix + key))

    def scan_iter(self, match: str = "*") -> Iterator[str]:
        cut = len(self._store.prefix)
        for key in self._raw().scan_iter(match=self._store.prefix + match):
            yield (key.decode() if isinstance(key, bytes) else key)[cut:]

    def ping(self) -> bool:
        return bool(self._raw().ping())


class KeyStore:
    def __init__(self, url: str = "memory://", prefix: str = "") -> None:
        self.url = url
        self.prefix = prefix or f"journeys:{own_token()}:"
        self.is_down = False
        self._after_delete: Callable[[], Any] | None = None
        self._probe_lock = threading.Lock()
        if url.startswith("memory://"):
            self.raw: Any = _Memory()
        else:
            try:
                import redis
            except ImportError:  # an optional part: only targets with a Redis cache need it
                raise MissingExtra("A Redis cache", "redis", "cache") from None
            self.raw = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.client = _Client(self)

    def start(self) -> KeyStore:
        """Reached now, so a store that is down is said at the start, not in a scenario."""
        self.raw.ping()
        return self

    def contents(self) -> dict[str, str]:
        """The run's keys (without the prefix) and their values."""
        keys = list(self.client.scan_iter("*")) if not self.is_down else []
        return {key: value for key in keys if (value := self.client.get(key)) is not None}

    def flush(self) -> int:
        """Forgets every key of the run (the service's cache is empty again); how many."""
        keys = list(self.raw.scan_iter(match=self.prefix + "*"))
        if keys:
            self.raw.delete(*keys)
        return len(keys)

    def after_next_delete(self, read: Callable[[], Any]) -> None:
        """The next time the service deletes keys, ``read`` runs once, in the service's
        thread, right after the delete: a reader that lands between a change's first
        forget and its commit (it fills the cache with what the change is replacing)."""
        self._after_delete = read

    def deleted(self) -> None:
        """Called by the service's client after each delete: runs the read asked for, once."""
        with self._probe_lock:
            read, self._after_delete = self._after_delete, None
        if read is not None:
            read()

    def go_down(self) -> None:
        """From now until the next scenario, every call the service makes fails."""
        self.is_down = True

    def come_back(self) -> None:
        """The service's calls work again (what the store held is still there)."""
        self.is_down = False

    def reset(self) -> None:
        """Before a scenario: up, empty, and no read waiting for a delete."""
        self.is_down = False
        self._after_delete = None
        self.flush()

    def stop(self) -> None:
        """After the run: nothing of it is left on the store."""
        self.is_down = False
        self.flush()
        self.raw.close()


def delete_prefixed(url: str, prefix: str) -> int:
    """Deletes every key under a prefix (a stopped run's), returns how many there were."""
    store = KeyStore(url, prefix)
    try:
        return store.flush()
    finally:
        store.raw.close()
