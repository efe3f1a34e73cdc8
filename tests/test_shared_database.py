"""By URL, a service that writes to another database than the one journeys reads (a stale
server on an old file) stops the run naming both, instead of failing far away; the same
service on the same database runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, BehaveProject, free_port, wait_until_listening

SERVICE = """
import sqlite3, sys
from wsgiref.simple_server import make_server, WSGIRequestHandler

DATABASE = sys.argv[2]
connection = sqlite3.connect(DATABASE, check_same_thread=False, isolation_level=None)
connection.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT)")


def app(environ, start_response):
    if environ["REQUEST_METHOD"] == "POST":
        connection.execute("INSERT INTO notes (text) VALUES ('a note')")
        start_response("201 Created", [("Content-Type", "application/json")])
        return [b'{"saved": true}']
    start_response("200 OK", [("Content-Type", "application/json")])
    return [b"{}"]


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


make_server("127.0.0.1", int(sys.argv[1]), app, handler_class=Quiet).serve_forever()
"""

TARGET = """
from sqlalchemy import Column, Integer, MetaData, String, Table
from journeys import Target

metadata = MetaData()
Table("notes", metadata, Column("id", Integer, primary_key=True), Column("text", String))
TARGET = Target(name="notes", metadata=metadata)
"""

STEPS = """
from behave import when

@when("{who} saves a note on the service")
def step_save(context, who):
    context.cast.actor(who).call("POST", "/notes", expect=201)
"""

FEATURE = """
Feature: Notes by URL
  Scenario: One note
    When Nora saves a note on the service
  Scenario: Another note
    When Nora saves a note on the service
  Scenario: A third note
    When Nora saves a note on the service
"""


@pytest.mark.parametrize("same", [True, False], ids=["same database", "another database"])
def test_a_service_on_another_database_stops_the_run_naming_both(
    project: BehaveProject, tmp_path: Path, same: bool
) -> None:
    (project.root / "notes_target.py").write_text(TARGET)
    (tmp_path / "service.py").write_text(SERVICE)
    project.steps(STEPS, name="notes_steps.py")
    project.feature(FEATURE)
    ours = tmp_path / "notes_test.sqlite3"
    theirs = ours if same else tmp_path / "old_notes_test.sqlite3"
    import sqlite3

    sqlite3.connect(ours).execute(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"
    ).connection.close()
    port = free_port()
    service = subprocess.Popen(
        [sys.executable, str(tmp_path / "service.py"), str(port), str(theirs)]
    )
    try:
        wait_until_listening(port)
        outcome = project.run(
            "-D", "target=notes_target:TARGET", "-D", f"base_url=http://127.0.0.1:{port}",
            "-D", f"database_url=sqlite:///{ours}",
            env={"PYTHONPATH": f"{project.root}:{REPO}", "JOURNEYS_DATABASE_URL": ""},
        )  # fmt: skip
    finally:
        service.terminate()
        service.wait(timeout=10)
    if same:
        assert outcome.returncode == 0, outcome.output[-3000:]
        assert "3 scenarios passed" in outcome.stdout
        return
    assert outcome.returncode == 1
    assert (
        f"the service at http://127.0.0.1:{port} answered POST http://127.0.0.1:{port}/notes -> 201"
        in outcome.output
    )
    assert (
        f"but nothing changed in the database journeys reads (sqlite:///{ours})" in outcome.output
    )
    assert (
        "A third note" not in outcome.stdout.split("Failing scenarios")[0]
        or "skipped" in outcome.output
    )
