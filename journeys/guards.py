"""The harness's own safety guards: our users' production data is at stake.

Scenarios write data, and the ``delete`` and ``recreate`` strategies empty every table. So
journeys judges where a database URL really leads (journeys/destination.py: the database and
hosts the driver will use, whatever the query or a SQLite URI says) and refuses:

- a database whose name holds a production word (prod, production, live, main...), whatever
  else it holds, or none of the test words (test, dev, ci), unless ``allow_database`` is
  that exact URL;
- a host that is not this machine (loopback or a unix socket), unless ``allowed_hosts``
  names it;
- an option that sends the driver somewhere the URL does not show (``service=``, an option
  file).

Names are compared as words, after Unicode NFKC and case folding, and a production word
written with look-alike letters (a Cyrillic o for a Latin one) is still one. Everything is a
pure function of the URL: nothing is connected to, and no name is looked up.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from collections.abc import Iterable

from journeys.destination import Destination, Part, resolve
from journeys.settings import Settings, SettingsError, mask_url

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}

# Letters of other scripts that look like Latin ones: a production word written with them
# is still a production word.
LOOK_ALIKES = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u0501\u04bb\u04cf"  # Cyrillic
    "\u0261\u03bf\u03b1\u03c1\u03bd\u03c4\u03b9\u03ba\u03c5\u03f2",  # g, then Greek
    "aeopcyxijsdhlgoapvtikuc",
)


def words(name: str) -> list[str]:
    """The words of a name: runs of letters, after NFKC and case folding."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return re.findall(r"[^\W\d_]+", folded)


def looks_like(word: str) -> str:
    """The word as it reads, with look-alike letters of other scripts made Latin."""
    return word.translate(LOOK_ALIKES)


def name_problem(name: str, markers: Iterable[str], production: Iterable[str]) -> str | None:
    """Why a database name is refused, or None. A production word anywhere refuses it;
    otherwise one test word, in plain Latin letters, must be there."""
    found = words(name)
    production = {w.casefold() for w in production}
    prod = [w for w in found if looks_like(w) in production]
    if prod:
        return f"holds the production word {prod[0]!r}"
    markers = [m.casefold() for m in markers]
    if any(w in markers for w in found):
        return None
    disguised = [w for w in found if w != looks_like(w) and looks_like(w) in markers]
    if disguised:
        return f"spells {disguised[0]!r} with look-alike letters, which is not the word itself"
    return f"has none of these words: {', '.join(markers)}"


def check_database(settings: Settings) -> None:
    url = settings.database_url
    if not url:
        return
    destination = resolve(url)
    problems = [
        *_database_problems(destination, settings, url),
        *_host_problems(destination, settings),
        *(
            f"{part.value} ({part.source}) chooses the host and database where journeys "
            "cannot see them: give them in the URL itself"
            for part in destination.hidden
        ),
    ]
    if problems:
        raise SettingsError(
            f"refusing database_url={mask_url(url)}: " + "; ".join(problems) + ". Scenarios "
            "write to it, and the delete and recreate strategies empty every table."
        )


def _database_problems(destination: Destination, settings: Settings, url: str) -> list[str]:
    if destination.database is None or url == settings.allow_database:
        return []  # an in-memory database, or this exact URL allowed on purpose
    name = destination.database
    markers = _listed(settings.database_markers)
    production = _listed(settings.production_words)
    problems = []
    why = name_problem(name.value, markers, production)
    if why:
        problems.append(
            f"the database {name.value!r} ({name.source}) {why}; only the database's name "
            "counts, not the host, user or folders. Point JOURNEYS_DATABASE_URL at a test "
            "database, or allow this one on purpose: JOURNEYS_ALLOW_DATABASE=<the same URL> "
            "(or -D allow_database=...)"
        )
    for part in destination.also:
        prod = [w for w in words(part.value) if looks_like(w) in production]
        if prod:
            problems.append(
                f"{part.value!r} ({part.source}) names {prod[0]!r}, a production word; "
                "allow the whole URL on purpose with JOURNEYS_ALLOW_DATABASE=<the same URL>"
            )
    return problems


def _host_problems(destination: Destination, settings: Settings) -> list[str]:
    return [
        f"the host {part.value!r} ({part.source}) is not this machine; allow it on purpose "
        f"with JOURNEYS_ALLOWED_HOSTS={part.value} (or -D allowed_hosts=...)"
        for part in destination.hosts
        if not host_allowed(part.value, settings)
    ]


def host_allowed(host: str, settings: Settings) -> bool:
    return is_loopback(host) or _host_key(host) in {
        _host_key(h) for h in _listed(settings.allowed_hosts)
    }


def check_host(settings: Settings, host: str, setting: str = "host") -> None:
    """The service is served, or reached, on this machine only, unless allowed by name."""
    if host_allowed(host, settings):
        return
    doing = "serve the target on" if setting == "host" else "test the service at"
    why = (
        "the service under test would be reachable from other machines"
        if setting == "host"
        else "scenarios write to it, and it may be a shared or production service"
    )
    raise SettingsError(
        f"refusing to {doing} {host!r} ({setting}): it is not a loopback address, so {why}. "
        "Use 127.0.0.1, or allow it on purpose: "
        f"JOURNEYS_ALLOWED_HOSTS={host} (or -D allowed_hosts=...)."
    )


def is_loopback(host: str) -> bool:
    """Loopback by name or address, in any form the resolver reads (127.1, 0x7f000001,
    ::ffff:127.0.0.1). A unix socket path is judged elsewhere, as this machine."""
    key = _host_key(host)
    if key in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(key.split("%", 1)[0])
    except ValueError:
        if not re.fullmatch(r"[0-9a-fx.]+", key):
            return False
        try:  # the legacy numeric forms getaddrinfo accepts
            address = ipaddress.IPv4Address(socket.inet_aton(key))
        except OSError:
            return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def _host_key(host: str) -> str:
    return unicodedata.normalize("NFKC", host.strip().strip("[]")).casefold().rstrip(".")


def _listed(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


__all__ = ["Part", "check_database", "check_host", "is_loopback", "name_problem", "words"]
