"""Runs the whole system in one process, each service on its own port, as a team's
compose file would: ``python system.py`` (settings from the environment, see README.md).

One process, so that the default broker (kombu's memory://) joins the two services; give
BROKER_URL=amqp://... to join them over RabbitMQ, as in production.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
from pathlib import Path

import uvicorn
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import sessionmaker
from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accounts
import notes
from accounts.models import Base as AccountsBase
from notes.models import Base as NotesBase

SETTINGS = {
    "ACCOUNTS_DATABASE_URL": "sqlite+aiosqlite:///accounts.db",
    "NOTES_DATABASE_URL": "sqlite:///notes.db",
    "BROKER_URL": "memory://",
    "EVENTS_PREFIX": "notes-system",
    "SYSTEM_SECRET": "a development secret, not for production",
    "NOTES_OPS_TOKEN": "",
    "ACCOUNTS_PORT": "8101",
    "NOTES_PORT": "8102",
}


def setting(name: str) -> str:
    return os.environ.get(name, SETTINGS[name])


async def create_accounts_schema(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(AccountsBase.metadata.create_all)
    await engine.dispose()


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    asyncio.run(create_accounts_schema(setting("ACCOUNTS_DATABASE_URL")))
    notes_engine = create_engine(setting("NOTES_DATABASE_URL"))
    NotesBase.metadata.create_all(notes_engine)
    shared = (setting("BROKER_URL"), setting("EVENTS_PREFIX"), setting("SYSTEM_SECRET"))
    accounts_app = accounts.create_app(setting("ACCOUNTS_DATABASE_URL"), *shared)
    notes_app = notes.create_app(
        sessionmaker(notes_engine, expire_on_commit=False), *shared, setting("NOTES_OPS_TOKEN")
    )
    accounts_server = uvicorn.Server(
        uvicorn.Config(
            accounts_app, host="127.0.0.1", port=int(setting("ACCOUNTS_PORT")), log_level="warning"
        )
    )
    notes_server = make_server("127.0.0.1", int(setting("NOTES_PORT")), notes_app, threaded=True)
    threading.Thread(target=notes_server.serve_forever, daemon=True).start()
    print(
        f"accounts on http://127.0.0.1:{setting('ACCOUNTS_PORT')}, "
        f"notes on http://127.0.0.1:{setting('NOTES_PORT')}",
        flush=True,
    )
    accounts_server.run()  # until SIGTERM or SIGINT (uvicorn's own handlers)
    notes_server.shutdown()
    notes_app.extensions["notes.consumer"].stop()


if __name__ == "__main__":
    main()
