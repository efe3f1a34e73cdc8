"""The one place journeys meets the bakery: how to build it, its tables, its rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bakery import __version__, create_app
from bakery.models import db

from journeys import Target, Wiring
from journeys.flask_sqlalchemy import use_sessions
from support.invariants import INVARIANTS


def make_app(wiring: Wiring) -> Any:
    app = create_app({"SQLALCHEMY_DATABASE_URI": wiring.database_url})
    use_sessions(db, wiring.sessions)  # db.session joins each scenario's transaction
    return app


TARGET = Target(
    name="bakery",
    version=__version__,
    metadata=db.metadata,
    make_app=make_app,
    invariants=INVARIANTS,
    # Written by hand for the bakery's clients: every answer is checked against it.
    openapi=str(Path(__file__).resolve().parent.parent / "openapi.json"),
)
