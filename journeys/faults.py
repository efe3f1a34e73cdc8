"""A database that fails while the service writes: the fault a scenario injects to see that
an operation which cannot be saved leaves nothing half-done (a file stored for a row never
written, a cache told of a change that did not happen).

The refusal sits where the service's statement meets the database driver: a statement that
writes to a refused table, sent while the service answers a request, raises the driver's own
``OperationalError``, which SQLAlchemy wraps as it wraps a lost connection or a full disk.
The harness's own statements (factories, checks, clean-up) are never refused.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, event

from journeys.queries import Statement, current_request

__all__ = ["WriteRefusals"]


class WriteRefusals:
    """Installed on every engine for the run; refuses nothing until a scenario asks."""

    def __init__(self) -> None:
        self._tables: frozenset[str] | None = None  # None: refuse nothing; empty: all
        self._lock = threading.Lock()
        self.refused = 0  # statements refused since the scenario asked

    def install(self) -> None:
        event.listen(Engine, "before_cursor_execute", self._check)

    def uninstall(self) -> None:
        if event.contains(Engine, "before_cursor_execute", self._check):
            event.remove(Engine, "before_cursor_execute", self._check)

    def refuse(self, tables: Iterable[str] = ()) -> None:
        """Refuse the service's writes to these tables (all, if none is named)."""
        with self._lock:
            self._tables = frozenset(t.lower() for t in tables)
            self.refused = 0

    def clear(self) -> None:
        with self._lock:
            self._tables = None

    def _check(self, conn: Any, _cursor: Any, sql: str, parameters: Any, *_: Any) -> None:
        tables = self._tables
        if tables is None or current_request() is None:
            return
        table = Statement(sql, parameters, None, None).written_table
        if table is None or (tables and table.lower() not in tables):
            return
        with self._lock:
            self.refused += 1
        error = conn.dialect.loaded_dbapi.OperationalError
        raise error(f"journeys: the scenario made the database refuse writes to {table}")
