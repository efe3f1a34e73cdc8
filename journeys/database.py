"""Database questions for Then steps, asked through SQLAlchemy Core on the scenario's view.

Core, never the ORM: an identity map remembers what a factory wrote, not what the app did
since (the app sold 3 mugs, the factory's object still says 10 in stock).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Executable, MetaData, Table, func, select


class ScenarioDatabase:
    def __init__(self, read: Callable[[], AbstractContextManager[Connection]]) -> None:
        self._read = read

    @classmethod
    def committed(cls, engine: Engine) -> ScenarioDatabase:
        """What is committed: a short connection, and so a short transaction, per read."""

        @contextmanager
        def read() -> Iterator[Connection]:
            with engine.connect() as connection:
                yield connection

        return cls(read)

    def rows(self, statement: Executable) -> list[Mapping[str, Any]]:
        with self._read() as connection:
            return [dict(row._mapping) for row in connection.execute(statement)]

    def row(self, statement: Executable) -> Mapping[str, Any] | None:
        found = self.rows(statement)
        if len(found) > 1:
            raise AssertionError(f"expected at most one row, the database has {len(found)}")
        return found[0] if found else None

    def scalar(self, statement: Executable) -> Any:
        with self._read() as connection:
            return connection.execute(statement).scalar()

    def count(self, table: Table, *where: Any) -> int:
        return int(self.scalar(select(func.count()).select_from(table).where(*where)) or 0)

    def table_counts(self, metadata: MetaData) -> dict[str, int]:
        return {table.name: self.count(table) for table in metadata.sorted_tables}

    def everything(self, metadata: MetaData) -> dict[str, dict[tuple[Any, ...], dict[str, Any]]]:
        """Every row of every table, by primary key (a table without one: by position)."""
        with self._read() as connection:
            return {table.name: rows_by_key(connection, table) for table in metadata.sorted_tables}


def rows_by_key(connection: Connection, table: Table) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Every row of the table by its primary key (a table without one: by position)."""
    keys = [column.name for column in table.primary_key.columns]
    rows = connection.execute(select(table)).mappings()
    return {tuple(row[k] for k in keys) if keys else (n,): dict(row) for n, row in enumerate(rows)}
