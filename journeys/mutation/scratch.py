"""The scratch copy mutants are tried in, and which scenarios run each line of a module."""

from __future__ import annotations

import ast
import compileall
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from journeys.exceptions import MissingExtra, SettingsError

# What the scratch copy leaves out: history, environments, what runs write.
SKIPPED = {".git", ".venv", "venv", "reports", ".journeys", "node_modules", "__pycache__"}


def copy_project(project: Path, copy: Path, modules: list[str]) -> Path:
    """A copy of the project with read-only bytecode, except for the modules to mutate."""
    shutil.copytree(project, copy, ignore=lambda _d, names: SKIPPED & set(names))
    compileall.compile_dir(copy, quiet=1, workers=0)
    for module in modules:
        forget_bytecode(copy, module)
    return copy


def forget_bytecode(copy: Path, module: str) -> None:
    for stale in (copy / module).parent.glob(f"__pycache__/{Path(module).stem}.*"):
        stale.unlink(missing_ok=True)


def need(*packages: str) -> None:
    for package in packages:
        try:
            __import__(package)
        except ImportError:
            raise MissingExtra("Mutation testing", package, "mutation") from None


# Every behave run of a mutation run works on a database of its own: journeys makes it (a
# parallel worker's, named with the process id) and drops it after, so two workers, or a
# worker and a run of the suite, never share one (PostgreSQL, or a configured SQLite file).
OWN_DATABASE = ("-D", "worker_id=mutate")


def coverage_map(copy: Path, modules: list[str], out: Path, also: str, deadline: float) -> None:
    """Which scenarios execute each line of each module (module-level lines: the scenarios of
    the code below them, so a decorator's line goes with its function's scenarios)."""
    sources = sorted({str(Path(m).parent) for m in modules})
    run = subprocess.run(
        [sys.executable, "-m", "coverage", "run", f"--source={','.join(sources)}",
         "-m", "behave", "-f", "null", "--no-summary", *OWN_DATABASE],
        cwd=copy, capture_output=True, text=True,
    )  # fmt: skip
    if run.returncode != 0:
        raise SettingsError(
            "the suite must pass before its mutants can be judged; behave said:\n"
            + run.stdout[-2000:]
            + run.stderr[-2000:]
        )
    from coverage import CoverageData

    data = CoverageData(basename=str(copy / ".coverage"))
    data.read()
    lines: dict[str, dict[int, list[str]]] = {}
    for module in modules:
        measured = [f for f in data.measured_files() if Path(f) == (copy / module).resolve()]
        scenarios = scenarios_by_line(data, measured[0]) if measured else {}
        following: list[str] = []
        for number in sorted(scenarios, reverse=True):  # fill module-level lines from below
            scenarios[number] = scenarios[number] or following
            following = scenarios[number]
        lines[module] = scenarios
    originals = {m: (copy / m).read_text() for m in modules}
    raises = _refusals(copy, data)
    out.write_text(json.dumps({"lines": lines, "originals": originals, "also": also,
                               "deadline": deadline, "raises": raises}))  # fmt: skip


def scenarios_by_line(data: Any, measured: str) -> dict[int, list[str]]:
    """Each executed line of a measured file and the scenarios that ran it (none: it ran
    only outside every scenario, at import or start-up)."""
    return {n: sorted(c for c in ctx if c) for n, ctx in data.contexts_by_lineno(measured).items()}


def _refusals(copy: Path, data: Any) -> dict[str, list[str]]:
    """Per measured module, the scenarios in which one of its ``raise`` statements ran: for
    a route given a weaker dependency, the scenarios a dependency refused."""
    found: dict[str, list[str]] = {}
    for measured in data.measured_files():
        path = Path(measured)
        try:
            raising = {n.lineno for n in ast.walk(ast.parse(path.read_text()))
                       if isinstance(n, ast.Raise)}  # fmt: skip
        except (OSError, SyntaxError, ValueError):
            continue
        by_line = data.contexts_by_lineno(measured)
        scenarios = {c for n in raising for c in by_line.get(n, []) if c}
        if scenarios and path.is_relative_to(copy.resolve()):
            found[str(path.relative_to(copy.resolve()))] = sorted(scenarios)
    return found
