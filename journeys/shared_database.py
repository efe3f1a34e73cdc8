"""By URL, the service and journeys must use one database: journeys' factories write there
and its checks read there. A service started on another database (a stale server, a
deleted SQLite file, a typo in one of two URLs) answers every write with success while
journeys sees nothing, and the run fails far away (401s for users the factories made).

Until the first scenario shows the service writing where journeys reads, each scenario is
judged at its end: rows counted per table, against the count it began with plus what its
factories made. A change confirms the database and the check stops; a scenario whose
service answered 201 Created while nothing changed is a strike, and two stop the run,
naming both databases.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, MetaData

from journeys.exceptions import HarnessError
from journeys.schema import row_counts

STRIKES = 2


class DatabaseNotShared(HarnessError):
    """The service by URL does not write to the database journeys reads."""


class SharedDatabaseCheck:
    def __init__(self, engine: Engine, metadata: MetaData, database: str, url: str) -> None:
        self.engine, self.metadata = engine, metadata
        self.database, self.url = database, url  # for the message: both, masked
        self.confirmed = False
        self.strikes: list[str] = []
        self._start: dict[str, int] | None = None

    def begin(self) -> None:
        if not self.confirmed:
            self._start = row_counts(self.engine, self.metadata)

    def judge(self, run: Any) -> None:
        """At the scenario's end, before its clean-up."""
        if self.confirmed or self._start is None:
            return
        made = {table: len(rows) for table, rows in run.factories.baseline.tables.items()}
        expected = {t: self._start.get(t, 0) + made.get(t, 0) for t in {*self._start, *made}}
        now = row_counts(self.engine, self.metadata)
        if {t: n for t, n in expected.items() if n} != now:
            self.confirmed = True
            return
        created = [e.summary() for e in run.recorder.exchanges if e.status == 201]
        if not created:
            return
        self.strikes.append(created[0])
        if len(self.strikes) >= STRIKES:
            raise DatabaseNotShared(
                f"the service at {self.url} answered {'; '.join(self.strikes)}, but nothing "
                f"changed in the database journeys reads ({self.database}): the service "
                "writes to another database. Start the service on the database you gave "
                "journeys, or set JOURNEYS_DATABASE_URL (database_url) to the one it uses."
            )
