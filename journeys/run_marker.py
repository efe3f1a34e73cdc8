"""A mark in the database that a committing run is using it, so rows a killed run left behind
are recognised as journeys' own and can be removed safely (``python -m journeys clean``).

Only the committing strategies need it: under ``rollback`` the scenario's transaction dies
with its connection. The mark is one row in ``journeys_run``, committed when the run starts
and removed (with the table) when it ends. Under ``restore`` it also keeps the starting rows,
so a clean puts exactly those back.
"""

from __future__ import annotations

import os
import pickle
import socket
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    inspect,
    select,
)

from journeys.exceptions import HarnessError
from journeys.filestore import process_running
from journeys.snapshot import Snapshot

_metadata = MetaData()
MARK = Table(
    "journeys_run",
    _metadata,
    Column("run_id", String(36), primary_key=True),
    Column("pid", Integer, nullable=False),
    Column("host", String(255), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("isolation", String(20), nullable=False),
    Column("snapshot", LargeBinary, nullable=True),  # restore: the starting rows
)
CLEAN_COMMAND = "python -m journeys clean"


def marks(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        if not inspect(connection).has_table(MARK.name):
            return []
        return [dict(row) for row in connection.execute(select(MARK)).mappings()]


def describe(mark: dict[str, Any]) -> str:
    started = mark["started_at"]
    when = started.strftime("%Y-%m-%d %H:%M:%S") if started else "?"
    return f"pid {mark['pid']} on {mark['host']}, started {when}, isolation={mark['isolation']}"


def still_running(mark: dict[str, Any]) -> bool:
    if mark["host"] != socket.gethostname():
        return True  # cannot tell from here: assume it is
    return process_running(int(mark["pid"]))


def check_free(engine: Engine) -> None:
    """Refuse a database another run uses, or one a killed run left rows in."""
    for mark in marks(engine):
        if still_running(mark):
            raise HarnessError(
                f"another journeys run is using this database ({describe(mark)}). Wait for "
                "it to end, or give this run a database of its own."
            )
        raise HarnessError(
            f"a journeys run ({describe(mark)}) was stopped before it could clean up, and "
            f"what it wrote is still in the database. Those rows are its own: remove them "
            f"with `{CLEAN_COMMAND}` (with the same settings), then run again."
        )


def claim(engine: Engine, isolation: str, snapshot: Snapshot | None) -> str:
    run_id = str(uuid.uuid4())
    _metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            MARK.insert().values(
                run_id=run_id,
                pid=os.getpid(),
                host=socket.gethostname(),
                started_at=datetime.now(UTC),
                isolation=isolation,
                snapshot=pickle.dumps(snapshot.rows) if snapshot else None,
            )
        )
    return run_id


def release(engine: Engine, run_id: str) -> None:
    with engine.begin() as connection:
        connection.execute(MARK.delete().where(MARK.c.run_id == run_id))
        left = connection.execute(select(MARK.c.run_id)).first()
    if left is None:
        _metadata.drop_all(engine)


def clean(engine: Engine, metadata: MetaData) -> list[str]:
    """Remove what killed runs left behind; returns what was done, one line each."""
    done = []
    for mark in marks(engine):
        if still_running(mark):
            raise HarnessError(
                f"a journeys run is still using this database ({describe(mark)}): "
                "nothing was removed."
            )
        if mark["snapshot"] is not None:
            rows = pickle.loads(mark["snapshot"])
            Snapshot(metadata, rows).restore(engine)
            done.append(f"put back the starting rows of the run ({describe(mark)})")
        else:
            with engine.begin() as connection:
                for table in reversed(metadata.sorted_tables):
                    connection.execute(table.delete())
            done.append(f"deleted the rows of the run ({describe(mark)})")
        with engine.begin() as connection:
            connection.execute(MARK.delete().where(MARK.c.run_id == mark["run_id"]))
    if done:
        _metadata.drop_all(engine)
    return done
