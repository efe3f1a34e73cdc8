"""Alembic, driven from code: the shop and the harness build the schema the same way."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    from alembic.config import Config  # imported when migrating: a run that starts from an
    # already migrated database does without it (0.1 s)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(
    *, url: str | None = None, connection: Connection | None = None, revision: str = "head"
) -> None:
    from alembic import command

    command.upgrade(alembic_config(url, connection), revision)
