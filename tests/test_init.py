"""python -m journeys init: a starting suite that runs with behave straight away."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import REPO, Outcome, free_port, run_behave, wait_until_listening
from tests.test_library import NOT_INSTALLED, blocker


def journeys_init(cwd: Path, *args: str) -> Outcome:
    done = subprocess.run(
        [sys.executable, "-m", "journeys", "init", *args],
        cwd=cwd, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    return Outcome(done.returncode, done.stdout, done.stderr)


def behave(cwd: Path, env: dict[str, str] | None = None) -> Outcome:
    return run_behave(cwd, env=env, no_capture=False, new_user=True)


def test_the_starting_suite_runs_at_once_with_only_the_librarys_dependencies(
    tmp_path: Path,
) -> None:
    made = journeys_init(tmp_path, "suite")
    assert made.returncode == 0, made.output
    assert "Next: cd suite && behave" in made.stdout
    assert f'journeys installs with: pip install -e "{REPO}"' in made.stdout
    for name in ("environment.py", "pyproject.toml", "features", "steps", "support", "factories"):
        assert (tmp_path / "suite" / name).exists()
    blocked = tmp_path / "blocked"  # every extra and the shop's stack, as on a bare install
    blocked.mkdir()
    (blocked / "sitecustomize.py").write_text(blocker(NOT_INSTALLED))
    ran = behave(tmp_path / "suite", {"PYTHONPATH": str(blocked)})
    assert ran.returncode == 0, ran.output
    assert "1 scenario passed, 0 failed" in ran.stdout
    assert "the starting scenario ran. Next: build your app around wiring.sessions" in ran.stderr
    assert len(list((tmp_path / "suite" / "reports" / "allure-results").glob("*-result.json"))) == 1


def test_a_suite_for_an_app_serves_that_app(tmp_path: Path) -> None:
    (tmp_path / "myservice.py").write_text(
        textwrap.dedent(
            """
            def app(environ, start_response):
                start_response("200 OK", [("Content-Type", "text/plain")])
                return [b"hello from myservice"]
            """
        )
    )
    made = journeys_init(tmp_path, "suite", "--app", "myservice:app")
    assert made.returncode == 0, made.output
    assert "myservice" in (tmp_path / "suite" / "support" / "target.py").read_text()
    ran = behave(tmp_path / "suite", {"PYTHONPATH": str(tmp_path)})
    assert ran.returncode == 0, ran.output


def test_a_suite_for_a_running_service_reaches_it_by_url(tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_listening(port)
        database = f"sqlite:///{tmp_path / 'service_test.sqlite3'}"
        made = journeys_init(
            tmp_path, "suite", "--url", f"http://127.0.0.1:{port}", "--database", database
        )
        assert made.returncode == 0, made.output
        ran = behave(tmp_path / "suite")
        assert ran.returncode == 0, ran.output
        assert "isolation=restore" in ran.stderr
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_init_overwrites_nothing(tmp_path: Path) -> None:
    (tmp_path / "suite").mkdir()
    (tmp_path / "suite" / "environment.py").write_text("# mine\n")
    made = journeys_init(tmp_path, "suite")
    assert made.returncode == 2
    assert "already exist(s)" in made.stderr and "overwrites nothing" in made.stderr
    assert (tmp_path / "suite" / "environment.py").read_text() == "# mine\n"
    assert not (tmp_path / "suite" / "features").exists()


def test_a_suite_for_an_app_factory_calls_it_and_prints_the_run_once(tmp_path: Path) -> None:
    (tmp_path / "factoryservice.py").write_text(
        textwrap.dedent(
            """
            def create_app(config=None):
                def app(environ, start_response):
                    start_response("200 OK", [("Content-Type", "text/plain")])
                    return [b"made by a factory"]
                return app
            """
        )
    )
    made = journeys_init(tmp_path, "suite", "--app", "factoryservice:create_app")
    assert made.returncode == 0, made.output
    ran = behave(tmp_path / "suite", {"PYTHONPATH": str(tmp_path)})
    assert ran.returncode == 0, ran.output
    assert ran.stdout.count("Scenario: A visitor finds the service answering") == 1
    assert ran.stdout.count("When a visitor opens the front page") == 1


def test_a_factory_returned_as_the_app_is_named_with_the_fix() -> None:
    import pytest

    from journeys.exceptions import HarnessError
    from journeys.service import app_from, serve

    def create_app(config=None):  # type: ignore[no-untyped-def]
        return lambda environ, start_response: []

    with pytest.raises(
        HarnessError, match=r"make_app returned create_app, .* Return create_app\(\)"
    ):
        serve(create_app, "auto", lambda: True, "127.0.0.1", 0)
    assert app_from(create_app) is not create_app
    wsgi = create_app()
    assert app_from(wsgi) is wsgi  # an app needs its call's arguments: left as it is


def test_a_flask_app_pinned_to_flask_2_3_installs_and_runs_from_init(tmp_path: Path) -> None:
    """A team's app pinned to Flask 2.3, in a virtual environment of its own: journeys'
    wsgi extra installs beside it, and init's suite runs against its factory."""
    import os

    import pytest

    if os.environ.get("JOURNEYS_DATABASE_URL"):
        pytest.skip("the same whatever the run's database: run once, in the SQLite stage")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "flask==2.3.3", "-e", f"{REPO}[wsgi]"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr[-3000:]
    (tmp_path / "flaskapp.py").write_text(
        textwrap.dedent(
            """
            from flask import Flask

            def create_app(config=None):
                app = Flask(__name__)

                @app.get("/")
                def front():
                    return {"hello": "from Flask 2.3"}

                return app
            """
        )
    )
    made = subprocess.run(
        [str(python), "-m", "journeys", "init", "suite", "--app", "flaskapp:create_app"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOURNEYS_", "PYTHONPATH"))}
    ran = subprocess.run(
        [str(python), "-m", "behave"], cwd=tmp_path / "suite", capture_output=True, text=True,
        env={**env, "PYTHONPATH": str(tmp_path)}, timeout=120,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]
    assert "1 scenario passed, 0 failed" in ran.stdout
    version = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('flask'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert version == "2.3.3"
