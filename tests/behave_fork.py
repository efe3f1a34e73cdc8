"""behave in a process of its own, without paying the start-up each time.

A behave subprocess spends about a second importing FastAPI, SQLAlchemy, factory_boy and
journeys before it reads a feature; the framework's tests start a hundred of them. Here a
fork server (multiprocessing's ``forkserver``, one per test process) imports those once and
runs nothing else; each behave run is a fork of it, with its own memory, environment, working
directory, signal handlers and file descriptors 1 and 2, and ends with ``os._exit``. The
server never runs a test, so no test's state reaches a run; what a run shares with a fresh
interpreter is only what the server imported (third-party modules and the journeys library).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

# Imported once by the fork server, before any run: what every behave run of the tests needs.
PRELOAD = [
    "behave.__main__", "factory", "faker", "fastapi", "requests", "sqlalchemy.orm", "uvicorn",
    "journeys.hooks", "tests.behave_fork",
]  # fmt: skip


def run(cwd: Path, args: list[str], env: dict[str, str], timeout: float) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``behave ARGS`` in ``cwd`` with exactly ``env``."""
    server = multiprocessing.get_context("forkserver")
    server.set_forkserver_preload(PRELOAD)
    with tempfile.TemporaryDirectory(prefix="journeys-tests-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        child = server.Process(target=_child, args=(str(cwd), args, env, str(out), str(err)))
        child.start()
        child.join(timeout)
        if child.is_alive():
            child.kill()
            child.join()
            raise subprocess.TimeoutExpired(["behave", *args], timeout)
        code = child.exitcode if child.exitcode is not None else 1
        return code, _text(out), _text(err)


def _child(cwd: str, args: list[str], env: dict[str, str], out: str, err: str) -> None:
    code = 70
    try:
        for path, number in ((out, 1), (err, 2)):
            opened = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(opened, number)
            os.close(opened)
        sys.stdout = sys.__stdout__ = open(1, "w", closefd=False, buffering=1)  # noqa: SIM115
        sys.stderr = sys.__stderr__ = open(2, "w", closefd=False, buffering=1)  # noqa: SIM115
        signal.signal(signal.SIGINT, signal.default_int_handler)  # as a fresh interpreter
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        tempfile.tempdir = None  # read again from TMPDIR, as a fresh process reads it
        extra = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
        sys.path[:0] = [cwd, *extra]
        from behave.__main__ import main

        sys.argv = ["behave", *args]
        code = main(args)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace") if path.exists() else ""
