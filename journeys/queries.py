"""Every SQL statement the service runs, tied to the HTTP request that made it run.

Each request an actor sends carries an ``X-Journeys-Request`` id; a thin ASGI wrapper puts
it in a context variable for the request's duration (FastAPI's worker threads and a2wsgi's
inherit it), and an event on every engine in the process files each statement under the id
in force, so SQL the service runs through an engine of its own is recorded too (and marked,
since it escapes the scenario's transaction). Statements the harness runs itself
(factories, database checks) carry no request id.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import requests
from sqlalchemy import Engine, event

REQUEST_HEADER = "X-Journeys-Request"
_current_request: ContextVar[str | None] = ContextVar("journeys_request", default=None)


# Transaction control differs between isolation strategies; budgets count data statements.
_CONTROL = re.compile(r"^\s*(SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT)\b", re.IGNORECASE)
_WRITE = re.compile(
    r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO)"
    r"\s+[\"`\[]?(?:\w+[\"`\]]?\.)?[\"`\[]?(\w+)",
    re.IGNORECASE,
)


def current_request() -> str | None:
    """The id of the request the service is answering in this thread; None for the harness."""
    return _current_request.get()


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: Any
    request: str | None
    step: str | None
    # Run through an engine other than the harness's: outside the scenario's transaction.
    outside: bool = False

    @property
    def reads_or_writes_data(self) -> bool:
        return not _CONTROL.match(self.sql)

    @property
    def written_table(self) -> str | None:
        """The table an INSERT, UPDATE or DELETE writes to; None for anything else."""
        match = _WRITE.match(self.sql)
        return match[1] if match else None


@dataclass
class QueryLog:
    statements: list[Statement] = field(default_factory=list)
    step: str | None = None
    engine: Engine | None = None  # the harness's: statements on any other are "outside"
    # In a system, the other services' engines: their statements are theirs, not recorded.
    peers: list[Engine] = field(default_factory=list)

    def install(self, engine: Engine | None) -> None:
        """Record every statement of every engine in this process."""
        self.engine = engine
        event.listen(Engine, "before_cursor_execute", self._record)

    def uninstall(self) -> None:
        if event.contains(Engine, "before_cursor_execute", self._record):
            event.remove(Engine, "before_cursor_execute", self._record)

    def reset(self) -> None:
        self.statements = []
        self.step = None

    def _record(self, conn: Any, _cursor: Any, sql: str, parameters: Any, *_: Any) -> None:
        if any(conn.engine is peer for peer in self.peers):
            return
        outside = self.engine is not None and conn.engine is not self.engine
        self.statements.append(
            Statement(sql, parameters, _current_request.get(), self.step, outside)
        )

    def written_outside(self) -> list[str]:
        """Tables the service wrote through an engine of its own, in order of first write."""
        tables = [s.written_table for s in self.statements if s.outside]
        return list(dict.fromkeys(t for t in tables if t))

    def of_request(self, request_id: str | None) -> list[Statement]:
        return [s for s in self.statements if request_id and s.request == request_id]

    def of_response(self, response: requests.Response) -> list[Statement]:
        """The data statements (no transaction control) the service ran for this response."""
        request_id = response.request.headers.get(REQUEST_HEADER)
        return [s for s in self.of_request(str(request_id)) if s.reads_or_writes_data]

    def in_step(self, step: str) -> list[Statement]:
        return [s for s in self.statements if s.step == step]


class TagRequests:
    """ASGI wrapper: the request id from the header is in force while the app serves it."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app
        self._header = REQUEST_HEADER.lower().encode()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        request_id = None
        if scope["type"] == "http":
            for name, value in scope.get("headers", ()):
                if name == self._header:
                    request_id = value.decode("latin-1")
        token = _current_request.set(request_id)
        try:
            await self.app(scope, receive, send)
        finally:
            _current_request.reset(token)


def listing(statements: Iterable[Statement]) -> str:
    return "\n".join(f"  {n}. {' '.join(s.sql.split())}" for n, s in enumerate(statements, 1))


def within_budget(what: str, statements: list[Statement], budget: int) -> None:
    if len(statements) > budget:
        raise AssertionError(
            f"{what} took {len(statements)} database queries; the budget is {budget}:\n"
            + listing(statements)
        )


def does_not_grow(what: str, before: list[Statement], after: list[Statement], change: str) -> None:
    """Fails, naming the repeated statement, when the query count grew with the data (N+1)."""
    if len(after) <= len(before):
        return
    counted_before = Counter(" ".join(s.sql.split()) for s in before)
    grown = Counter(" ".join(s.sql.split()) for s in after) - counted_before
    sql, times = grown.most_common(1)[0]
    raise AssertionError(
        f"{what} took {len(before)} database queries, then {len(after)} after {change}: "
        f"the cost grows with the data (an N+1 query). Repeated {times + counted_before[sql]} "
        f"times:\n  {sql}"
    )
