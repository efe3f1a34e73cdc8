"""The cache journeys holds for a target: keys of the run's own, emptied before each scenario
and after the factories write, deleted at the end, and down when a scenario says so. On
memory:// always; on Redis too when JOURNEYS_CACHE_URL names it (``.ci/run`` does)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from journeys.keystore import KeyStore, StoreDown
from tests.conftest import REPO

REDIS = os.environ.get("JOURNEYS_CACHE_URL", "")
URLS = ["memory://", *([REDIS] if REDIS.startswith("redis") else [])]


@pytest.fixture(params=URLS)
def store(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    made = KeyStore(request.param).start()
    yield made
    made.stop()


def test_the_service_sees_plain_keys_and_the_store_holds_them_under_the_runs_prefix(
    store: KeyStore,
) -> None:
    store.client.set("product:1", '{"name": "Blue Mug"}')
    assert store.client.get("product:1") == '{"name": "Blue Mug"}'
    assert store.client.incr("pages:generation") == 1
    assert sorted(store.client.scan_iter("*")) == ["pages:generation", "product:1"]
    raw = sorted(k.decode() if isinstance(k, bytes) else k for k in store.raw.scan_iter(match="*"))
    assert [k for k in raw if k.startswith(store.prefix)] == [
        f"{store.prefix}pages:generation",
        f"{store.prefix}product:1",
    ]
    assert store.contents() == {"pages:generation": "1", "product:1": '{"name": "Blue Mug"}'}


def test_reset_empties_the_runs_keys_and_only_those(store: KeyStore) -> None:
    other = KeyStore(store.url).start()  # another run on the same store
    try:
        store.client.set("product:1", "a")
        other.client.set("product:1", "b")
        store.reset()
        assert store.contents() == {}
        assert other.contents() == {"product:1": "b"}
    finally:
        other.stop()


def test_a_store_that_is_down_fails_every_call_until_the_next_scenario(store: KeyStore) -> None:
    store.client.set("product:1", "a")
    store.go_down()
    with pytest.raises(StoreDown, match="is down"):
        store.client.get("product:1")
    with pytest.raises(StoreDown):
        store.client.set("product:2", "b")
    store.reset()
    assert store.client.get("product:1") is None  # up again, and empty
    store.client.set("product:2", "b")
    assert store.contents() == {"product:2": "b"}


def test_a_read_asked_for_runs_once_right_after_the_next_delete(store: KeyStore) -> None:
    """The seam for a reader landing between a change's first forget and its commit: the
    read runs after the delete (so what it caches stays), once, and not after a reset."""
    seen: list[str | None] = []

    def read() -> None:
        seen.append(store.client.get("product:1"))
        store.client.set("product:1", "as it was")

    store.client.set("product:1", "old")
    store.after_next_delete(read)
    store.client.set("product:2", "x")  # a set is no delete: nothing runs yet
    assert seen == []
    assert store.client.delete("product:1") == 1
    assert seen == [None]  # it ran after the delete
    assert store.client.get("product:1") == "as it was"  # and what it cached stays
    store.client.delete("product:1")
    assert seen == [None]  # once only
    store.after_next_delete(read)
    store.reset()
    store.client.delete("product:1")
    assert seen == [None]  # a reset forgets it


def test_a_run_leaves_no_key_in_the_cache() -> None:
    url = URLS[-1]
    run = subprocess.run(
        [sys.executable, "-m", "behave", "-f", "null", "features/catalog/catalog_cache.feature"],
        cwd=REPO, capture_output=True, text=True, timeout=180,
        env={**os.environ, "JOURNEYS_CACHE_URL": url},
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    said = re.search(r"with keys (journeys:\d+-[0-9a-f]{8}:)\*, deleted after the run", run.stderr)
    assert said, run.stderr
    if url.startswith("memory://"):
        return  # memory:// ends with the process; the prefix was printed
    import redis

    left = list(redis.Redis.from_url(url).scan_iter(match=said.group(1) + "*"))
    assert left == [], f"{len(left)} keys of the run are still in Redis"


def test_a_cache_that_cannot_be_reached_stops_the_run_saying_how_to_fix_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from journeys.exceptions import HarnessError
    from journeys.harness import Harness
    from journeys.settings import Settings

    url = "redis://:secret@127.0.0.1:1/15"  # nothing listens on port 1
    with pytest.raises(HarnessError) as raised:
        Harness(Settings(cache_url=url, cache=str(tmp_path))).start()
    message = str(raised.value)
    assert "the cache at redis://:***@127.0.0.1:1/15 cannot be used" in message
    assert "leave cache_url unset for memory://" in message


def test_a_cache_that_is_not_on_this_machine_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from journeys.exceptions import SettingsError
    from journeys.harness import Harness
    from journeys.settings import Settings

    url = "redis://cache.prod.example.com:6379/0"
    with pytest.raises(SettingsError, match=r"'cache\.prod\.example\.com' \(cache_url\)"):
        Harness(Settings(cache_url=url, cache=str(tmp_path))).start()
