"""``python -m journeys clean``: remove what killed runs left behind, and nothing else."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData

from journeys import engines, filestore, guards, run_ledger, run_marker
from journeys.exceptions import SettingsError
from journeys.settings import Settings, journeys_table, mask_url
from journeys.target import load_target


def userdata(defines: list[str], folder: Path) -> dict[str, Any]:
    """behave's userdata as a run in ``folder`` would see it: pyproject, then -D."""
    found: dict[str, Any] = {}
    pyproject = folder / "pyproject.toml"
    if pyproject.exists():
        config = tomllib.loads(pyproject.read_text())
        found.update(config.get("tool", {}).get("behave", {}).get("userdata", {}))
    for define in defines:
        name, equals, value = define.partition("=")
        if not equals:
            raise SettingsError(f"-D {define!r}: write it as -D name=value")
        found[name] = value
    return found


def clean(defines: list[str], folder: Path | None = None) -> list[str]:
    """Everything stopped runs left, one line per thing done: storage folders, names on the
    broker and keys in the cache (from their ledgers), rows in the database."""
    folder = folder or Path.cwd()
    sys.path.insert(0, str(folder))  # the target lives beside the steps, as for behave
    given = dict(define.partition("=")[::2] for define in defines)
    settings = Settings.load(userdata(defines, folder), defines=given, table=journeys_table(folder))
    done = [
        f"removed {path}, the storage folder of a run that was stopped"
        for path in filestore.remove_abandoned()
    ]
    done += run_ledger.remove_abandoned(settings)
    if settings.database_url:
        done += clean_left_rows(settings)
    elif not done:
        raise SettingsError(
            "nothing to clean, and no database to look in: give JOURNEYS_DATABASE_URL (or -D "
            "database_url=...), as for the run that was stopped. A temporary SQLite database "
            "is removed with its run and never needs cleaning."
        )
    return done


def clean_left_rows(settings: Settings) -> list[str]:
    guards.check_database(settings)
    target = load_target(settings.target)
    url = engines.sync_url(settings.database_url)
    engine = engines.prepare((target.make_engine or engines.make_engine)(url))
    try:
        metadata = target.metadata
        if metadata is None:
            metadata = MetaData()
            metadata.reflect(engine)
        done = run_marker.clean(engine, metadata)
    finally:
        engine.dispose()
    where = mask_url(settings.database_url)
    return [f"{line} in {where}" for line in done] or [
        f"nothing to clean: no stopped journeys run left rows in {where}"
    ]
