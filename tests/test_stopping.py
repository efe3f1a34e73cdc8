"""A stop is clean whatever the signals, and its records tell the truth: runs that use every
part (committed rows, the broker, the cache, the storage folder) are terminated twice,
killed, stopped during start-up, or lose their database mid-run."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import REPO, BehaveProject

WAIT = """
import time
from pathlib import Path
from behave import given

@given("the run leaves something in every part and waits to be stopped")
def step_wait(context):
    run = context.run
    run.cache.client.set("probe", "kept until the run ends")
    (run.storage.root / "probe.txt").write_text("kept until the run ends")
    Path(context.config.userdata["probe.marker"]).write_text("waiting")
    for _ in range(1200):
        time.sleep(0.05)
"""

FEATURE = """
Feature: Stopped
  Scenario: Stopped midway
    Given the shop sells 2 products
    And the run leaves something in every part and waits to be stopped

  Scenario: Never reached
    Given the shop sells 2 products

  Scenario: Never reached either
    Given the shop sells 2 products
"""


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


RABBIT = "amqp://guest:guest@127.0.0.1:5672//" if _listening(5672) else ""
REDIS = "redis://127.0.0.1:6379/15" if _listening(6379) else ""
needs_parts = pytest.mark.skipif(
    not (RABBIT and REDIS), reason="needs RabbitMQ and Redis on 127.0.0.1 (CI starts them)"
)


class Run:
    """behave in its own process, on a SQLite file under isolation=delete, with RabbitMQ,
    Redis and a storage folder; its temporary folder is the test's own."""

    def __init__(self, project: BehaveProject, tmp_path: Path) -> None:
        self.project = project
        self.db = tmp_path / "stopped_test.sqlite3"
        self.tmp = tmp_path / "tmp"
        self.tmp.mkdir()
        self.marker = tmp_path / "waiting"
        self.settings = [
            "-D", "isolation=delete", "-D", f"database_url=sqlite:///{self.db}",
            "-D", f"broker_url={RABBIT}", "-D", f"cache_url={REDIS}",
        ]  # fmt: skip
        self.env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(self.tmp)}

    def start(self) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "behave", "--no-capture", *self.settings,
             "-D", f"probe.marker={self.marker}", "--junit", "--junit-directory", "junit", "features"],
            cwd=self.project.root, env=self.env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip

    def waiting(self, process: subprocess.Popen[str]) -> None:
        for _ in range(1200):
            if self.marker.exists():
                return
            if process.poll() is not None:
                raise AssertionError(process.communicate()[1][-3000:])
            time.sleep(0.05)
        raise AssertionError("the run never reached its waiting step")

    def ledgers(self) -> list[dict]:
        return [json.loads(p.read_text()) for p in self.tmp.glob("journeys-run-*.json")]

    def rows(self) -> int:
        with sqlite3.connect(self.db) as db:
            return int(db.execute("select count(*) from products").fetchone()[0])

    def clean(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "journeys", "clean", *self.settings],
            cwd=self.project.root, env=self.env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip


def _queues_exist(names: list[str]) -> list[str]:
    from kombu import Connection

    found = []
    for name in names:
        with Connection(RABBIT) as connection:
            try:
                connection.default_channel.queue_declare(name, passive=True)
                found.append(name)
            except Exception:  # 404 NOT_FOUND: gone
                pass
    return found


def _redis_keys(prefix: str) -> list[bytes]:
    import redis

    client = redis.Redis.from_url(REDIS)
    try:
        return list(client.scan_iter(match=prefix + "*"))
    finally:
        client.close()


def _said(stderr: str, what: str) -> str:
    """What the run said it uses: the broker's name prefix, the cache's key prefix, or the
    storage folder."""
    line = next(line for line in stderr.splitlines() if line.startswith(f"journeys: {what}="))
    if what == "storage":
        return line.split("=", 1)[1].split(",")[0]
    return line.split(" with ")[1].split()[1].removesuffix("*,")


@pytest.fixture
def run(project: BehaveProject, tmp_path: Path) -> Run:
    project.steps(WAIT, name="wait_steps.py")
    project.feature(FEATURE)
    return Run(project, tmp_path)


@needs_parts
def test_two_terms_and_a_ctrl_c_end_in_one_clean_stop(run: Run) -> None:
    process = run.start()
    run.waiting(process)
    # Signals while the step is interrupted, during the clean-up, and after it.
    for pause, number in ((0, signal.SIGTERM), (0.01, signal.SIGTERM), (0.01, signal.SIGINT),
                          (0.2, signal.SIGTERM), (0.5, signal.SIGINT)):  # fmt: skip
        time.sleep(pause)
        process.send_signal(number)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stderr[-3000:]
    assert stderr.count("stopped by signal SIGTERM; cleaning up before stopping") == 1
    assert "already stopping, the clean-up goes on" in stderr
    prefix, keys = _said(stderr, "broker"), _said(stderr, "cache")
    storage = Path(_said(stderr, "storage"))
    # Everything the run made is gone, without any clean command.
    assert run.rows() == 0
    assert _redis_keys(keys) == []
    assert _queues_exist([f"{prefix}journeys.tap"]) == []
    assert not storage.exists()
    assert run.ledgers() == []
    # The scenarios it did not run are skipped, with the reason, not counted as passed.
    suite = ET.parse(run.project.root / "junit" / "TESTS-probe.xml").getroot()
    skipped = {c.get("name"): c.find("skipped") for c in suite.iter("testcase")}
    assert skipped["Never reached"] is not None and skipped["Never reached either"] is not None
    assert skipped["Never reached"].get("message") == (
        "not run: the run was stopped by signal SIGTERM"
    )
    assert suite.get("skipped") == "2"


