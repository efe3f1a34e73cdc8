"""A service with its own async SQLAlchemy engine, served in-process: journeys reads its
database through the synchronous driver, and since an async engine cannot share the
scenario's connection, rollback says so and a committing strategy isolates it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO, BehaveProject

SERVICE = """
from fastapi import FastAPI
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select
from sqlalchemy.ext.asyncio import create_async_engine

from journeys import Target

metadata = MetaData()
notes = Table("notes", metadata, Column("id", Integer, primary_key=True), Column("text", String(100)))


def make_app(wiring):
    engine = create_async_engine(wiring.database_url)  # the service's own, async
    app = FastAPI()

    @app.post("/notes", status_code=201)
    async def add(body: dict):
        async with engine.begin() as connection:
            await connection.execute(insert(notes).values(text=body["text"]))
        return body

    @app.get("/notes")
    async def every():
        async with engine.connect() as connection:
            return [row.text for row in await connection.execute(select(notes))]

    return app


TARGET = Target(name="notes", metadata=metadata, make_app=make_app)
"""

STEPS = """
from behave import then, when
from sqlalchemy import select, text

from journeys import agree


@when('{who} writes the note "{note}"')
def step_write(context, who, note):
    context.cast.actor(who).call("POST", "/notes", json={"text": note}, expect=201)


@then('the notes are "{note}"')
def step_notes(context, note):
    api = context.cast.spotlight.call("GET", "/notes", expect=200).json()
    stored = [r["text"] for r in context.run.db.rows(text("SELECT text FROM notes"))]
    agree("the notes", [note], api=api, database=stored)
"""

FEATURE = """
Feature: Notes
  Scenario: A note
    When Nora writes the note "first"
    Then the notes are "first"

  Scenario: Another note, alone
    When Nora writes the note "second"
    Then the notes are "second"
"""


def _project(project: BehaveProject) -> BehaveProject:
    (project.root / "notes_service.py").write_text(SERVICE)
    project.steps(STEPS, name="notes_steps.py")
    project.feature(FEATURE)
    return project


def _run(project: BehaveProject, url: str, *args: str):  # type: ignore[no-untyped-def]
    return project.run(
        "-D", "target=notes_service:TARGET", "-D", f"database_url={url}", *args,
        env={"PYTHONPATH": f"{project.root}:{REPO}"},
    )  # fmt: skip


def test_rollback_cannot_hold_an_async_engine_and_says_what_will(
    project: BehaveProject, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'notes_test.sqlite3'}"
    outcome = _run(_project(project), url)
    assert outcome.returncode == 1
    assert "journeys reads the database through sqlite+pysqlite" in outcome.stderr
    assert (
        "the service wrote to notes through its own async engine (sqlite+aiosqlite), which "
        "cannot share the scenario's synchronous connection" in outcome.output
    )
    assert "isolation=delete" in outcome.output


def test_a_committing_strategy_isolates_an_async_service(
    project: BehaveProject, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'notes_test.sqlite3'}"
    outcome = _run(_project(project), url, "-D", "isolation=delete")
    assert outcome.returncode == 0, outcome.output[-3000:]
    assert "2 scenarios passed" in outcome.stdout
