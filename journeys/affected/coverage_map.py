"""The map ``affected`` reads: for each source file of the service and the suite, which
scenarios ran each of its lines, which lines ran only at start-up, and the file as it was
measured (its hash), with the commit the map was made at. Made by one full run of behave
under coverage, a context per scenario (journeys' hooks switch it)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeys.exceptions import SettingsError
from journeys.mutation.scratch import need, scenarios_by_line
from journeys.shards import scenarios

MAP = "affected.json"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class CoverageMap:
    commit: str
    scenarios: list[str]  # every scenario of the run, in file order
    files: dict[str, str] = field(default_factory=dict)  # measured file -> its digest then
    lines: dict[str, dict[int, list[str]]] = field(default_factory=dict)
    start_up: dict[str, list[int]] = field(default_factory=dict)  # lines run outside scenarios

    def save(self, path: Path) -> None:
        """As JSON, each scenario named once (lines hold their numbers in ``named``)."""
        named = sorted({s for by in self.lines.values() for ss in by.values() for s in ss})
        number = {s: i for i, s in enumerate(named)}
        lines = {
            f: {n: [number[s] for s in ss] for n, ss in by.items()} for f, by in self.lines.items()
        }
        data = {**self.__dict__, "lines": lines, "named": named}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True))

    @classmethod
    def load(cls, path: Path) -> CoverageMap | None:
        if not path.is_file():
            return None
        try:
            data: dict[str, Any] = json.loads(path.read_text())
            named = data.pop("named")
            data["lines"] = {
                f: {int(n): [named[i] for i in ss] for n, ss in by.items()}
                for f, by in data["lines"].items()
            }
            return cls(**data)
        except (ValueError, KeyError, TypeError, IndexError):
            return None  # from another version: as good as none


def refresh(
    root: Path, sources: list[str], paths: list[str], behave: list[str], quiet: bool = True
) -> tuple[CoverageMap, int]:
    """Runs the whole suite under coverage and keeps who ran what, with behave's exit code;
    a failing scenario ran its lines all the same, so the map is made whatever the run's
    outcome."""
    need("coverage")
    data_file = root / ".journeys" / "affected.coverage"
    data_file.parent.mkdir(parents=True, exist_ok=True)
    data_file.unlink(missing_ok=True)
    hush = ["-f", "null", "--no-summary"] if quiet else []  # else: the run as behave shows it
    run = subprocess.run(
        [sys.executable, "-m", "coverage", "run", f"--data-file={data_file}",
         f"--source={','.join(sources)}", "-m", "behave", *hush, *paths, *behave],
        cwd=root, text=True, stdout=subprocess.PIPE if quiet else None,
        stderr=subprocess.STDOUT if quiet else None,
    )  # fmt: skip
    if not data_file.exists():
        raise SettingsError(
            "the suite's run under coverage recorded nothing; behave said:\n" + run.stdout[-3000:]
        )
    from coverage import CoverageData

    data = CoverageData(basename=str(data_file))
    data.read()
    made = CoverageMap(commit=_head(root), scenarios=scenarios(paths, root))
    for measured in data.measured_files():
        path = Path(measured)
        if not path.is_relative_to(root.resolve()):
            continue
        name = str(path.relative_to(root.resolve()))
        by_line = scenarios_by_line(data, measured)
        made.files[name] = digest(path.read_text())
        made.lines[name] = {n: s for n, s in by_line.items() if s}
        made.start_up[name] = sorted(n for n, s in by_line.items() if not s)
    data_file.unlink(missing_ok=True)
    return made, run.returncode


def _head(root: Path) -> str:
    run = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True)
    return run.stdout.strip() if run.returncode == 0 else ""
