"""journeys as a library: its own dependencies only, optional parts on demand, any app."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from flask import Flask

from journeys.service import interface_of
from shop.app import create_app
from tests.conftest import REPO

# What the library must not need: the shop's stack and the optional extras ...
NOT_INSTALLED = [
    "fastapi", "starlette", "alembic", "argon2", "jwt", "email_validator", "pytest_httpserver",
    "werkzeug", "a2wsgi", "flask", "flask_sqlalchemy", "psycopg", "time_machine",
]  # fmt: skip
# ... nor anything of this repository's suite.
SUITE = ["shop", "support", "factories", "steps"]


def blocker(names: list[str]) -> str:
    """Python source that makes importing any of ``names`` fail as a missing package would."""
    return f"""
import sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {names!r}:
            raise ModuleNotFoundError(f"blocked for this test: {{name}}", name=name)
sys.meta_path.insert(0, Blocker())
"""


BLOCKER = blocker(NOT_INSTALLED + SUITE)


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKER + textwrap.dedent(code)],
        cwd="/",  # nothing of the repository on the path but the installed library
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_library_runs_a_scenario_with_only_its_own_dependencies() -> None:
    outcome = run_python(
        """
        from sqlalchemy import Column, Integer, MetaData, Table, insert, select
        import journeys, journeys.hooks, journeys.reporting, journeys.builtin_steps
        from journeys import Harness, Settings, Target

        metadata = MetaData()
        visits = Table("visits", metadata, Column("id", Integer, primary_key=True))

        def make_app(wiring):
            async def app(scope, receive, send):  # a bare ASGI app that writes a row
                with wiring.sessions() as session:
                    session.execute(insert(visits))
                    session.commit()
                await send({"type": "http.response.start", "status": 200, "headers": []})
                await send({"type": "http.response.body", "body": b"ok"})
            return app

        harness = Harness(Settings(seed=1), Target("bare", metadata, make_app=make_app)).start()
        run = harness.begin_scenario("probe")
        answer = run.cast.actor("Paula").call("GET", "/", expect=200)
        seen = run.db.count(visits)
        harness.assert_isolated(run)
        harness.end_scenario()
        left = harness.leftover_rows()
        harness.stop()
        print(answer.text, seen, left)
        """
    )
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stdout.strip() == "ok 1 {}"


@pytest.mark.parametrize(
    ("target", "package", "extra"),
    [
        ('Target("t", make_app=lambda w: (lambda environ, start: []))', "a2wsgi", "wsgi"),
        (
            'Target("t", make_app=lambda w: None, outside_services=("mail",))',
            "pytest-httpserver",
            "stubs",
        ),
    ],
    ids=["a WSGI app", "an outside service"],
)
def test_an_optional_part_without_its_package_says_which_extra_to_install(
    target: str, package: str, extra: str
) -> None:
    outcome = run_python(
        f"""
        from journeys import Harness, Settings, Target
        Harness(Settings(seed=1), {target}).start()
        """
    )
    assert outcome.returncode == 1
    assert f"needs the package {package!r}: pip install 'journeys[{extra}]'" in outcome.stderr


def _wsgi(environ: dict[str, str], start_response: object) -> list[bytes]:
    return []


async def _asgi(scope: object, receive: object, send: object) -> None:
    return None


@pytest.mark.parametrize(
    ("app", "interface"),
    [
        (create_app(), "asgi"),
        (Flask("probe"), "wsgi"),
        (_wsgi, "wsgi"),
        (_asgi, "asgi"),
    ],
    ids=["FastAPI", "Flask", "a WSGI function", "an ASGI function"],
)
def test_asgi_and_wsgi_apps_are_told_apart(app: object, interface: str) -> None:
    assert interface_of(app) == interface


def test_the_library_is_installed_as_its_own_package() -> None:
    import journeys

    assert journeys.__file__.startswith(str(REPO / "journeys"))
    assert sorted(journeys.__all__) == journeys.__all__


def test_a_step_acting_on_someone_elses_things_is_refused() -> None:
    from journeys.http import Recorder
    from journeys.personas import Cast

    cast = Cast("http://127.0.0.1:9", Recorder())
    assert cast.own("Paula", "her") is cast.actor("Paula")
    cast.actor("Bob")
    with pytest.raises(LookupError, match="acts on Paula's own things, not Bob's"):
        cast.own("Paula", "Bob's")
    cast.dismiss()


def test_pip_and_the_package_say_the_same_version() -> None:
    """One version, from one place (journeys/__init__.py; pyproject.toml reads it)."""
    import importlib.metadata

    import journeys

    assert importlib.metadata.version("journeys") == journeys.__version__
    assert 'dynamic = ["version"]' in (REPO / "pyproject.toml").read_text()
