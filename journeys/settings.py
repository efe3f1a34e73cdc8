"""The one settings object: database, isolation strategy, seed, server, target.

Each setting is read, lowest to highest priority, from its default, the environment
(``JOURNEYS_<NAME>``) and behave's userdata (``-D name=value`` or ``[tool.behave.userdata]``).
A name journeys does not know is an error, not a silent no-op: a typo must not run the suite
against the wrong database.
"""

from __future__ import annotations

import difflib
import os
import re
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from journeys.exceptions import SettingsError
from journeys.secrets import mask_text

# A URL option whose value is a secret (?password=..., ?sslpassword=..., ?api_key=...).
SECRET_OPTION = re.compile(r"pass|secret|token|key", re.I)

ISOLATIONS = ("auto", "rollback", "delete", "recreate", "restore")
ENV_PREFIX = "JOURNEYS_"


@dataclass(frozen=True)
class Settings:
    # SQLAlchemy URL of the database to test against; empty: a fresh SQLite file for the run.
    database_url: str = ""
    # Run seed: every scenario's Faker and factory data derives from it and its name.
    seed: int = 0
    # auto: rollback in-process, restore by URL | rollback (fastest) | delete (commit, then
    # delete all rows) | recreate (rebuild the schema) | restore (put back the starting rows).
    isolation: str = "auto"
    # Where journeys serves the target in-process (loopback unless allowed_hosts says).
    host: str = "127.0.0.1"
    # Its port; 0: any free port.
    port: int = 0
    # "module:attribute" of the target description: what system journeys tests.
    target: str = "support.target:TARGET"
    # A service already running (another process, any language): its URL. Empty: the
    # target's app is served in-process.
    base_url: str = ""
    # Fixed ports for outside-service stand-ins, "name=port,..." (a service run by URL must
    # be configured with them); unnamed stand-ins take any free port.
    stand_in_ports: str = ""
    # The message broker for a target with events (kombu URL): memory:// needs nothing;
    # amqp://guest:guest@127.0.0.1:5672// is RabbitMQ. Every name journeys makes on it is
    # this run's own, and deleted when the run ends.
    broker_url: str = "memory://"
    # The system's own broker, for a target that names one (Target.system_broker): kombu
    # URL; journeys binds a queue of its own to the system's exchanges there.
    system_broker_url: str = "memory://"
    # Seconds a step may wait for the system to settle (its queues empty, Target.settled).
    settle_timeout: float = 5.0
    # The cache for a target that keeps one (Target.cache): memory:// needs nothing;
    # redis://127.0.0.1:6379/15 is Redis. Every key of the run is under journeys:<run>:, and
    # deleted when the run ends.
    cache_url: str = "memory://"
    # The run's keys in the cache start with this; empty: journeys:<run>:. A service run by
    # URL must be given the same prefix for its keys (and cache_url a Redis both reach).
    cache_prefix: str = ""
    # The folder a target with storage (Target.storage) keeps its files in; empty: a new
    # temporary one, deleted when the run ends. A service run by URL must be started with
    # the same folder; journeys then removes only the files the run added.
    storage_dir: str = ""
    # Seconds an HTTP call may take before the scenario fails.
    http_timeout: float = 10.0
    # Collect what the services record of each step (OpenTelemetry spans): every request a
    # persona makes carries a W3C traceparent, one trace per step (journeys.tracing).
    tracing: bool = False
    # This many scenarios in a row failing because the database or the service cannot be
    # reached stop the run (the rest are recorded as skipped, with the reason); 0: never.
    max_environment_errors: int = 3
    # Invariants not to check, comma-separated (``*``: none at all); a tag narrows one scenario.
    skip_invariants: str = ""
    # file: features and scenarios in the order written | random: shuffled by the seed, so
    # -D seed=N replays the order too (the flake hunt uses it).
    order: str = "file"
    # Set by a parallel runner (behavex passes -D worker_id=N): this worker then works on a
    # database of its own, made for it and dropped after (see journeys/databases.py).
    worker_id: str = ""
    # Set by a run split in shares (journeys parallel, journeys shard): the folder this share
    # leaves its contract coverage counts in, for the whole run to report once; empty: the
    # run is whole and reports its own.
    share_dir: str = ""
    # Fail the run when the suite exercised less than this percentage of the documented
    # answers of the target's OpenAPI document (0: never).
    min_contract_coverage: float = 0.0
    # enforce: an answer the document does not allow fails its step | report: every breach
    # is listed at the end and in the report, and fails nothing (a first look at a system).
    contract_mode: str = "enforce"
    # Empty the Allure results folder when a run starts (turn off to merge runs, e.g. parallel).
    clean_results: bool = True
    # Where journeys keeps what later runs can reuse (a validated OpenAPI document, a
    # migrated SQLite schema); relative to the directory behave runs in. Empty: keep nothing.
    cache: str = ".journeys/cache"
    # The folder a run records its scenarios' durations in (timings.json), which shards are
    # dealt by; empty: the cache folder. A shard records into its own, merged afterwards.
    timings: str = ""
    # Safety: a database's name must hold one of these words, and none of production_words,
    # unless the URL is exactly allow_database (journeys/guards.py).
    database_markers: str = "test,dev,ci"
    # A database whose name holds any of these words is refused, whatever else it holds.
    production_words: str = "prod,production,prd,live,main,master,primary"
    # The exact URL of a database to allow whatever its name.
    allow_database: str = ""
    # Safety: databases, the target, the broker and the cache are on this machine (loopback
    # or a unix socket) only, unless their host is in allowed_hosts, comma-separated.
    allowed_hosts: str = ""
    # A system's services' own settings (journeys.system): (service, setting, value), from
    # -D database_url.users=..., JOURNEYS_DATABASE_URL_USERS=... (not a setting of its own).
    services: tuple[tuple[str, str, str], ...] = ()

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name != "services"]

    def for_service(self, name: str, entry: bool) -> Settings:
        """One service's settings in a system: the run's, less what names the entry
        service's own parts (its database, URL, folder, prefix), plus its own."""
        own = {setting: value for service, setting, value in self.services if service == name}
        values: dict[str, Any] = {} if entry else {k: "" for k in PER_SERVICE if k != "isolation"}
        kinds = {f.name: f.type for f in fields(self)}
        for setting, value in own.items():
            values[setting] = _convert(setting, kinds[setting], value, f"{setting}.{name}")
        chosen = replace(self, services=(), **values)
        chosen.validate()
        return chosen

    def service_names(self) -> set[str]:
        return {service for service, _setting, _value in self.services}

    @classmethod
    def load(
        cls,
        userdata: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
        defines: Mapping[str, Any] | None = None,
        table: Mapping[str, Any] | None = None,
    ) -> Settings:
        """``userdata``: behave's (the config file's, with the command line's -D over it);
        ``defines``: the command line's alone, when known; ``table``: pyproject.toml's
        ``[tool.journeys]``, a sub-table per service of a system. Then the config file counts
        below the environment, and -D above it: a suite's pyproject.toml sets defaults that
        JOURNEYS_* variables (CI's) and -D override."""
        env = os.environ if env is None else env
        userdata = dict(userdata or {})
        in_file = {k: v for k, v in userdata.items() if defines is not None and k not in defines}
        raw: dict[str, tuple[str, str]] = {}  # name -> (value, where it came from)
        named: dict[tuple[str, str], str] = {}  # (service, setting) -> value

        def take(key: str, value: Any, origin: str) -> None:
            per_service = _per_service(key)
            if per_service is not None:
                named[per_service] = _text_of(value)
            elif "." not in key:  # a formatter's own option: AllureFormatter.issue_pattern
                raw[_known(key, origin)] = (_text_of(value), origin)

        for key, value in (table or {}).items():
            if not isinstance(value, Mapping):
                take(_name(key), value, f"[tool.journeys] {key}")
                continue
            for setting, own in value.items():  # [tool.journeys.<service>]
                if _name(setting) not in PER_SERVICE:
                    raise SettingsError(
                        f"[tool.journeys.{key}] {setting}: a service of a system sets only "
                        f"{', '.join(PER_SERVICE)} for itself; set {setting} in [tool.journeys]."
                    )
                named[(key, _name(setting))] = _text_of(own)
        for key, value in in_file.items():
            take(_name(key), value, f"[tool.behave.userdata] {key}")
        for key, value in env.items():
            if key.startswith(ENV_PREFIX):
                take(key[len(ENV_PREFIX) :].lower(), value, f"environment variable {key}")
        for key, value in userdata.items():
            if key not in in_file:
                take(_name(key), value, f"-D {key}")

        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in raw:
                continue
            value, origin = raw[f.name]
            values[f.name] = _convert(f.name, f.type, value.strip(), origin)
        if "seed" not in values:
            values["seed"] = secrets.randbelow(2**31)
        values["services"] = tuple(sorted((svc, k, v.strip()) for (svc, k), v in named.items()))
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.isolation not in ISOLATIONS:
            raise SettingsError(
                f"isolation={self.isolation!r} is not a strategy journeys has; "
                f"use one of {', '.join(ISOLATIONS)}."
            )
        if self.database_url:
            try:
                make_url(self.database_url)
            except ArgumentError:
                raise SettingsError(
                    f"database_url={mask_text(self.database_url)!r} is not a SQLAlchemy URL; "
                    "write it as "
                    "dialect+driver://user@host:port/database, for example "
                    "postgresql+psycopg://postgres@127.0.0.1:5432/test."
                ) from None
        self.ports()
        if self.contract_mode not in ("enforce", "report"):
            raise SettingsError(
                f"contract_mode={self.contract_mode!r}: use enforce (the default: a breach "
                "fails its step) or report (breaches listed at the end)."
            )
        if self.order not in ("file", "random"):
            raise SettingsError(f"order={self.order!r}: use file (the default) or random.")
        if ":" not in self.target:
            raise SettingsError(
                f"target={self.target!r} must name module:attribute, e.g. support.target:TARGET."
            )

    def ports(self) -> dict[str, int]:
        """The stand_in_ports setting as {service name: port}."""
        found: dict[str, int] = {}
        for item in filter(None, (i.strip() for i in self.stand_in_ports.split(","))):
            name, _, port = item.partition("=")
            if not port.strip().isdigit() or not 0 < int(port) < 65536:
                raise SettingsError(
                    f"stand_in_ports={self.stand_in_ports!r}: write it as name=port,... "
                    "with ports from 1 to 65535, e.g. payment_gateway=18100."
                )
            found[name.strip()] = int(port)
        return found

    def describe(self, database_url: str | None = None, isolation: str | None = None) -> str:
        """One line for the console; passwords in URLs are masked. ``database_url`` and
        ``isolation``: what the run resolved (its own database, the strategy 'auto' chose)."""
        url = database_url or self.database_url
        return (
            f"database={mask_url(url) if url else '(temporary SQLite file)'} "
            f"isolation={isolation or self.isolation} seed={self.seed} target={self.target}"
            + (f" base_url={self.base_url}" if self.base_url else "")
        )


