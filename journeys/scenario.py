"""What one scenario holds, owned by one object and ended as one: its connection and
factory session, its actors, its records, and the parts it can make fail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from journeys import data
from journeys.database import ScenarioDatabase
from journeys.faults import WriteRefusals
from journeys.http import Recorder
from journeys.isolation import Isolation, ScenarioScope
from journeys.personas import Cast
from journeys.queries import QueryLog

__all__ = ["ScenarioRun"]


@dataclass
class ScenarioRun:
    """One scenario's connection, factory session, actors and records; ended as one."""

    key: str
    seed: int
    cast: Cast
    db: ScenarioDatabase
    recorder: Recorder
    queries: QueryLog
    services: dict[str, Any]
    scope: ScenarioScope
    strategy: Isolation
    factories: data.FactoryScope
    skipped_invariants: set[str] = field(default_factory=set)
    broker: Any = None  # journeys.broker.Broker, for a target with events
    cache: Any = None  # journeys.keystore.KeyStore, for a target with a cache
    storage: Any = None  # journeys.filestore.FileStore, for a target with storage
    refusals: WriteRefusals | None = None
    # Everything the service holds now: {table: {key: row}} and, for a target with them,
    # "storage" (files) and "cache" (keys); compare two with journeys.checks.unchanged.
    holdings: Callable[[], dict[str, Any]] = dict
    # A system's databases by service name (the entry's is ``db`` too); one service: {}.
    dbs: dict[str, ScenarioDatabase] = field(default_factory=dict)
    # With the tracing setting on: the spans each step caused, (step, journeys.tracing.Span).
    spans: list[tuple[str | None, Any]] = field(default_factory=list)

    # The scenario's When steps so far (their keys): a Then checks what the last one did.
    actions: list[str] = field(default_factory=list)

    def trace_of_last_action(self) -> list[Any]:
        """The spans the last When step caused (a Then checks its When's trace)."""
        return self.spans_in(self.actions[-1]) if self.actions else []

    def spans_in(self, step: str | None = None) -> list[Any]:
        """The spans a step caused (the current one if none is named)."""
        step = self.recorder.step if step is None else step
        return [span for at, span in self.spans if at == step]

    def refuse_writes(self, *tables: str) -> None:
        """Until the scenario ends (or ``accept_writes``), the database refuses the service's
        writes to these tables (every table if none is named), as a database that fails."""
        assert self.refusals is not None
        self.refusals.refuse(tables)

    def accept_writes(self) -> None:
        assert self.refusals is not None
        self.refusals.clear()

    def end(self) -> None:
        if self.refusals is not None:
            self.refusals.clear()
        self.cast.dismiss()
        data.use(None)
        self.scope.close()
