"""Helpers to run journeys black-box: behave in a subprocess on a feature written by the test."""

from __future__ import annotations

import compileall
import os
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from journeys import Harness, Settings, databases
from tests import behave_fork

REPO = Path(__file__).resolve().parent.parent
# What behave runs started by the tests share between them, as a user's runs do (.journeys/).
CACHE = REPO / ".journeys" / "cache"

# A throwaway project's environment.py: journeys' hooks, nothing of its own.
PROJECT_ENVIRONMENT = "from journeys.hooks import *  # noqa\n"

# The project's own steps, loaded into a temporary behave project.
LOAD_REPO_STEPS = f"""
import runpy, pathlib
for path in sorted(pathlib.Path({str(REPO)!r}, "steps").glob("*.py")):
    runpy.run_path(str(path))
"""


def free_port() -> int:
    """A port nothing listens on now, on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_listening(port: int, seconds: float = 5.0) -> None:
    """Until something accepts connections on the loopback port (a server just started)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def database_url() -> str | None:
    """The backend under test: JOURNEYS_DATABASE_URL as the suite sees it, else SQLite."""
    return os.environ.get("JOURNEYS_DATABASE_URL") or None


def run_behave(
    cwd: Path,
    *args: str,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    no_capture: bool = True,
    new_user: bool = False,
) -> Outcome:
    """behave in a subprocess. ``no_capture=False``: output captured as a user's run has it;
    ``new_user``: a new user's shell, with no PYTHONPATH onto this repository and no
    JOURNEYS_* variables (the library found installed, the suite's own modules beside it)."""
    if new_user:
        base = {
            k: v for k, v in os.environ.items() if not k.startswith(("JOURNEYS_", "PYTHONPATH"))
        }
    else:
        base = {"JOURNEYS_CACHE": str(CACHE), **os.environ, "PYTHONPATH": str(REPO)}
    full_env = {**base, **(env or {})}
    behave_args = [*(["--no-capture"] if no_capture else []), *args]
    if forkable(cwd, new_user):
        return Outcome(*behave_fork.run(cwd, behave_args, full_env, timeout))
    completed = subprocess.run(
        [sys.executable, "-m", "behave", *behave_args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Outcome(completed.returncode, completed.stdout, completed.stderr)


def forkable(cwd: Path, new_user: bool) -> bool:
    """Whether behave may run as a fork of the fork server (tests/behave_fork.py): for a
    project on this repository's steps and support, or the repository itself; not for a new
    user's shell, nor a project with modules of its own; BEHAVE_IN_SUBPROCESSES=1 never."""
    if new_user or os.environ.get("BEHAVE_IN_SUBPROCESSES") or not hasattr(os, "fork"):
        return False
    if cwd.resolve() == REPO:
        return True
    environment = cwd / "environment.py"
    return environment.exists() and environment.read_text() == PROJECT_ENVIRONMENT


class BehaveProject:
    """A throwaway behave project: journeys' hooks, the repo's steps, and the test's features."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "features").mkdir(parents=True)
        (root / "steps").mkdir()
        (root / "environment.py").write_text(PROJECT_ENVIRONMENT)
        (root / "steps" / "repo_steps.py").write_text(LOAD_REPO_STEPS)

    def feature(self, text: str, name: str = "probe.feature") -> Path:
        path = self.root / "features" / name
        path.write_text(textwrap.dedent(text).lstrip())
        return path

    def steps(self, text: str, name: str = "extra_steps.py") -> Path:
        path = self.root / "steps" / name
        path.write_text(textwrap.dedent(text).lstrip())
        return path

    def run(self, *args: str, env: dict[str, str] | None = None) -> Outcome:
        return run_behave(self.root, *args, "features", env=env)


@pytest.fixture
def project(tmp_path: Path) -> BehaveProject:
    return BehaveProject(tmp_path / "project")


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    """A started harness on the backend under test, shared by a module's tests."""
    url = database_url() or f"sqlite:///{tmp_path_factory.mktemp('db') / 'harness_test.sqlite3'}"
    started = Harness(Settings(database_url=url, seed=1)).start()
    yield started
    started.stop()


@pytest.fixture(scope="session", autouse=True)
def compiled_once() -> None:
    """Bytecode for the repository's modules, written once: this machine sets
    PYTHONDONTWRITEBYTECODE, so each behave subprocess would compile them again (0.25 s)."""
    for folder in ("journeys", "shop", "support", "steps", "factories"):
        compileall.compile_dir(REPO / folder, quiet=1)


@pytest.fixture(scope="session", autouse=True)
def own_database_per_worker() -> Iterator[None]:
    """Under pytest-xdist, each worker's tests (and the behave runs they start) use a
    PostgreSQL database of the worker's own, made for the session and dropped after."""
    url, worker = database_url(), os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker or url.startswith("sqlite"):
        yield
        return
    own = databases.own_name(url, worker)
    databases.drop(own)
    databases.create(own)
    os.environ["JOURNEYS_DATABASE_URL"] = own
    try:
        yield
    finally:
        os.environ["JOURNEYS_DATABASE_URL"] = url
        databases.drop(own)
