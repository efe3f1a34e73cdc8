"""MkDocs hooks: the reference pages' tables come from the code, not from hand.

A page holds a marker, ``<!-- generated: settings -->`` (or ``cli``, ``steps``), and the
build puts the table in its place: every setting with its default and the comment above it
in journeys/settings.py; every command's ``--help``; every step journeys gives a suite.
"""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def field_comments(path: Path, class_name: str) -> dict[str, str]:
    """The comment lines above each field of a dataclass, by field name."""
    source = path.read_text()
    lines = source.splitlines()
    comments: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    above, n = [], item.lineno - 2
                    while n >= 0 and lines[n].strip().startswith("#"):
                        above.insert(0, lines[n].strip().lstrip("# "))
                        n -= 1
                    comments[item.target.id] = " ".join(above)
    return comments


def _default(field: Any) -> str:
    if field.default is not dataclasses.MISSING:
        default = field.default
    elif field.default_factory is not dataclasses.MISSING:
        default = field.default_factory()
    else:
        return "(required)"
    if callable(default) and not isinstance(default, type):
        return f"`{getattr(default, '__name__', 'a function')}`"
    return f"`{default!r}`" if default not in ("", None, (), {}) else "(empty)"


def fields_table(cls: Any, path: Path, heading: str, skip: tuple[str, ...] = ()) -> str:
    comments = field_comments(path, cls.__name__)
    rows = [f"| {heading} | default | what it does |", "|---|---|---|"]
    for field in dataclasses.fields(cls):
        if field.name in skip:
            continue
        shown = _default(field)
        text = comments.get(field.name, "").replace("|", "\\|")
        rows.append(f"| `{field.name}` | {shown} | {text} |")
    return "\n".join(rows)


def settings_table() -> str:
    from journeys.settings import Settings

    return fields_table(Settings, REPO / "journeys" / "settings.py", "setting", ("services",))


def target_tables() -> str:
    from journeys.system import System
    from journeys.target import SystemBroker, Target, Wiring

    parts = [
        ("Target", Target, REPO / "journeys" / "target.py"),
        ("Wiring (what make_app is given)", Wiring, REPO / "journeys" / "target.py"),
        ("System", System, REPO / "journeys" / "system.py"),
        ("SystemBroker", SystemBroker, REPO / "journeys" / "target.py"),
    ]
    return "\n\n".join(
        f"## {title}\n\n{fields_table(cls, path, 'field')}" for title, cls, path in parts
    )


def cli_help() -> str:
    out = []
    commands = ([], ["init"], ["clean"], ["hunt"], ["parallel"], ["shard"], ["merge"], ["affected"])
    for command in (*commands, ["mutate"]):
        shown = " ".join(["python -m journeys", *command, "--help"])
        text = subprocess.run(
            [sys.executable, "-m", "journeys", *command, "--help"],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=True,
        ).stdout
        out.append(f"### `{shown}`\n\n```text\n{text.rstrip()}\n```")
    return "\n\n".join(out)


def builtin_steps() -> str:
    from journeys import builtin_steps, vocabulary

    rows = ["| step | what it does |", "|---|---|"]
    for name in ("CONSISTENCY_STEP", "EARLIER_CONSISTENCY_STEP", "PREPARED_STEP"):
        step = getattr(builtin_steps, name)
        doc = {
            "CONSISTENCY_STEP": builtin_steps.step_stored_data_is_consistent.__doc__,
            "EARLIER_CONSISTENCY_STEP": "The same, in its earlier wording.",
            "PREPARED_STEP": builtin_steps.step_scenario_prepared.__doc__,
        }[name]
        rows.append(f"| `{step}` | {' '.join((doc or '').split())} |")
    types = (vocabulary.__doc__ or "").strip()
    return (
        "\n".join(rows)
        + "\n\nParameter types for your own steps (`journeys.vocabulary`):\n\n"
        + types
    )


def mutation_operators() -> str:
    from journeys.mutation.operators import OPERATORS

    rows = ["| operator | what it changes | the rule such a bug breaks | as written | mutant |",
            "|---|---|---|---|---|"]  # fmt: skip
    for o in OPERATORS:
        before, after = ("`" + code.replace("|", "\\|") + "`" for code in o.example)
        rows.append(f"| `{o.name}` | {o.does} | {o.breaks} | {before} | {after} |")
    return "\n".join(rows)


GENERATED = {
    "settings": settings_table,
    "target": target_tables,
    "cli": cli_help,
    "steps": builtin_steps,
    "mutation-operators": mutation_operators,
}


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    for name, make in GENERATED.items():
        marker = f"<!-- generated: {name} -->"
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    return markdown
