"""The tutorial, run as a new user follows it: every file it shows written where it says,
every command run in order, in an empty folder, with journeys installed (the install lines
are the one thing not run: the test's environment is the installed one)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

PAGE = REPO / "docs" / "tutorial" / "first-journey.md"
BLOCK = re.compile(r'```(\w+)(?: title="([^"]+)")?\n(.*?)```', re.S)
NOT_RUN = ("python -m venv", "pip install")


def tutorial_script(page: str) -> str:
    """One bash script: each titled file written, each sh command run, in page order."""
    script = ["set -euo pipefail", "START=$PWD", "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT"]
    for kind, title, body in BLOCK.findall(page):
        if title:  # named from the folder the reader started in
            path = f"$START/{title}"
            script.append(f'mkdir -p "$(dirname "{path}")"\ncat > "{path}" <<\'EOF_\'\n{body}EOF_')
        elif kind == "sh":
            for line in body.splitlines():
                if not line.strip() or line.startswith(NOT_RUN):
                    continue
                if line.rstrip().endswith("&"):  # a server: its output kept apart, time to start
                    line = f"{line.rstrip()[:-1]} > $START/server.log 2>&1 &\nsleep 3"
                script.append(line)
    return "\n".join(script) + "\n"


def test_the_tutorial_runs_as_written(tmp_path: Path) -> None:
    script = tutorial_script(PAGE.read_text())
    assert "python -m journeys init suite --app notebook:create_app" in script
    assert "python -m journeys init flask-suite --app notebook_flask:create_app" in script
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOURNEYS_", "PYTHONPATH"))}
    env["PATH"] = f"{Path(sys.executable).parent}:{env['PATH']}"  # the installed journeys
    log = tmp_path / "tutorial.log"
    with log.open("w") as out:
        ran = subprocess.run(
            ["bash", "-c", script], cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
            timeout=300,
        )  # fmt: skip
    output = log.read_text()
    assert ran.returncode == 0, output[-4000:]
    assert output.count("1 scenario passed, 0 failed") == 2  # init's scenario: FastAPI, Flask
    assert output.count("2 scenarios passed, 0 failed") == 2  # step 5, then by URL
    assert "isolation=restore" in output  # by URL
