"""What the harness knows about the system under test, and nothing more.

To test another service, write one ``Target`` for it and name it in the ``target`` setting
(by default journeys looks for ``support.target:TARGET``, beside your steps).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Connection, Engine, MetaData
from sqlalchemy.orm import sessionmaker

from journeys.answers import ErrorBody, read_error
from journeys.exceptions import SettingsError
from journeys.invariants import Invariant

if TYPE_CHECKING:
    from journeys.broker import Broker
    from journeys.messages import Seen
    from journeys.stubs import OutsideService


@dataclass(frozen=True)
class Wiring:
    """What ``Target.make_app`` is given to build the service around."""

    # The harness's sessionmaker: every session it makes joins the running scenario.
    sessions: sessionmaker
    # journeys' engine on the run's database (a synchronous driver).
    engine: Engine
    # The run's database as the service should use it (its own async driver, if it had one).
    database_url: str
    # Base URL of each outside service's stand-in, by name (smtp://... for a mail server).
    services: Mapping[str, str]
    # The run's broker, for a target with events: ``connect()``, ``prefix``, ``checkpoint()``.
    broker: Broker | None = None
    # The run's cache, for a target that keeps one (Target.cache): a redis-py-like client
    # whose keys are this run's own (journeys.keystore).
    cache: Any = None
    # The run's storage folder, for a target that stores files (Target.storage); it fails
    # when a scenario says so (journeys.filestore).
    storage: Path | None = None
    # The system's own broker (the system_broker_url setting), for a target that names one
    # (Target.system_broker): the service publishes and consumes there itself.
    system_broker_url: str = ""
    # In a system, its databases that have no service of their own (a Target without
    # make_app), by name: their sessionmakers, joined to each scenario as ``sessions`` is.
    databases: Mapping[str, sessionmaker] = field(default_factory=dict)
    # With the tracing setting on: an OpenTelemetry TracerProvider named for this service,
    # for the service to instrument itself with (journeys collects what it records); None:
    # tracing is off, instrument nothing.
    tracer_provider: Any = None


class Pump(Protocol):
    """The target's two halves of messaging, which the harness runs after every step."""

    def relay(self) -> int:
        """Publishes what the service has to publish; how many."""
        ...

    def consume(self) -> Sequence[Seen]:
        """Hands every waiting message to its consumer; what each did with it."""
        ...


@dataclass(frozen=True)
class Events:
    """A target that publishes and consumes messages through a broker (journeys/broker.py)."""

    # The queues the target's consumers read, bound to the exchanges it publishes on, with
    # the given prefix before every name (kombu ``Queue`` objects).
    queues: Callable[[str], Sequence[Any]]
    # Builds the relay and the consumers from the wiring (its sessions, its broker).
    make_pump: Callable[[Wiring], Pump]


@dataclass(frozen=True)
class SystemBroker:
    """The system's own broker, which journeys listens to but does not run
    (``system_broker_url``): every message published on these exchanges is recorded with
    its step, and a step waits until these queues are empty (and ``Target.settled`` says
    nothing is in flight) before the next one, the invariants and the clean-up."""

    # The exchanges (topics) the system publishes on: journeys' tap is bound to each.
    exchanges: tuple[str, ...]
    # The system's consumers' queues: without Target.settled, settled when all are empty.
    queues: tuple[str, ...] = ()
    # The exchanges' type, as the system declares them.
    exchange_type: str = "topic"
    # Whether the system declares its exchanges durable (a declare must match).
    durable: bool = True


@dataclass(frozen=True)
class Target:
    # The service's name: in messages, in the report, and for a system's settings by name.
    name: str
    # Every table the service owns; None: read them from the database when the run starts.
    metadata: MetaData | None = None
    # The service's version, in the report's environment.
    version: str = "unknown"
    # Build the app (ASGI or WSGI) around the wiring; None: the service runs on its own and
    # is reached by URL (the base_url setting), or, in a System, this is a database another
    # service uses (``Wiring.databases``), with no app of its own.
    make_app: Callable[[Wiring], Any] | None = None
    # "auto" tells ASGI from WSGI by the app's call signature; say "asgi" or "wsgi" if not.
    interface: str = "auto"
    # An engine for a database URL; None: journeys' own (SQLite made transactional).
    make_engine: Callable[[str], Engine] | None = None
    # Bring the schema up to date on this connection (not begun; committed afterwards);
    # None: create the metadata's missing tables. Not called for a service run by URL.
    migrate: Callable[[Connection], None] | None = None
    # A string that changes whenever ``migrate`` would build another schema (e.g.
    # ``journeys.schema.files_digest`` of the migrations folder). With it, a run on a fresh
    # SQLite file copies a migrated one from the cache instead of migrating again.
    schema_version: Callable[[], str] | None = None
    # Business rules about the stored data, checked after every scenario.
    invariants: tuple[Invariant, ...] = ()
    # Outside HTTP services the target calls; the harness serves a stand-in for each.
    outside_services: tuple[str, ...] = ()
    # Mail servers the target sends to; the harness serves an SMTP stand-in for each
    # (journeys.mailbox.MailServer), its URL in the wiring's services.
    mail_services: tuple[str, ...] = ()
    # Messages through a broker, relayed and consumed by the harness after every step.
    events: Events | None = None
    # The service keeps a cache (Redis, or in-process): the harness gives it one in the wiring
    # (``cache_url`` setting), empties it before every scenario and after the factories
    # write, and deletes the run's keys at the end.
    cache: bool = False
    # The service stores files in a folder (the ``storage_dir`` setting, or the run's own):
    # the harness gives it one in the wiring, removes what each scenario stored, and
    # deletes the folder at the end. Invariants that read ``storage`` see its files.
    storage: bool = False
    # Sets each stand-in's default behaviour for a new scenario (after the harness reset it).
    prepare_services: Callable[[Mapping[str, OutsideService]], None] | None = None
    # The service's OpenAPI document: a file, or the path it serves it on ("/openapi.json").
    # Every answer is then checked against it (journeys/contracts.py).
    openapi: str | None = None
    # A TOML file of mismatches with the document accepted for now ([[accepted]] operation,
    # reason, and optionally status and contains): they are listed at the end, not failed.
    openapi_accepted: str | None = None
    # The system's own broker, listened to (journeys/tap.py).
    system_broker: SystemBroker | None = None
    # What is still in flight in the system ("2 user events not handled"), or None once it
    # has settled; awaited, bounded by settle_timeout, after each step that wrote, before
    # the invariants and before the clean-up. Given, it decides alone; else the system
    # broker's queues must be empty. A function of one argument is given the running
    # services' URLs by name (to ask a health page, in-process and by URL alike).
    settled: Callable[..., str | None] | None = None
    # How the service's error answers read: a parsed body in, code and message out.
    read_error: Callable[[Any], ErrorBody | None] = read_error


def load_target(spec: str) -> Any:
    module_name, _, attribute = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise SettingsError(
            f"target={spec!r}: cannot import {module_name!r} ({exc}). Run behave from the "
            "folder that holds it, or name your Target with -D target=module:attribute."
        ) from None
    target = getattr(module, attribute, None)
    from journeys.system import System  # a system of targets (it imports this module)

    if not isinstance(target, Target | System):
        raise SettingsError(
            f"target={spec!r}: {module_name}.{attribute} is not a journeys.Target or System."
        )
    return target
