"""What changed since a git ref, in the ref's own line numbers (the map's, when the map was
made at the ref): the lines of each file a change replaced or removed, and for a line put
in, the two lines around it."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from journeys.exceptions import SettingsError

HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@")


@dataclass
class Changes:
    lines: dict[str, set[int]] = field(default_factory=dict)  # file -> its lines at the ref
    added: list[str] = field(default_factory=list)  # files the ref did not have


def since(ref: str, root: Path) -> Changes:
    """Everything that differs from ``ref`` in the work tree (committed or not, new files
    too), per file."""
    diff = _git(root, "diff", "-U0", "--no-color", "--no-renames", ref, "--")
    changes = Changes()
    current = ""
    for line in diff.splitlines():
        if line.startswith("--- "):
            current = line[6:] if line.startswith("--- a/") else ""
        elif line.startswith("+++ ") and not current:  # a file the ref did not have
            changes.added.append(line[6:])
        elif (hunk := HUNK.match(line)) and current:
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            touched = (
                set(range(start, start + count)) if count else {start, start + 1}
            )  # nothing removed: put in after ``start``
            changes.lines.setdefault(current, set()).update(touched)
    untracked = _git(root, "ls-files", "--others", "--exclude-standard")
    changes.added += [name for name in untracked.splitlines() if name]
    return changes


def text_at(ref: str, root: Path, name: str) -> str | None:
    """A file as the ref has it; None if it did not have it."""
    run = subprocess.run(["git", "show", f"{ref}:{name}"], cwd=root, capture_output=True)
    return run.stdout.decode(errors="replace") if run.returncode == 0 else None


def _git(root: Path, *args: str) -> str:
    run = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if run.returncode != 0:
        raise SettingsError(f"git cannot tell what changed: {run.stderr.strip()}")
    return run.stdout
