"""Where a database URL really leads: the database and the hosts its driver will connect to.

A URL's path is not always what the driver opens. libpq takes ``dbname=``, ``host=``,
``hostaddr=`` and ``service=`` from the query and lets them win over the path and the host;
PyMySQL takes ``database=``, ``db=``, ``host=``, ``unix_socket=`` and reads option files; a
SQLite ``uri=true`` URL opens the file before its ``?`` or ``#``, after decoding it once more.
The guards judge what this module resolves, as a pure function of the URL (and of libpq's
``PG*`` variables when the URL leaves a part out): nothing here connects or looks up a name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote

from sqlalchemy.engine import URL, make_url

# Options that send the driver somewhere the URL does not show (a service file, an option
# file): journeys cannot judge them, so a URL holding one is refused.
HIDDEN = {
    "postgresql": ("service", "servicefile"),
    "mysql": ("read_default_file", "read_default_group"),
    "mariadb": ("read_default_file", "read_default_group"),
}


@dataclass(frozen=True)
class Part:
    """One thing the driver will use, and where in the URL (or environment) it came from."""

    value: str
    source: str


@dataclass(frozen=True)
class Destination:
    backend: str
    database: Part | None  # None: an in-memory database, which nothing else can reach
    hosts: tuple[Part, ...] = ()  # network hosts (names or addresses) it may connect to
    sockets: tuple[Part, ...] = ()  # unix sockets: this machine
    hidden: tuple[Part, ...] = ()  # options whose destination journeys cannot see
    # Other names the connection uses (a search_path, an init command): judged for
    # production words only.
    also: tuple[Part, ...] = field(default=())


def resolve(url: str, env: Mapping[str, str] | None = None) -> Destination:
    env = os.environ if env is None else env
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite(parsed)
    if backend == "postgresql":
        return _postgresql(parsed, env)
    if backend in ("mysql", "mariadb"):
        return _mysql(parsed)
    host = (Part(parsed.host, "the URL's host"),) if parsed.host else ()
    name = Part(parsed.database or "", "the URL's path")
    return Destination(backend, name, hosts=host)


def _query(parsed: URL, key: str) -> list[str]:
    """Every value of one query option (a repeated option is a tuple in SQLAlchemy)."""
    value = parsed.query.get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _sqlite(parsed: URL) -> Destination:
    name = parsed.database or ""
    if _query(parsed, "uri") and _query(parsed, "uri")[-1].lower() in ("true", "1", "yes"):
        # SQLite reads it as a URI: the path ends at ? or #, and is percent-decoded again.
        if "memory" in _query(parsed, "mode") or name.startswith("file::memory:"):
            return Destination("sqlite", None)
        path = re.split(r"[?#]", name.removeprefix("file:"), maxsplit=1)[0]
        if path.startswith("//"):  # file://localhost/path (SQLite allows no other authority)
            authority, _, rest = path[2:].partition("/")
            hosts = (Part(authority, "the SQLite URI's authority"),) if authority else ()
            return Destination(
                "sqlite", _file(unquote("/" + rest), "the SQLite URI's path"), hosts=hosts
            )
        return Destination("sqlite", _file(unquote(path), "the SQLite URI's path"))
    if name in ("", ":memory:"):
        return Destination("sqlite", None)
    return Destination("sqlite", _file(name, "the URL's path"))


def _file(path: str, source: str) -> Part | None:
    """A SQLite database file is known by its file's name (folders do not count)."""
    if path in ("", ":memory:"):
        return None
    return Part(PurePosixPath(path).name, source)


def _postgresql(parsed: URL, env: Mapping[str, str]) -> Destination:
    names = _query(parsed, "dbname")
    if names:
        name = Part(names[-1], "the dbname= option, which libpq uses instead of the URL's path")
    elif parsed.database:
        name = Part(parsed.database, "the URL's path")
    elif env.get("PGDATABASE"):
        name = Part(env["PGDATABASE"], "PGDATABASE, as the URL names no database")
    else:
        user = parsed.username or env.get("PGUSER") or ""
        name = Part(user, "the user's name, libpq's database when none is named")
    hosts: list[Part] = []
    sockets: list[Part] = []
    given = [(h, "the host= option") for v in _query(parsed, "host") for h in v.split(",")]
    if not given and parsed.host:
        given = [(h, "the URL's host") for h in parsed.host.split(",")]
    if not given and env.get("PGHOST"):
        given = [(h, "PGHOST") for h in env["PGHOST"].split(",")]
    addresses = [
        (a, "the hostaddr= option") for v in _query(parsed, "hostaddr") for a in v.split(",")
    ]
    if not addresses and env.get("PGHOSTADDR") and not _query(parsed, "host"):
        addresses = [(a, "PGHOSTADDR") for a in env["PGHOSTADDR"].split(",")]
    for host, source in (*given, *addresses):
        host = _without_port(host.strip())
        if not host:
            continue
        (sockets if host.startswith(("/", "@")) else hosts).append(Part(host, source))
    if not given and not addresses:
        sockets.append(Part("the default socket", "libpq's default: no host named"))
    hidden = _hidden(parsed)
    if env.get("PGSERVICE") and not hidden:
        hidden.append(Part(f"service={env['PGSERVICE']}", "PGSERVICE"))
    also = [
        Part(setting, "the options= option")
        for value in _query(parsed, "options")
        for setting in re.findall(r"(?:-c\s*|--)(\S+)", value)
    ]
    return Destination("postgresql", name, tuple(hosts), tuple(sockets), tuple(hidden), tuple(also))


def _mysql(parsed: URL) -> Destination:
    # SQLAlchemy's MySQL dialects pass the query to the driver over the URL's own parts.
    name = Part(parsed.database or "", "the URL's path")
    for key in ("db", "database"):
        for value in _query(parsed, key):
            name = Part(value, f"the {key}= option, which the driver uses instead of the path")
    given = _query(parsed, "host")
    host_source = "the host= option" if given else "the URL's host"
    hosts = [Part(_without_port(h), host_source) for h in given or [parsed.host or "localhost"]]
    sockets = [Part(s, "the unix_socket= option") for s in _query(parsed, "unix_socket")]
    hidden = _hidden(parsed)
    also = [Part(v, "the init_command= option") for v in _query(parsed, "init_command")]
    return Destination("mysql", name, tuple(hosts), tuple(sockets), tuple(hidden), tuple(also))


def _hidden(parsed: URL) -> list[Part]:
    keys = HIDDEN.get(parsed.get_backend_name(), ())
    return [Part(f"{k}={v}", f"the {k}= option") for k in keys for v in _query(parsed, k)]


def _without_port(host: str) -> str:
    if host.startswith("["):  # [::1]:5432
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:  # name:5432 (a bare IPv6 address has several colons)
        return host.split(":", 1)[0]
    return host