@needs_parts
def test_what_a_killed_run_left_everywhere_is_removed_by_clean(run: Run) -> None:
    process = run.start()
    run.waiting(process)
    process.kill()
    _, stderr = process.communicate(timeout=60)
    try:
        prefix, keys = _said(stderr, "broker"), _said(stderr, "cache")
        storage = Path(_said(stderr, "storage"))
        (ledger,) = run.ledgers()
        queues = ledger["parts"]["broker"]["queues"]
        assert f"{prefix}journeys.tap" in queues and ledger["parts"]["cache"]["prefix"] == keys
        assert _queues_exist(queues) == queues
        assert _redis_keys(keys) and storage.is_dir() and run.rows() == 2
    finally:  # whatever failed above, the shared broker and cache are left as found
        cleaned = run.clean()
    assert cleaned.returncode == 0, cleaned.stderr
    said = cleaned.stdout
    assert f"deleted {len(queues)} queues and " in said
    assert f"deleted 1 cache keys {keys}*" in said
    assert "the storage folder of a run that was stopped" in said
    assert "deleted the rows of the run" in said
    assert _queues_exist(queues) == [] and _redis_keys(keys) == []
    assert not storage.exists() and run.ledgers() == [] and run.rows() == 0


def test_a_run_stopped_during_start_up_writes_its_records(
    project: BehaveProject, tmp_path: Path
) -> None:
    marker = tmp_path / "starting"
    (project.root / "slow_target.py").write_text(
        "import time\nfrom dataclasses import replace\nfrom pathlib import Path\n"
        "from support.target import TARGET as SHOP\n\n"
        "def make_app(wiring):\n"
        f"    Path({str(marker)!r}).write_text('starting')\n"
        "    time.sleep(60)\n\n"
        "TARGET = replace(SHOP, make_app=make_app)\n"
    )
    project.feature(FEATURE)
    results = project.root / "allure"
    process = subprocess.Popen(
        [sys.executable, "-m", "behave", "-D", "target=slow_target:TARGET", "--junit",
         "--junit-directory", "junit", "-f", "journeys.allure_formatter:AllureFormatter",
         "-o", str(results), "features"],
        cwd=project.root, env={**os.environ, "PYTHONPATH": f"{project.root}:{REPO}"},
        text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    for _ in range(600):
        if marker.exists() or process.poll() is not None:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1, stderr[-3000:]
    reason = "the run was stopped by signal SIGTERM during start-up"
    assert f"journeys: the run did not start. {reason}" in stderr
    junit = (project.root / "junit" / "TESTS-journeys-run.xml").read_text()
    assert reason in junit and 'errors="1"' in junit
    broken = [json.loads(p.read_text()) for p in results.glob("*-result.json")]
    assert [r["status"] for r in broken] == ["broken"]
    assert reason in broken[0]["statusDetails"]["message"]


PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

GONE = """
from behave import given
from sqlalchemy import create_engine, text

@given("the database goes away")
def step_gone(context):
    url = context.harness.engine.url
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{url.database}" WITH (FORCE)'))
    admin.dispose()
"""


@pytest.mark.skipif(not _listening(5432), reason="needs PostgreSQL on 127.0.0.1 (CI has it)")
def test_a_database_gone_mid_run_stops_it_after_three_scenarios(project: BehaveProject) -> None:
    project.steps(GONE, name="gone_steps.py")
    scenarios = "".join(
        f"\n  Scenario: After it {n}\n    Given the shop sells 2 products\n" for n in range(6)
    )
    project.feature(
        "Feature: Gone\n  Scenario: It goes\n    Given the database goes away\n" + scenarios
    )
    # A database of its own for the run (as a parallel worker's), so dropping it harms no one.
    done = project.run("-D", f"database_url={PG}", "-D", "worker_id=gone", "--junit",
                       "--junit-directory", "junit")  # fmt: skip
    assert done.returncode == 1
    assert "the run stopped: 3 scenarios in a row could not run" in done.stderr
    assert "OperationalError" in done.stderr
    suite = ET.parse(project.root / "junit" / "TESTS-probe.xml").getroot()
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    # The scenario that dropped it cannot check its invariants: the first of three.
    assert [n for n, c in cases.items() if c.find("error") is not None] == [
        "It goes", "After it 0", "After it 1",
    ]  # fmt: skip
    skipped = [n for n, c in cases.items() if c.find("skipped") is not None]
    assert skipped == ["After it 2", "After it 3", "After it 4", "After it 5"]
    assert suite.get("skipped") == "4"
    assert "HOOK-ERROR" not in done.output


@pytest.mark.skipif(not _listening(5432), reason="needs PostgreSQL on 127.0.0.1 (CI has it)")
def test_a_missing_database_is_told_apart_from_a_server_that_is_down(
    project: BehaveProject,
) -> None:
    project.feature(FEATURE)
    missing = project.run(
        "-D", "database_url=postgresql+psycopg://postgres@127.0.0.1:5432/none_test"
    )
    assert missing.returncode == 1
    assert (
        "the database server answers, but has no database 'none_test' "
        "(postgresql+psycopg://postgres@127.0.0.1:5432/none_test): create it with createdb "
        "-h 127.0.0.1 -p 5432 -U postgres none_test" in missing.stderr
    )
    assert "Start the database server" not in missing.stderr
    # Nothing ran: no line says anything passed, and no one is said to have aborted it.
    assert "ABORTED: By user." not in missing.stdout
    assert not [
        line
        for line in missing.stdout.splitlines()
        if " passed" in line and not line.startswith("0 ")
    ]
