"""What the harness knows about the system under test, and nothing more.

To test another service, write one ``Target`` for it and name it in the ``target`` setting
(by default journeys looks for ``support.target:TARGET``, beside your steps).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, MetaData
from sqlalchemy.orm import sessionmaker

from journeys.answers import ErrorBody, read_error
from journeys.exceptions import SettingsError
from journeys.invariants import Invariant

if TYPE_CHECKING:
    from journeys.stubs import OutsideService


@dataclass(frozen=True)
class Wiring:
    """What ``Target.make_app`` is given to build the service around."""

    # The harness's sessionmaker: every session it makes joins the running scenario.
    sessions: sessionmaker
    engine: Engine
    database_url: str
    # Base URL of each outside service's stand-in, by name.
    services: Mapping[str, str]


@dataclass(frozen=True)
class Target:
    name: str
    # Every table the service owns; None: read them from the database when the run starts.
    metadata: MetaData | None = None
    version: str = "unknown"
    # Build the app (ASGI or WSGI) around the wiring; None: the service runs on its own and
    # is reached by URL (the base_url setting).
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
    # Sets each stand-in's default behaviour for a new scenario (after the harness reset it).
    prepare_services: Callable[[Mapping[str, OutsideService]], None] | None = None
    # The service's OpenAPI document: a file, or the path it serves it on ("/openapi.json").
    # Every answer is then checked against it (journeys/contracts.py).
    openapi: str | None = None
    # How the service's error answers read: a parsed body in, code and message out.
    read_error: Callable[[Any], ErrorBody | None] = read_error


def load_target(spec: str) -> Target:
    module_name, _, attribute = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise SettingsError(
            f"target={spec!r}: cannot import {module_name!r} ({exc}). Run behave from the "
            "folder that holds it, or name your Target with -D target=module:attribute."
        ) from None
    target = getattr(module, attribute, None)
    if not isinstance(target, Target):
        raise SettingsError(f"target={spec!r}: {module_name}.{attribute} is not a journeys.Target.")
    return target
