"""The starting suite ``python -m journeys init`` writes: the layout journeys expects, one
scenario that runs at once, and comments on what to fill in. It never overwrites a file."""

from __future__ import annotations

import re
from pathlib import Path

from journeys.exceptions import JourneysError

TEMPLATES = Path(__file__).parent / "templates"


class ScaffoldError(JourneysError):
    """The suite cannot be written; nothing was."""


def write_suite(
    directory: str, app: str | None = None, url: str | None = None, database: str | None = None
) -> list[Path]:
    root = Path(directory)
    if app is not None and not re.fullmatch(r"[\w.]+:[\w.]+", app):
        raise ScaffoldError(f"--app {app!r} must name module:attribute, e.g. myservice.app:app")
    if database and not url:
        raise ScaffoldError("--database goes with --url (in-process, journeys makes its own)")
    files = _files(app, url, database)
    clashes = [str(root / name) for name in files if (root / name).exists()]
    if clashes:
        raise ScaffoldError(
            f"{', '.join(clashes)} already exist(s); journeys init writes into a new or empty "
            "folder and overwrites nothing. Choose another folder."
        )
    written = []
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        written.append(path)
    return written


def _files(app: str | None, url: str | None, database: str | None) -> dict[str, str]:
    mode = "url" if url else "app" if app else "demo"
    target = (TEMPLATES / f"target_{mode}.py.txt").read_text()
    if app:
        module, _, attribute = app.partition(":")
        target = target.replace("{module}", module).replace("{attribute}", attribute)
    userdata = ""
    if url:
        userdata = f'base_url = "{url}"\n'
        if database:
            userdata += f'database_url = "{database}"\n'
        else:
            userdata += "# database_url: set JOURNEYS_DATABASE_URL to the service's database.\n"
    pyproject = (TEMPLATES / "pyproject.toml.txt").read_text().replace("{userdata}", userdata)
    return {
        "environment.py": "from journeys.hooks import *  # noqa: F403 - behave's hooks\n",
        "pyproject.toml": pyproject,
        "features/service_answers.feature": (TEMPLATES / "service_answers.feature").read_text(),
        "steps/service_steps.py": (TEMPLATES / "service_steps.py.txt").read_text(),
        "support/__init__.py": '"""Your service as journeys sees it."""\n',
        "support/target.py": target,
        "support/tasks.py": (TEMPLATES / "tasks.py.txt").read_text(),
        "factories/__init__.py": (TEMPLATES / "factories.py.txt").read_text(),
    }
