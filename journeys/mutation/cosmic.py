"""``python -m journeys mutate``: cosmic-ray's operator mutants against the scenarios.

cosmic-ray makes the mutants of a module of the service (a comparison turned round, a number
changed, a condition negated, an exception handler narrowed...) and applies each in turn, in
a scratch copy of the project. For each mutant journeys runs only the scenarios that execute
the mutated line, learnt once from a coverage run with one context per scenario: a mutant
they fail on is killed, one they pass is a survivor (printed with its place and diff), one no
scenario executes is "not run by any scenario". The work tree is never touched.
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from journeys.exceptions import SettingsError
from journeys.mutation.outcomes import LEFT_OUT, Mutant
from journeys.mutation.scratch import copy_project, coverage_map, need

NOT_RUN = "journeys: no scenario runs the mutated line"
NOT_PYTHON = "journeys: the mutant is not Python"
TOO_LATE = "journeys: past the time given to the run"


def mutate(
    modules: list[str],
    seconds: float,
    timeout: float,
    sample: int | None,
    seed: int,
    also: str = "",
) -> list[Mutant]:
    """Every module's mutants (or a seeded sample of them), tried within ``seconds``.

    ``also``: a further check (a shell command) for a mutant the scenarios pass, such as a
    contract drift check: what changes only a served document is caught there."""
    need("cosmic_ray", "coverage")
    project = Path.cwd()
    for module in modules:
        if not (project / module).is_file():
            raise SettingsError(f"{module}: no such file here; name a module of the service")
    scratch = Path(tempfile.mkdtemp(prefix="journeys-mutate-"))
    try:
        copy = copy_project(project, scratch / "project", modules)
        started = time.monotonic()
        deadline = time.time() + seconds
        coverage_map(copy, modules, scratch / "map.json", also, deadline)
        found = []
        for module in modules:
            left = seconds - (time.monotonic() - started)
            found += _run_cosmic_ray(copy, scratch, module, timeout, sample, seed, left)
        return found
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run_cosmic_ray(
    copy: Path,
    scratch: Path,
    module: str,
    timeout: float,
    sample: int | None,
    seed: int,
    seconds: float,
) -> list[Mutant]:
    config = scratch / f"{Path(module).stem}.toml"
    session = scratch / f"{Path(module).stem}.sqlite"
    command = f"{sys.executable} -m journeys mutant-test {module} {scratch / 'map.json'}"
    config.write_text(
        "[cosmic-ray]\n"
        f"module-path = {json.dumps(module)}\n"
        f"timeout = {timeout}\n"
        "excluded-modules = []\n"
        f"test-command = {json.dumps(command)}\n"
        '[cosmic-ray.distributor]\nname = "local"\n'
    )
    cosmic = [sys.executable, "-m", "cosmic_ray.cli"]
    subprocess.run([*cosmic, "init", str(config), str(session)], cwd=copy, check=True)
    annotations = _drop(session, _in_annotations(copy / module))
    if sample is not None:
        _keep_sample(session, sample, seed)
    # Bounded: past the deadline each mutant's test says so at once (not tried in time), so
    # cosmic-ray ends on its own and puts the module back; the timeout is only a safety net.
    with contextlib.suppress(subprocess.TimeoutExpired):
        subprocess.run(
            [*cosmic, "exec", str(config), str(session)],
            cwd=copy, timeout=max(seconds, 1) + timeout + 120, capture_output=True,
        )  # fmt: skip
    dump = subprocess.run(
        [*cosmic, "dump", str(session)], cwd=copy, capture_output=True, text=True, check=True
    )
    mutants = [_mutant(json.loads(line)) for line in dump.stdout.splitlines() if line.strip()]
    mutants += [Mutant(module, line, op, LEFT_OUT, "") for line, op in annotations]
    source = (copy / module).read_text().splitlines()  # as it was: cosmic-ray put it back
    return [replace(m, code=source[m.line - 1].strip()) for m in mutants]


Span = tuple[tuple[int, int], tuple[int, int]]  # (line, column) from, to


def _in_annotations(path: Path) -> list[Span]:
    """Where the type annotations are: with ``from __future__ import annotations`` Python
    evaluates few of them, so a mutant inside one is equivalent or dies at import."""
    hints: list[ast.expr] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
            hints.append(node.annotation)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None:
            hints.append(node.returns)
    return [
        ((h.lineno, h.col_offset), (h.end_lineno or h.lineno, h.end_col_offset or 0)) for h in hints
    ]


def _drop(session: Path, spans: list[Span]) -> list[tuple[int, str]]:
    """Removes the mutants that start inside these spans; (line, operator) of each."""
    with sqlite3.connect(session) as db:
        rows = db.execute(
            "SELECT job_id, start_pos_row, start_pos_col, operator_name FROM mutation_specs"
        ).fetchall()
        dropped = [r for r in rows if any(a <= (r[1], r[2]) < b for a, b in spans)]
        db.executemany("DELETE FROM mutation_specs WHERE job_id = ?", [(r[0],) for r in dropped])
        db.executemany("DELETE FROM work_items WHERE job_id = ?", [(r[0],) for r in dropped])
    return [(r[1], r[3].split("/")[-1]) for r in dropped]


def _keep_sample(session: Path, size: int, seed: int) -> None:
    """Keeps ``size`` mutants, chosen by the seed (the same seed, the same sample)."""
    with sqlite3.connect(session) as db:
        jobs = sorted(row[0] for row in db.execute("SELECT job_id FROM mutation_specs"))
        dropped = [
            (j,)
            for j in jobs
            if j not in set(random.Random(seed).sample(jobs, min(size, len(jobs))))
        ]
        db.executemany("DELETE FROM mutation_specs WHERE job_id = ?", dropped)
        db.executemany("DELETE FROM work_items WHERE job_id = ?", dropped)


def _mutant(record: list[Any]) -> Mutant:
    job, result = record
    [spec] = job["mutations"]
    operator = spec["operator_name"].split("/")[-1]
    line = int(spec["start_pos"][0])
    if result is None or TOO_LATE in (result.get("output") or ""):
        outcome = "not tried in time"
    elif (
        result.get("worker_outcome") != "normal"
        or result.get("test_outcome") == "incompetent"
        or NOT_PYTHON in (result.get("output") or "")
    ):
        outcome = "incompetent"
    elif result.get("test_outcome") == "killed":
        outcome = "timed out" if result.get("output") == "timeout" else "killed"
    else:
        outcome = (
            "not run by any scenario" if NOT_RUN in (result.get("output") or "") else "survived"
        )
    diff = (result or {}).get("diff") or ""
    return Mutant(spec["module_path"], line, operator, outcome, diff)


def test_mutant(module: str, map_file: str) -> int:
    """cosmic-ray's test command: the scenarios that run the mutated lines, and only those."""
    known = json.loads(Path(map_file).read_text())
    if time.time() > known.get("deadline", float("inf")):
        print(TOO_LATE)
        return 0
    try:  # cosmic-ray turns the * of keyword-only parameters into + or /, for one
        compile(Path(module).read_text(), module, "exec")
    except SyntaxError as error:
        print(f"{NOT_PYTHON} ({module}:{error.lineno}: {error.msg})")
        return 0
    before = known["originals"][module].splitlines()
    after = Path(module).read_text().splitlines()
    changed = {
        number + 1
        for tag, start, end, _, _ in difflib.SequenceMatcher(None, before, after).get_opcodes()
        if tag != "equal"
        for number in range(start, max(end, start + 1))
    }
    scenarios = sorted({s for line in changed for s in known["lines"][module].get(str(line), [])})
    if scenarios:
        behave = [sys.executable, "-m", "behave", "-f", "null", "--stop", *scenarios]
        if subprocess.run(behave).returncode != 0:
            return 1
    if known.get("also"):
        print(f"journeys: the scenarios pass; also: {known['also']}", flush=True)
        # A shell command: the user's own, given on the command line.
        if subprocess.run(known["also"], shell=True).returncode != 0:
            return 1
    if not scenarios:
        print(f"{NOT_RUN} ({module}: {sorted(changed)})")
    return 0
