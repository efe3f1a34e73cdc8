"""Which scenarios a change since a git ref can touch, by the map of who runs what.

A changed line inside a function selects every scenario that runs any line of that
function (its decorators and signature included); a changed line outside every function
selects every scenario that runs the file. A changed feature file selects its scenarios.
Code that runs only at start-up (settings, migrations, the target), a file changed since
the map was made, and a changed file the map cannot place (a contract, the project's
settings) select everything, and say why."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

from journeys.affected.changes import since, text_at
from journeys.affected.coverage_map import CoverageMap, digest
from journeys.shards import scenarios

# Files no scenario reads: their changes select nothing.
IGNORED_DIRS = ("docs/", "tests/", "bench/", ".github/", ".ci/", "examples/", "scripts/")
IGNORED_FILES = (".md", ".txt", ".rst", ".gitignore", "mkdocs.yml", "mutants.toml",
                 "package.json", "package-lock.json", "LICENSE")  # fmt: skip
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass
class Selection:
    scenarios: list[str] | None  # None: every scenario
    why: list[str] = field(default_factory=list)


class Everything(Exception):
    """A change the map cannot narrow: every scenario runs."""


def select(ref: str, root: Path, made: CoverageMap | None) -> Selection:
    if made is None:
        return Selection(
            None,
            ["no map of which scenarios run what: make one with "
             "`python -m journeys affected --refresh` (a full run); running everything"],
        )  # fmt: skip
    changes = since(ref, root)
    chosen: set[str] = set()
    why: list[str] = []
    try:
        for name, lines in sorted(changes.lines.items()):
            found = _for_file(name, lines, ref, root, made)
            chosen |= found
            why.append(f"{name}: {len(found)} scenario(s)")
        for name in changes.added:
            if name.endswith(".feature") and (root / name).is_file():
                found = set(scenarios([name], root))
                chosen |= found
                why.append(f"{name} (new): its {len(found)} scenario(s)")
    except Everything as reason:
        return Selection(None, [*why, str(reason)])
    kept = [s for s in made.scenarios if s in chosen]
    kept += sorted(chosen - set(kept))  # scenarios newer than the map
    return Selection(kept, why)


def _for_file(name: str, lines: set[int], ref: str, root: Path, made: CoverageMap) -> set[str]:
    if name.endswith(".feature"):
        return set(scenarios([name], root)) if (root / name).is_file() else set()
    if name in made.files:
        before = text_at(ref, root, name)
        if before is None or digest(before) != made.files[name]:
            raise Everything(
                f"{name} is not what the map measured (made at {made.commit[:10] or 'a run'}): "
                "refresh the map with `python -m journeys affected --refresh`; running everything"
            )
        return in_code(name, before, lines, made)
    if name.startswith(IGNORED_DIRS) or name.endswith(IGNORED_FILES) or name.endswith(".py"):
        return set()  # no scenario reads it, or runs it (code the map never saw run)
    raise Everything(f"{name} changed, and the map cannot tell who reads it; running everything")


def in_code(name: str, before: str, lines: set[int], made: CoverageMap) -> set[str]:
    """The scenarios a change of these lines (the ref's numbering) can touch; raises
    Everything when one of them is in code that runs at start-up."""
    ran = made.lines.get(name, {})
    at_start = set(made.start_up.get(name, []))
    try:
        tree = ast.parse(before)
    except SyntaxError:
        raise Everything(f"{name} does not parse as the ref has it; running everything") from None
    functions = [f for f in ast.walk(tree) if isinstance(f, FUNCTIONS)]
    found: set[str] = set()
    for line in sorted(lines):
        around = [f for f in functions if _span(f).start <= line < _span(f).stop]
        if around:
            inner = min(around, key=lambda f: len(_span(f)))
            span, function = _span(inner), inner.name
            # Its own body, less the functions inside it: run at start-up, it is start-up code.
            own = set(range(inner.body[0].lineno, span.stop))
            for nested in functions:
                if nested is not inner and set(_span(nested)) < set(span):
                    own -= set(_span(nested))
            starts = bool(own & at_start)
        else:  # module level: whatever runs the file
            function, span = "", range(1, max([*ran, *at_start, 1]) + 1)
            starts = False
        these = {s for n in span for s in ran.get(n, [])}
        if starts or (not these and bool(set(span) & at_start)):
            where = f"{function}, which" if function else "module-level code that"
            raise Everything(
                f"{name}:{line} is in {where} runs at start-up, before any scenario: every "
                "scenario depends on it; running everything"
            )
        found |= these
    return found


def _span(function: ast.FunctionDef | ast.AsyncFunctionDef) -> range:
    """Its lines, decorators and signature included."""
    first = min([function.lineno, *(d.lineno for d in function.decorator_list)])
    return range(first, (function.end_lineno or function.lineno) + 1)
