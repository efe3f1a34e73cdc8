"""A database of its own for a run, beside the one the settings name, dropped afterwards.

Parallel workers (``worker_id``) cannot share one test database: each would see the others'
rows, and the committing strategies would delete them. On a server (PostgreSQL, MariaDB)
journeys creates ``<name>_w<worker>_<pid>`` and drops it when the worker ends; a SQLite
file gets a sibling file. The name keeps the original's words, so the guards still see a
test database.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from journeys.exceptions import HarnessError
from journeys.settings import mask_url


def own_name(url: str, worker: str) -> str:
    """The URL of this worker's own database."""
    parsed = make_url(url)
    suffix = f"_w{''.join(c for c in worker if c.isalnum())}_{os.getpid()}"
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "journeys.sqlite3")
        own = path.with_name(path.stem + suffix + path.suffix)
        return parsed.set(database=str(own)).render_as_string(False)
    return parsed.set(database=f"{parsed.database}{suffix}").render_as_string(False)


def create(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return  # the file is made when first opened
    admin = _admin(parsed)
    try:
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {_quoted(parsed)}"))
    except Exception as exc:
        raise HarnessError(
            f"cannot create this worker's own database {mask_url(url)}: {exc}. The user needs "
            "the right to create databases (CREATEDB on PostgreSQL)."
        ) from None
    finally:
        admin.dispose()


def drop(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        Path(parsed.database or "").unlink(missing_ok=True)
        return
    admin = _admin(parsed)
    force = " WITH (FORCE)" if parsed.get_backend_name() == "postgresql" else ""
    try:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {_quoted(parsed)}{force}"))
    finally:
        admin.dispose()


def _admin(parsed: URL) -> Any:
    """A connection to the server's maintenance database, outside any transaction."""
    maintenance = "postgres" if parsed.get_backend_name() == "postgresql" else None
    return create_engine(parsed.set(database=maintenance), isolation_level="AUTOCOMMIT")


def _quoted(parsed: URL) -> str:
    quote = '"' if parsed.get_backend_name() == "postgresql" else "`"
    return f"{quote}{parsed.database}{quote}"