def mask_url(url: str) -> str:
    """The URL with its password, and any option named like a secret, masked."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "<unparseable URL>"
    query = {
        key: ("***" if SECRET_OPTION.search(key) else value) for key, value in parsed.query.items()
    }
    rendered = parsed.set(query=query).render_as_string(hide_password=True)
    return rendered.replace("%2A%2A%2A", "***")


def _text_of(value: Any) -> str:
    """A setting's text, from TOML's types too (true, 5, 0.5)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def journeys_table(folder: Path) -> dict[str, Any]:
    """``[tool.journeys]`` of the pyproject.toml in ``folder`` (where behave runs), if any."""
    pyproject = folder / "pyproject.toml"
    if not pyproject.exists():
        return {}
    try:
        config = tomllib.loads(pyproject.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{pyproject} is not valid TOML: {exc}") from None
    table = config.get("tool", {}).get("journeys", {})
    if not isinstance(table, dict):
        raise SettingsError(f"{pyproject}: [tool.journeys] must be a table.")
    return table


def _name(key: str) -> str:
    return key.replace("-", "_").lower()


# What each service of a system may set for itself (journeys.system).
PER_SERVICE = (
    "database_url", "base_url", "isolation", "storage_dir", "cache_prefix",
    "allow_database", "stand_in_ports",
)  # fmt: skip


def _per_service(key: str) -> tuple[str, str] | None:
    """("users", "database_url") for database_url.users (-D) or database_url_users (env)."""
    for setting in PER_SERVICE:
        for joint in (".", "_"):
            if key.startswith(setting + joint) and len(key) > len(setting) + 1:
                return key[len(setting) + 1 :], setting
    return None


# Old names still read, for one release.
RENAMED = {"allow_hosts": "allowed_hosts"}


def _known(name: str, origin: str) -> str:
    known = Settings.names()
    name = RENAMED.get(name, name)
    if name in known:
        return name
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise SettingsError(
        f"unknown setting {name!r} (from {origin}).{hint} journeys knows: {', '.join(known)}."
    )


def _convert(name: str, kind: Any, value: str, origin: str) -> Any:
    kind = kind if isinstance(kind, str) else getattr(kind, "__name__", str(kind))
    if kind == "bool":
        lowered = value.lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off"):
            return False
        raise SettingsError(f"{name}={value!r} (from {origin}) must be true or false.")
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
    except ValueError:
        raise SettingsError(f"{name}={value!r} (from {origin}) must be a {kind}.") from None
    return value
