"""The target's schema: brought up to date when a run starts, and counted.

Migrations run on a connection that has not begun a transaction (Alembic and SQLite's
pragmas need that) and are committed. A database that cannot be reached is named, with its
password masked, and with what to do about it.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing, nullcontext
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError

from journeys.database import ScenarioDatabase
from journeys.exceptions import HarnessError
from journeys.settings import mask_url


def prepare(
    engine: Engine,
    url: str,
    metadata: MetaData,
    migrate: Callable[[Connection], None] | None,
    reflect: bool,
) -> None:
    """Migrate (or create the metadata's tables), then read the tables if none were given."""
    where = mask_url(url)
    try:
        with engine.connect() as connection:  # not begun: migrations may need that
            if migrate is not None:
                migrate(connection)
            elif not reflect:
                metadata.create_all(connection)
            if reflect:
                metadata.reflect(connection)
            connection.commit()
    except OperationalError as exc:
        raise unreachable(exc, engine.url) from None
    except DBAPIError as exc:
        raise HarnessError(f"cannot prepare the schema in {where}: {exc.orig}") from None


def unreachable(exc: OperationalError, url: URL) -> HarnessError:
    """Why the database cannot be used: a server that is down, or one that answers but has no
    such database (then how to create it)."""
    where = mask_url(url.render_as_string(hide_password=False))
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    # libpq says it in words while connecting (no SQLSTATE yet); MySQL's code 1049.
    missing = re.search(r'database "[^"]*" does not exist|Unknown database', reason)
    if missing or (getattr(exc.orig, "args", None) or [None])[0] == 1049:
        return HarnessError(
            f"the database server answers, but has no database {url.database!r} ({where}): "
            f"create it with {_create_command(url)}, or correct JOURNEYS_DATABASE_URL (unset "
            "it to run on a temporary SQLite file)."
        )
    return HarnessError(
        f"cannot reach the database {where}: {reason}. "
        "Start the database server, or correct JOURNEYS_DATABASE_URL "
        "(unset it to run on a temporary SQLite file)."
    )


def _create_command(url: URL) -> str:
    host, port, user = url.host or "127.0.0.1", url.port, url.username
    if url.get_backend_name() == "postgresql":
        return f"createdb -h {host} -p {port or 5432}{f' -U {user}' if user else ''} {url.database}"
    return (
        f"mysql -h {host} -P {port or 3306}{f' -u {user}' if user else ''} "
        f"-e 'CREATE DATABASE `{url.database}`'"
    )


def check_tables(connection: Connection, metadata: MetaData) -> None:
    """Every table of the target exists (a service run by URL has made them)."""
    present = set(inspect(connection).get_table_names())
    missing = [t.name for t in metadata.sorted_tables if t.name not in present]
    if missing:
        raise HarnessError(
            f"the database {mask_url(str(connection.engine.url))} has no table "
            f"{', '.join(missing)}: is it the database the running service uses? Set "
            "JOURNEYS_DATABASE_URL to that database (and let the service create its schema)."
        )


def row_counts(engine: Engine, metadata: MetaData) -> dict[str, int]:
    """Rows per table, for the tables that hold any."""
    with engine.connect() as connection:
        counts = ScenarioDatabase(lambda: nullcontext(connection)).table_counts(metadata)
    return {name: n for name, n in counts.items() if n}


def files_digest(folder: str | Path) -> str:
    """A short digest of every file under ``folder`` (names and contents): for
    ``Target.schema_version``, from the migrations that build the schema."""
    digest = hashlib.sha256()
    root = Path(folder)
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def keep_template(database: Path, template: Path) -> None:
    """A copy of a freshly migrated SQLite database, for the next runs to start from."""
    template.parent.mkdir(parents=True, exist_ok=True)
    partial = template.with_name(f"{template.name}.{os.getpid()}.part")
    with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(partial)) as copy:
        source.backup(copy)  # consistent even if another connection is open
    os.replace(partial, template)  # parallel workers may race: the last whole copy wins
