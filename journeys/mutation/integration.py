"""``python -m journeys mutate --operators integration``: the integration operators' mutants,
tried on every core at once.

One coverage run (a context per scenario) says which scenarios execute each line; each mutant
then runs only those scenarios, in one of several scratch copies of the project (one per
worker, so two mutants never share a file), and stops at the first failure. Nothing in the work
tree is touched.
"""

from __future__ import annotations

import ast
import difflib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from queue import Queue
from typing import Any

from journeys.exceptions import SettingsError
from journeys.mutation.operators import BY_NAME, changes
from journeys.mutation.outcomes import Mutant
from journeys.mutation.scratch import (
    OWN_DATABASE,
    copy_project,
    coverage_map,
    forget_bytecode,
    need,
)
from journeys.mutation.source import Change, parsed, project_imports


def mutate(
    modules: list[str],
    seconds: float,
    timeout: float,
    sample: int | None,
    seed: int,
    also: str = "",
    workers: int = 0,
) -> list[Mutant]:
    """Every module's integration mutants (or a seeded sample), tried within ``seconds``."""
    need("coverage")
    project = Path.cwd()
    found = {m: changes(m, (project / m).read_text()) for m in modules}
    if sample is not None:
        found = {m: _sample(c, sample, seed) for m, c in found.items()}
    found = {m: c for m, c in found.items() if c}
    if not found:
        return []
    workers = workers or os.cpu_count() or 1
    scratch = Path(tempfile.mkdtemp(prefix="journeys-mutate-"))
    try:
        copies: Queue[Path] = Queue()
        first = copy_project(project, scratch / "w0", list(found))
        deadline = time.time() + seconds
        coverage_map(first, list(found), scratch / "map.json", also, deadline)
        known = json.loads((scratch / "map.json").read_text())
        copies.put(first)
        for number in range(1, workers):
            copies.put(copy_project(project, scratch / f"w{number}", list(found)))
        rules = _rules(first)
        jobs = [(m, c) for m, cs in found.items() for c in cs]
        judged: list[str] = []  # as they come: the progress shown on stderr

        def judge(job: tuple[str, Change]) -> Mutant:
            module, change = job
            scenarios = _scenarios(known, module, change)
            copy = copies.get()
            try:
                outcome = _try(copy, module, change, scenarios, timeout, also, deadline)
            finally:
                copies.put(copy)
            judged.append(outcome)
            print(f"journeys mutate: {len(judged)}/{len(jobs)} {module}:{change.line} "
                  f"{change.operator}: {outcome}", file=sys.stderr, flush=True)  # fmt: skip
            return _mutant(module, change, known["originals"][module], outcome, scenarios, rules)

        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(judge, jobs))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _sample(found: list[Change], size: int, seed: int) -> list[Change]:
    chosen = random.Random(seed).sample(range(len(found)), min(size, len(found)))
    return [found[i] for i in sorted(chosen)]


def _scenarios(known: dict[str, Any], module: str, change: Change) -> list[str]:
    """The scenarios that execute the changed code; for a module-level statement (a table of
    transitions, a dependency alias), those that run the functions that use what it names;
    for a route's signature or decorator, those that run its body and those in which a
    module it imports from refused someone (a dependency that said 401)."""
    lines: dict[str, list[str]] = known["lines"][module]
    span = range(change.line, change.last + 1)
    src = parsed(known["originals"][module])  # as written, whatever a copy holds now
    top = next((n for n in src.body if n.lineno <= change.line <= (n.end_lineno or 0)), None)
    if isinstance(top, ast.Assign):
        named = {t.id for t in top.targets if isinstance(t, ast.Name)}
        users = [
            f for f in ast.walk(src)
            if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
            and named & {n.id for n in ast.walk(f) if isinstance(n, ast.Name)}
        ]  # fmt: skip
        span = range(0)
        for function in users:
            span = [*span, *range(function.lineno, (function.end_lineno or 0) + 1)]  # type: ignore[assignment]
    found = {s for line in span for s in lines.get(str(line), [])}
    functions = [f for f in ast.walk(src) if isinstance(f, FUNCTIONS)]
    around = [
        f for f in functions
        if min([f.lineno, *(d.lineno for d in f.decorator_list)])
        <= change.line <= (f.end_lineno or 0)
    ]  # fmt: skip
    inner = min(around, key=lambda f: (f.end_lineno or 0) - f.lineno) if around else None
    if inner is not None and change.line < inner.body[0].lineno:
        # A signature or a decorator: its lines run once, at import. What it changes shows
        # in the function's scenarios, and in those its dependencies refused (a visitor's
        # 401 never reached the body).
        body = range(inner.body[0].lineno, (inner.end_lineno or 0) + 1)
        found = {s for line in body for s in lines.get(str(line), [])}
        for _, imported in project_imports(src):
            found |= set(known.get("raises", {}).get(str(imported), []))
    return sorted(found)


