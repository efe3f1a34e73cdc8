"""What the harness knows about the system under test, and nothing more.

To test another service, write one ``Target`` for it and name it in the ``target`` setting.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, MetaData
from sqlalchemy.orm import sessionmaker

from journeys.invariants import Invariant
from journeys.settings import SettingsError
from journeys.stubs import OutsideService


@dataclass(frozen=True)
class Target:
    name: str
    version: str
    # Every table the target owns, for emptiness checks and the delete/recreate strategies.
    metadata: MetaData
    # An engine configured the way the target needs it (SQLite pragmas and the like).
    make_engine: Callable[[str], Engine]
    # Bring the schema up to date on this connection (the target's own migrations); it has
    # not begun a transaction, and is committed afterwards.
    migrate: Callable[[Connection], None]
    # Build the ASGI app around a sessionmaker the harness controls, and the base URLs of the
    # stand-ins for its outside services (by name).
    make_app: Callable[[sessionmaker, Mapping[str, str]], Any]
    # Business rules about the stored data, checked after every scenario.
    invariants: tuple[Invariant, ...] = ()
    # Outside HTTP services the target calls; the harness serves a stub for each.
    outside_services: tuple[str, ...] = ()
    # Sets each stub's default behaviour for a new scenario (after the harness reset them).
    prepare_services: Callable[[Mapping[str, OutsideService]], None] | None = None


def load_target(spec: str) -> Target:
    module_name, _, attribute = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise SettingsError(f"target={spec!r}: cannot import {module_name!r} ({exc}).") from None
    target = getattr(module, attribute, None)
    if not isinstance(target, Target):
        raise SettingsError(
            f"target={spec!r}: {module_name}.{attribute} is not a journeys.target.Target."
        )
    return target
