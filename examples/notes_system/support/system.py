"""The one place journeys meets the system: its two services, how to build each, the
broker they share, when it has settled, and the rule across their databases."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from typing import Any

import accounts
import notes
import requests
from accounts.models import Base as AccountsBase
from notes.models import Base as NotesBase
from run_system import setting
from sqlalchemy.engine import make_url

from journeys import Target, Wiring
from journeys.system import System
from journeys.target import SystemBroker
from support.invariants import INVARIANTS

PREFIX = setting("EVENTS_PREFIX")
SECRET = setting("SYSTEM_SECRET")
# The operator's switch of the notes consumer: the running system's (by URL), or one made
# for the run when journeys serves the services itself.
OPS_TOKEN = os.environ.get("NOTES_OPS_TOKEN") or secrets.token_hex(16)
# The accounts service's async drivers for the databases journeys reads synchronously.
ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+psycopg"}


def async_url(url: str) -> str:
    parsed = make_url(url)
    return parsed.set(drivername=ASYNC_DRIVERS[parsed.get_backend_name()]).render_as_string(False)


def make_accounts(wiring: Wiring) -> Any:
    return accounts.create_app(
        async_url(wiring.database_url), wiring.system_broker_url, PREFIX, SECRET
    )


def make_notes(wiring: Wiring) -> Any:
    return notes.create_app(wiring.sessions, wiring.system_broker_url, PREFIX, SECRET, OPS_TOKEN)


def in_flight(urls: Mapping[str, str]) -> str | None:
    """The notes consumer's own account of what it has not handled yet; nothing, when an
    operator paused it (those events wait on purpose)."""
    health = requests.get(f"{urls['notes']}/health", timeout=5).json()
    if health["consumer"] == "paused" or not (health["waiting"] or health["busy"]):
        return None
    return f"notes has {health['waiting']} account event(s) waiting" + (
        " and one in hand" if health["busy"] else ""
    )


SYSTEM = System(
    name="notes-system",
    services={
        "accounts": Target(
            name="accounts",
            version=accounts.__version__,
            metadata=AccountsBase.metadata,
            make_app=make_accounts,
        ),
        "notes": Target(
            name="notes",
            version=notes.__version__,
            metadata=NotesBase.metadata,
            make_app=make_notes,
        ),
    },
    invariants=INVARIANTS,
    system_broker=SystemBroker(
        exchanges=(f"{PREFIX}.accounts",), queues=(f"{PREFIX}.notes.user-events",)
    ),
    settled=in_flight,
)
