"""What the database held when the run started, and how to put exactly that back.

For a service journeys cannot put inside a transaction (one running in another process),
each scenario commits; afterwards every row it added is deleted, every row it changed is
changed back and every row it deleted is inserted again, so reference data (categories, an
admin account) survives the run untouched. Every table needs a primary key to be compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, MetaData, Table, and_, func, or_, select

from journeys.database import rows_by_key
from journeys.exceptions import HarnessError

Key = tuple[Any, ...]
# Kept in memory and compared after every scenario: meant for reference data, not a copy
# of production.
MAX_ROWS = 10_000


@dataclass
class Snapshot:
    metadata: MetaData
    rows: dict[str, dict[Key, dict[str, Any]]]

    @classmethod
    def take(cls, engine: Engine, metadata: MetaData) -> Snapshot:
        no_key = [t.name for t in metadata.sorted_tables if not t.primary_key.columns]
        if no_key:
            raise HarnessError(
                f"isolation=restore cannot tell rows apart in {', '.join(no_key)}: these "
                "tables have no primary key. Add one, or use isolation=delete on an empty "
                "test database."
            )
        with engine.connect() as connection:
            for table in metadata.sorted_tables:
                count = connection.execute(select(func.count()).select_from(table)).scalar()
                if (count or 0) > MAX_ROWS:
                    raise HarnessError(
                        f"isolation=restore keeps the starting rows in memory, and "
                        f"{table.name} holds {count} (more than {MAX_ROWS}): this does not "
                        "look like a test database. Point JOURNEYS_DATABASE_URL at one."
                    )
            rows = {t.name: rows_by_key(connection, t) for t in metadata.sorted_tables}
        return cls(metadata, rows)

    def restore(self, engine: Engine) -> None:
        tables = self.metadata.sorted_tables
        with engine.begin() as connection:
            now = {t.name: rows_by_key(connection, t) for t in tables}
            for table in tables:  # put back what was deleted, parents first
                missing = [
                    row for key, row in self.rows[table.name].items() if key not in now[table.name]
                ]
                if missing:
                    connection.execute(table.insert(), missing)
            for table in tables:  # change back what was changed
                for key, row in self.rows[table.name].items():
                    current = now[table.name].get(key)
                    if current is not None and current != row:
                        connection.execute(table.update().where(_is(table, [key])).values(row))
            for table in reversed(tables):  # remove what was added, children first
                added = [key for key in now[table.name] if key not in self.rows[table.name]]
                for start in range(0, len(added), 500):
                    connection.execute(table.delete().where(_is(table, added[start : start + 500])))

    def differences(self, engine: Engine) -> dict[str, int]:
        """Rows that differ from the snapshot, per table (for checks after a run)."""
        with engine.connect() as connection:
            now = {t.name: rows_by_key(connection, t) for t in self.metadata.sorted_tables}
        found = {}
        for name, rows in self.rows.items():
            changed = sum(
                1 for key in set(rows) | set(now[name]) if rows.get(key) != now[name].get(key)
            )
            if changed:
                found[name] = changed
        return found


def _is(table: Table, keys: Iterable[Key]) -> Any:
    columns = list(table.primary_key.columns)
    keys = list(keys)
    if len(columns) == 1:
        return columns[0].in_([k[0] for k in keys])
    return or_(*(and_(*(c == v for c, v in zip(columns, key, strict=True))) for key in keys))
