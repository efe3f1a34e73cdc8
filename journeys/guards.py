"""The harness's own safety guards: our users' production data is at stake.

Scenarios write data, and the ``delete`` and ``recreate`` strategies empty every table. So
journeys refuses a database that does not look like a test one, and a server address off
this machine, unless the settings name that exact database or host as allowed.
"""

from __future__ import annotations

import ipaddress
import re
from pathlib import PurePath
from urllib.parse import unquote

from sqlalchemy.engine import make_url

from journeys.settings import Settings, SettingsError, mask_url

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def check_database(settings: Settings) -> None:
    url = settings.database_url
    if not url or url == settings.allow_database:
        return
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        return
    markers = [m.strip().lower() for m in settings.database_markers.split(",") if m.strip()]
    if looks_like_test(url, markers):
        return
    raise SettingsError(
        f"refusing to run against {mask_url(url)}: it does not look like a test database "
        f"(its name, {database_name(url)!r}, has none of these words: {', '.join(markers)}; "
        "only the database name counts, not the host, user or options). Scenarios write to "
        "it, and the "
        "delete and recreate strategies empty every table. Point JOURNEYS_DATABASE_URL at a "
        "test database, or, if you are sure, allow this one by name: "
        "JOURNEYS_ALLOW_DATABASE=<the same URL> (or -D allow_database=...)."
    )


def database_name(url: str) -> str:
    """The database's own name: the path's last part for a file database, URL-decoded."""
    parsed = make_url(url)
    name = unquote(parsed.database or "")
    if parsed.get_backend_name() == "sqlite":
        name = PurePath(name).name
    return name


def looks_like_test(url: str, markers: list[str]) -> bool:
    """A marker is a whole word of the database name: shop_test, test-2, ci_orders, dev.db;
    not contest, latest, cinema, nor a host, user, password or option that says 'test'."""
    words = set(re.split(r"[^a-z]+", database_name(url).lower()))
    return any(marker in words for marker in markers)


def check_host(settings: Settings, host: str, setting: str = "host") -> None:
    """The service is served, or reached, on this machine only, unless allowed by name."""
    allowed = {h.strip() for h in settings.allow_hosts.split(",") if h.strip()}
    if is_loopback(host) or host in allowed:
        return
    doing = "serve the target on" if setting == "host" else "test the service at"
    why = (
        "the service under test would be reachable from other machines"
        if setting == "host"
        else "scenarios write to it, and it may be a shared or production service"
    )
    raise SettingsError(
        f"refusing to {doing} {host!r} ({setting}): it is not a loopback address, so {why}. "
        "Use 127.0.0.1, or allow it by name: "
        f"JOURNEYS_ALLOW_HOSTS={host} (or -D allow_hosts=...)."
    )


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