def _try(
    copy: Path,
    module: str,
    change: Change,
    scenarios: list[str],
    timeout: float,
    also: str,
    deadline: float,
) -> str:
    if time.time() > deadline:
        return "not tried in time"
    if not scenarios and not also:
        return "not run by any scenario"
    path = copy / module
    original = path.read_text()
    path.write_text(change.source)
    forget_bytecode(copy, module)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        if scenarios:
            behave = [sys.executable, "-m", "behave", "-f", "null", "--no-summary", "--stop",
                      *OWN_DATABASE, *scenarios]  # fmt: skip
            code = _run(behave, copy, env, timeout)
            if code is None:
                return "timed out"
            if code != 0:
                return "killed"
        # Code no scenario runs (start-up, settings, migrations) is judged by --also alone.
        # A shell command: the user's own, given on the command line.
        if also and _run(["sh", "-c", also], copy, env, timeout) != 0:
            return "killed"
        return "survived"
    finally:
        path.write_text(original)
        forget_bytecode(copy, module)


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: float) -> int | None:
    """The command's exit code, or None when it ran past ``timeout`` (then it is killed, with
    everything it started)."""
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return None


def _mutant(
    module: str,
    change: Change,
    original: str,
    outcome: str,
    scenarios: list[str],
    rules: dict[str, str],
) -> Mutant:
    diff = "".join(
        difflib.unified_diff(
            original.splitlines(keepends=True),
            change.source.splitlines(keepends=True),
            f"{module} (as written)",
            f"{module} (mutant)",
            n=1,
        )
    )
    named = tuple(sorted({rules[s] for s in scenarios if s in rules}))
    return Mutant(
        module, change.line, change.operator, outcome, diff,
        code=original.splitlines()[change.line - 1].strip(), change=change.change,
        breaks=BY_NAME[change.operator].breaks, rules=named,
    )  # fmt: skip


def _rules(project: Path) -> dict[str, str]:
    """Each scenario's location (``features/x.feature:12``, outline rows too) -> the Gherkin
    rule it belongs to, for what a survivor's scenarios were about."""
    from behave.parser import ParserError, parse_file

    found: dict[str, str] = {}
    for path in sorted(project.glob("features/**/*.feature")):
        try:
            feature = parse_file(str(path))
        except ParserError:
            continue
        if feature is None:
            continue
        relative = path.relative_to(project)
        for rule in feature.rules:
            for scenario in rule.scenarios:
                places = [scenario, *getattr(scenario, "scenarios", [])]
                for place in places:
                    found[f"{relative}:{place.line}"] = rule.name
    return found


def modules_under(paths: list[str]) -> list[str]:
    """The Python modules named, a folder standing for every module in it."""
    found: list[str] = []
    for path in paths:
        if Path(path).is_dir():
            inside = Path(path).rglob("*.py")
            found += sorted(str(p) for p in inside if "__pycache__" not in p.parts)
        elif Path(path).is_file():
            found.append(path)
        else:
            raise SettingsError(f"{path}: no such file or folder here; name a service module")
    return found
