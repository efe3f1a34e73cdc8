"""Per-scenario isolation: every scenario starts from the same database.

``rollback`` (the default in-process): the scenario's connection holds an outer transaction;
the app's sessions and the factories' session join it with savepoints, so the app's commit()
only releases a savepoint; after the scenario, pass or fail, the outer transaction is rolled
back. The committing strategies let everything commit and clean up afterwards: slower, but
the only choice for a service in another process, code that opens its own connections, or
real races. ``delete`` empties every table, ``recreate`` rebuilds the schema, and ``restore``
puts back exactly the rows the database held when the run started (see snapshot.py).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, MetaData
from sqlalchemy.orm import Session, sessionmaker

from journeys.database import ScenarioDatabase
from journeys.engines import BEGIN_OPTION
from journeys.snapshot import Snapshot


@dataclass
class ScenarioScope:
    """What one scenario holds of the database; closing it ends the scenario's isolation."""

    session: Session  # the factories'
    db: ScenarioDatabase  # how the scenario's checks read the database
    # How the app's sessions are bound while this scenario runs.
    binding: dict[str, Any] = field(default_factory=dict)
    close: Callable[[], None] = lambda: None


class ScenarioSessions(sessionmaker):
    """The sessionmaker the app is given: each new session is bound as the running
    scenario says (its connection under rollback), so nothing is reconfigured in place."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(bind=engine, expire_on_commit=False)
        self.binding: Callable[[], dict[str, Any]] = dict

    def __call__(self, **local_kw: Any) -> Session:
        return super().__call__(**{**self.binding(), **local_kw})


class Isolation:
    name = "abstract"
    # Must the server serve one request at a time (one shared connection)?
    serialise_requests = False
    # Does the run need empty tables to start from?
    needs_empty_start = True
    # Does it work with a service running in another process?
    works_by_url = True
    # Does each scenario commit (so a killed run leaves rows behind)?
    commits = True

    def __init__(self, engine: Engine, metadata: MetaData) -> None:
        self.engine = engine
        self.metadata = metadata

    def prepare(self) -> None:
        """Once, when the run starts."""

    def finish(self) -> None:
        """Once, when the run ends."""

    def begin(self) -> ScenarioScope:
        session = Session(bind=self.engine, expire_on_commit=False)

        def close() -> None:
            session.close()
            self.clean()

        return ScenarioScope(session, ScenarioDatabase.committed(self.engine), {}, close)

    def clean(self) -> None:
        raise NotImplementedError


class RollbackIsolation(Isolation):
    name = "rollback"
    serialise_requests = True
    works_by_url = False
    commits = False

    def __init__(self, engine: Engine, metadata: MetaData) -> None:
        super().__init__(engine, metadata)
        # One connection for the run's scenarios: a scenario then costs its BEGIN and its
        # ROLLBACK, not a checkout, a liveness ping and a release too (0.4 ms on PostgreSQL).
        self._connection: Connection | None = None

    def begin(self) -> ScenarioScope:
        if self._connection is None or self._connection.invalidated:
            self.finish()
            # A deferred BEGIN: the scenario's transaction takes SQLite's write lock only when
            # it first writes, so a service writing through an engine of its own is seen (and
            # named, see Harness.assert_isolated) rather than kept waiting for the lock.
            self._connection = self.engine.connect().execution_options(**{BEGIN_OPTION: "BEGIN"})
        connection = self._connection
        outer = connection.begin()
        joined: dict[str, Any] = {"bind": connection, "join_transaction_mode": "create_savepoint"}
        session = Session(**joined, expire_on_commit=False)

        # The scenario's own view, uncommitted work included.
        db = ScenarioDatabase(lambda: nullcontext(connection))

        def close() -> None:
            if outer.is_active:  # first: the session's savepoint goes with it, unsent
                outer.rollback()
            session.close()

        return ScenarioScope(session, db, joined, close)

    def finish(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class DeleteIsolation(Isolation):
    name = "delete"

    def clean(self) -> None:
        with self.engine.begin() as connection:
            for table in reversed(self.metadata.sorted_tables):
                connection.execute(table.delete())


class RecreateIsolation(Isolation):
    name = "recreate"
    works_by_url = False  # the running service holds the schema

    def clean(self) -> None:
        self.metadata.drop_all(self.engine)
        self.metadata.create_all(self.engine)


class RestoreIsolation(Isolation):
    name = "restore"
    needs_empty_start = False

    def __init__(self, engine: Engine, metadata: MetaData) -> None:
        super().__init__(engine, metadata)
        self.snapshot: Snapshot | None = None

    def prepare(self) -> None:
        self.snapshot = Snapshot.take(self.engine, self.metadata)

    def clean(self) -> None:
        assert self.snapshot is not None, "prepare() first"
        self.snapshot.restore(self.engine)


STRATEGIES: dict[str, type[Isolation]] = {
    cls.name: cls
    for cls in (RollbackIsolation, DeleteIsolation, RecreateIsolation, RestoreIsolation)
}
