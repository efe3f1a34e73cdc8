"""Tags that say where a scenario can run at all: ``@database:postgresql`` (or
``@database:postgresql,mysql``) runs only on those dialects and is skipped, with its reason,
elsewhere. For a race that SQLite, one writer at a time, cannot show. ``@tracing``: checks
what the services recorded (their spans), so it runs only with the tracing setting on."""

from __future__ import annotations

from collections.abc import Iterable

DATABASE_TAG = "database:"
TRACING_TAG = "tracing"


def untraced(tracing: bool, tags: Iterable[str]) -> str | None:
    """Why a scenario tagged @tracing does not run, if it does not."""
    if tracing or TRACING_TAG not in tags:
        return None
    return (
        f"@{TRACING_TAG}: checks the spans the services record, and this run does not collect "
        "them (run it with -D tracing=true, or JOURNEYS_TRACING=true)"
    )


def other_database(dialect: str, tags: Iterable[str]) -> str | None:
    """Why a scenario tagged @database:... does not run on ``dialect``, if it does not."""
    wanted = [
        name.strip()
        for tag in tags
        if tag.startswith(DATABASE_TAG)
        for name in tag[len(DATABASE_TAG) :].split(",")
        if name.strip()
    ]
    if not wanted or dialect in wanted:
        return None
    return (
        f"@{DATABASE_TAG}{','.join(wanted)}: runs on {' or '.join(wanted)} only, and this "
        f"run's database is {dialect} (set JOURNEYS_DATABASE_URL to one to run it)"
    )
