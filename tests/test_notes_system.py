"""The two-service example (examples/notes_system): an accounts service (FastAPI, async
SQLAlchemy) and a notes service (Flask, SQLAlchemy) joined by events on a broker of the
system's own. Its suite passes in-process and by URL, on its default backends and on
PostgreSQL + MariaDB + RabbitMQ, and leaves both databases and the broker as it found them:
reference rows planted before the run are still there, nothing else is."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, text

from journeys.engines import sync_url
from tests.conftest import REPO, Outcome, free_port, run_behave

EXAMPLE = REPO / "examples" / "notes_system"
RABBIT = "amqp://guest:guest@127.0.0.1:5672//"
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432"
MARIADB = "mysql+pymysql://root@127.0.0.1:3306"
# Its runs name their own databases and never read the run's: once per CI is enough.
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("JOURNEYS_DATABASE_URL")),
    reason="the example's runs do not depend on JOURNEYS_DATABASE_URL (run in the SQLite stage)",
)
SCENARIOS = re.compile(r"(\d+) scenarios? passed, 0 failed, 0 skipped")


def listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def example_models() -> tuple[object, object]:
    """The two services' tables, from the example's folder (its modules are not installed)."""
    sys.path.insert(0, str(EXAMPLE))
    try:
        from accounts.models import Base as AccountsBase
        from notes.models import Base as NotesBase
    finally:
        sys.path.remove(str(EXAMPLE))
    return AccountsBase.metadata, NotesBase.metadata


@dataclass
class Backends:
    accounts: str  # as the accounts service is given it (its async driver)
    notes: str
    broker: str
    prefix: str

    def sync(self, url: str) -> str:
        return sync_url(url)  # as journeys reads it


def plant_reference_rows(backends: Backends) -> None:
    """The schema, and one member with a note, as a system in use would already hold."""
    accounts_metadata, notes_metadata = example_models()
    for url, metadata in ((backends.accounts, accounts_metadata), (backends.notes, notes_metadata)):
        engine = create_engine(backends.sync(url))
        metadata.create_all(engine)  # type: ignore[attr-defined]
        with engine.begin() as connection:
            if metadata is accounts_metadata:
                connection.execute(
                    insert(metadata.tables["users"]),  # type: ignore[attr-defined]
                    {"id": 900, "name": "Reference Ruth", "password_hash": "x$y$z", "bio": "kept"},
                )
            else:
                tables = metadata.tables  # type: ignore[attr-defined]
                connection.execute(
                    insert(tables["authors"]), {"id": 900, "name": "Reference Ruth", "bio": "kept"}
                )
                connection.execute(insert(tables["notes"]), {"author_id": 900, "text": "Kept."})
        engine.dispose()


def everything(backends: Backends) -> dict[str, list[tuple[object, ...]]]:
    held = {}
    for url, tables in ((backends.accounts, ["users"]), (backends.notes, ["authors", "notes"])):
        engine = create_engine(backends.sync(url))
        with engine.connect() as connection:
            for table in tables:
                held[table] = sorted(connection.execute(text(f"SELECT * FROM {table}")).all())
        engine.dispose()
    return held


def remove_system_topology(backends: Backends) -> int:
    """What the system made on RabbitMQ (its exchange, its consumer's queue), removed as
    its own clean-up would; how many events were left waiting in the queue."""
    from kombu import Connection, Exchange, Queue

    with Connection(backends.broker) as connection:
        channel = connection.default_channel
        queue = Queue(f"{backends.prefix}.notes.user-events")(channel)
        waiting = int(queue.queue_declare(passive=True)[1])
        queue.delete()
        Exchange(f"{backends.prefix}.accounts")(channel).delete()
    return waiting


def journeys_queues() -> set[str]:
    """The queues of journeys runs on the broker (other runs on it may have their own)."""
    listed = subprocess.run(
        ["rabbitmqctl", "list_queues", "-q", "name"], capture_output=True, text=True, timeout=60
    )
    return {q for q in listed.stdout.split() if q.startswith("journeys.")}


def left_queues(others: set[str], patience: float = 60) -> set[str]:
    """The journeys queues on the broker now but not before, once the runs that started
    meanwhile (other tests on the same broker) have ended: a queue a run leaves stays."""
    deadline = time.monotonic() + patience
    while (left := journeys_queues() - others) and time.monotonic() < deadline:
        time.sleep(1)
    return left


def own_databases(token: str) -> Iterator[tuple[str, str]]:
    postgres = create_engine(f"{POSTGRES}/test", isolation_level="AUTOCOMMIT")
    mariadb = create_engine(MARIADB)
    name = f"test_notes_{token}"
    with postgres.connect() as pg, mariadb.connect() as my:
        pg.execute(text(f"CREATE DATABASE {name}"))
        my.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield f"{POSTGRES}/{name}", f"{MARIADB}/{name}"
    finally:
        with postgres.connect() as pg, mariadb.connect() as my:
            pg.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            my.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        postgres.dispose()
        mariadb.dispose()


@pytest.fixture(params=["default", "postgres+mariadb+rabbitmq"])
def backends(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backends]:
    token = f"{os.getpid()}_{time.monotonic_ns() % 10**6}"
    prefix = f"notes-test-{token}"
    if request.param == "default":
        yield Backends(
            f"sqlite+aiosqlite:///{tmp_path / 'accounts_test.db'}",
            f"sqlite:///{tmp_path / 'notes_test.db'}",
            "memory://",
            prefix,
        )
        return
    if not (listening(5432) and listening(3306) and listening(5672)):
        pytest.skip("PostgreSQL, MariaDB and RabbitMQ are not all running here")
    databases = own_databases(token)
    accounts, notes = next(databases)
    try:
        yield Backends(accounts, notes, RABBIT, prefix)
    finally:
        next(databases, None)


def run_suite(backends: Backends, by_url: bool, *args: str, cwd: Path = EXAMPLE) -> Outcome:
    env = {"EVENTS_PREFIX": backends.prefix, "NOTES_OPS_TOKEN": "ops-token-for-the-test"}
    urls = [f"database_url.accounts={backends.accounts}", f"database_url.notes={backends.notes}"]
    if not by_url:
        defines = [*urls, f"system_broker_url={backends.broker}"]
        return run_behave(cwd, *(f"-D{d}" for d in defines), *args, env=env, new_user=True)
    ports = {"accounts": free_port(), "notes": free_port()}
    system = subprocess.Popen(
        [sys.executable, str(cwd / "run_system.py")],
        env={
            **os.environ,
            **env,
            "ACCOUNTS_DATABASE_URL": backends.accounts,
            "NOTES_DATABASE_URL": backends.notes,
            "BROKER_URL": backends.broker,
            "ACCOUNTS_PORT": str(ports["accounts"]),
            "NOTES_PORT": str(ports["notes"]),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not all(listening(p) for p in ports.values()):
            assert system.poll() is None, system.stdout.read() if system.stdout else ""
            assert time.monotonic() < deadline, "the system did not start in 30 s"
            time.sleep(0.1)
        defines = [
            *urls,
            f"system_broker_url={backends.broker}",
            *(f"base_url.{name}=http://127.0.0.1:{port}" for name, port in ports.items()),
        ]
        return run_behave(cwd, *(f"-D{d}" for d in defines), *args, env=env, new_user=True)
    finally:
        system.terminate()
        system.wait(timeout=30)


@pytest.mark.parametrize("by_url", [False, True], ids=["in-process", "by-url"])
def test_the_suite_passes_and_leaves_the_system_as_found(backends: Backends, by_url: bool) -> None:
    if by_url and backends.broker == "memory://":
        if not listening(5672):
            pytest.skip("a system run by URL needs a broker both processes reach: RabbitMQ")
        backends.broker = RABBIT  # memory:// lives in one process; by URL there are two
    plant_reference_rows(backends)
    before = everything(backends)
    others = journeys_queues() if backends.broker != "memory://" else set()
    outcome = run_suite(backends, by_url)
    assert outcome.returncode == 0, outcome.output
    passed = SCENARIOS.search(outcome.stdout)
    assert passed and int(passed.group(1)) >= 11, outcome.stdout[-2000:]
    assert everything(backends) == before  # the reference member and her note, nothing else
    if backends.broker != "memory://":
        assert remove_system_topology(backends) == 0  # nothing left in flight
        assert left_queues(others) == set()  # the run's own queues (its tap) are gone


def test_an_event_later_than_the_settle_timeout_fails_the_step_saying_what_waits(
    tmp_path: Path,
) -> None:
    backends = Backends(
        f"sqlite+aiosqlite:///{tmp_path / 'a_test.db'}",
        f"sqlite:///{tmp_path / 'n_test.db'}",
        "memory://",
        "late",
    )
    outcome = run_suite(backends, False, "-n", "read slowly", "-D", "settle_timeout=0.1")
    assert outcome.returncode == 1
    assert "the system had not settled 0.1 s after the step" in outcome.output
    assert re.search(r"still in flight: notes has \d account event\(s\) waiting", outcome.output)


def test_a_consumer_that_drops_bio_changes_is_caught_by_four_witnesses_and_the_rule(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "notes_system"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.db"))
    consumer = copy / "notes" / "consumer.py"
    kept = 'author.name, author.bio = event["name"], event.get("bio", "")'
    assert kept in consumer.read_text()
    consumer.write_text(consumer.read_text().replace(kept, 'author.name = event["name"]'))
    backends = Backends(
        f"sqlite+aiosqlite:///{tmp_path / 'a_test.db'}",
        f"sqlite:///{tmp_path / 'n_test.db'}",
        "memory://",
        "bug",
    )
    outcome = run_suite(backends, False, "-n", "new bio", cwd=copy)
    assert outcome.returncode == 1
    assert (
        "the accounts_api says 'Writes about bread', the accounts_database says 'Writes about "
        "bread', the notes_api says '', the notes_database says ''"
    ) in outcome.output
    # Without the step that asks all four, the rule across the databases still catches it.
    members = copy / "features" / "members.feature"
    asks = '      Then both services say Nora\'s bio is "Writes about bread"\n'
    assert asks in members.read_text()
    members.write_text(members.read_text().replace(asks, ""))
    outcome = run_suite(backends, False, "-n", "new bio", cwd=copy)
    assert outcome.returncode == 1
    assert "authors_match_users" in outcome.output
    assert re.search(r"\| \d+ +\| Nora \| +\|", outcome.output)  # her author row, bio empty


def test_the_user_factory_says_to_register_instead() -> None:
    tried = subprocess.run(
        [sys.executable, "-c", "from factories import UserFactory; UserFactory()"],
        cwd=EXAMPLE,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert tried.returncode == 1
    assert "a user exists in two services" in tried.stderr
    assert "Make one by registering: support.tasks.register(actor)" in tried.stderr
