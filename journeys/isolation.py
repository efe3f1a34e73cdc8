"""Per-scenario isolation: every scenario starts from an empty database.

``rollback`` (the default): one connection per scenario holds an outer transaction; the app's
sessions and the factories' session join it with savepoints, so the app's commit() only
releases a savepoint; after the scenario, pass or fail, the outer transaction is rolled back.
``delete`` and ``recreate`` let everything commit and clean up afterwards: slower, but the
only choice for code that opens its own connections (background workers, real races).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, MetaData, Transaction
from sqlalchemy.orm import Session, sessionmaker

# The sessionmaker's own default: a session that owns its transaction.
UNJOINED = "conditional_savepoint"


@dataclass
class ScenarioScope:
    """What a running scenario holds: the factories' session and a way to read the DB."""

    session: Session
    read: Callable[[], AbstractContextManager[Connection]]


class Isolation:
    name = "abstract"
    # Must the server serve one request at a time (one shared connection)?
    serialise_requests = False

    def __init__(self, engine: Engine, metadata: MetaData, app_sessions: sessionmaker) -> None:
        self.engine = engine
        self.metadata = metadata
        self.app_sessions = app_sessions
        self._session: Session | None = None

    def begin(self) -> ScenarioScope:
        raise NotImplementedError

    def end(self) -> None:
        raise NotImplementedError

    def _close_session(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None


class RollbackIsolation(Isolation):
    name = "rollback"
    serialise_requests = True

    def __init__(self, engine: Engine, metadata: MetaData, app_sessions: sessionmaker) -> None:
        super().__init__(engine, metadata, app_sessions)
        self._connection: Connection | None = None
        self._outer: Transaction | None = None

    def begin(self) -> ScenarioScope:
        connection = self._connection = self.engine.connect()
        self._outer = connection.begin()
        joined = {"bind": connection, "join_transaction_mode": "create_savepoint"}
        self.app_sessions.configure(**joined)
        self._session = Session(**joined, expire_on_commit=False)  # type: ignore[arg-type]

        @contextmanager
        def read() -> Iterator[Connection]:
            yield connection  # the scenario's own view, uncommitted work included

        return ScenarioScope(self._session, read)

    def end(self) -> None:
        self._close_session()
        if self._outer is not None and self._outer.is_active:
            self._outer.rollback()
        if self._connection is not None:
            self._connection.close()
        self._connection = self._outer = None
        self.app_sessions.configure(bind=self.engine, join_transaction_mode=UNJOINED)


class _Committing(Isolation):
    def begin(self) -> ScenarioScope:
        self.app_sessions.configure(bind=self.engine, join_transaction_mode=UNJOINED)
        self._session = Session(bind=self.engine, expire_on_commit=False)

        @contextmanager
        def read() -> Iterator[Connection]:
            with self.engine.connect() as connection:  # a short transaction per read
                yield connection

        return ScenarioScope(self._session, read)


class DeleteIsolation(_Committing):
    name = "delete"

    def end(self) -> None:
        self._close_session()
        with self.engine.begin() as connection:
            for table in reversed(self.metadata.sorted_tables):
                connection.execute(table.delete())


class RecreateIsolation(_Committing):
    name = "recreate"

    def end(self) -> None:
        self._close_session()
        self.metadata.drop_all(self.engine)
        self.metadata.create_all(self.engine)


STRATEGIES: dict[str, type[Isolation]] = {
    cls.name: cls for cls in (RollbackIsolation, DeleteIsolation, RecreateIsolation)
}
