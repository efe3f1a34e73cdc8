"""``python -m journeys parallel``: the suite in N worker processes, through behavex.

behavex schedules the features over its workers; journeys gives each worker a database of
its own (``worker_id``), keeps each worker's harness between its runs (journeys/worker.py),
and makes one record of the whole: the results and JUnit folders are emptied once, every
worker writes into the same Allure results, behavex's JUnit files are gathered into the
JUnit folder, every worker uses the same seed (so the run replays), and the exit code is
behavex's.
"""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

from journeys import coverage_shares
from journeys.exceptions import HarnessError, MissingExtra

# behavex's own report (HTML, its JUnit) is copied here after the run.
OUTPUT = Path("reports/behavex")
# Where the workers leave their contract coverage counts, in behavex's scratch folder.
SHARES = "journeys-shares"


def folders(config: dict[str, Any]) -> tuple[Path | None, Path | None]:
    """The Allure results and JUnit folders that [tool.behave] configures."""
    formats, outfiles = config.get("format", []), config.get("outfiles", [])
    results = next(
        (Path(out) for name, out in zip(formats, outfiles, strict=False) if name == "allure"),
        None,
    )
    junit = Path(config.get("junit_directory", "reports")) if config.get("junit") else None
    return results, junit


def run_parallel(workers: int, scheme: str, behave_args: list[str], root: Path) -> int:
    try:
        import behavex  # noqa: F401
    except ImportError:
        raise MissingExtra("Running in parallel", "behavex", "parallel") from None
    pyproject = root / "pyproject.toml"
    config = tomllib.loads(pyproject.read_text()) if pyproject.exists() else {}
    results, junit = folders(config.get("tool", {}).get("behave", {}))
    defined = dict(a.split("=", 1) for a in _defines(behave_args) if "=" in a)
    if defined.get("clean_results", "true").lower() not in ("0", "false", "no", "off"):
        for folder in (results, junit):
            if folder is not None and (root / folder).is_dir():
                shutil.rmtree(root / folder)
    seed = defined.get("seed") or str(secrets.randbelow(2**31))
    print(f"journeys parallel: {workers} workers, seed {seed}", flush=True)
    # behavex works in a folder it empties first, and puts its workers' sockets there: a
    # short path of its own (a deep project folder made "AF_UNIX path too long").
    with tempfile.TemporaryDirectory(prefix="journeys-bx-") as scratch:
        done = subprocess.Popen(
            [
                sys.executable, "-m", "behavex",
                "--parallel-processes", str(workers), "--parallel-scheme", scheme,
                "-o", scratch,
                "-D", "clean_results=false", "-D", f"seed={seed}",
                "-D", f"share_dir={Path(scratch, SHARES)}",
                *behave_args,
            ],
            cwd=root, stdout=subprocess.PIPE, text=True, bufsize=1,
        )  # fmt: skip
        assert done.stdout is not None
        for line in done.stdout:  # behavex names its scratch folder: say where it is kept
            print(line.replace(scratch, str(root / OUTPUT)), end="", flush=True)
        done.wait()
        if junit is not None:  # one JUnit folder, as a serial run writes it
            (root / junit).mkdir(parents=True, exist_ok=True)
            for report in Path(scratch, "behave").glob("TESTS-*.xml"):
                shutil.copy(report, root / junit / report.name)
        if results is not None and (root / results).is_dir():
            print(f"journeys parallel: {tally(root / results)}", flush=True)
        coverage = _whole_coverage(Path(scratch, SHARES), root / results if results else None)
        shutil.rmtree(root / OUTPUT, ignore_errors=True)
        shutil.copytree(scratch, root / OUTPUT, ignore=shutil.ignore_patterns("temp", SHARES))
    print(
        f"journeys parallel: exit {done.returncode}; replay this run's data with: "
        f"python -m journeys parallel --workers {workers} -D seed={seed} ...",
        flush=True,
    )
    return done.returncode or coverage


def tally(results: Path) -> str:
    """Every worker's scenarios and steps, counted from the Allure results they wrote, as a
    serial run's summary counts them (behavex's own summary counts a share of the steps)."""
    scenarios: Counter[str] = Counter()
    steps: Counter[str] = Counter()
    for path in results.glob("*-result.json"):
        result = json.loads(path.read_text())
        scenarios[result.get("status", "unknown")] += 1
        steps.update(step.get("status", "unknown") for step in result.get("steps", []))

    def line(counts: Counter[str], what: str) -> str:
        # passed and failed always, then any other status there is
        named = ["passed", "failed", *sorted(s for s in counts if s not in ("passed", "failed"))]
        told = ", ".join(f"{counts[status]} {status}" for status in named)
        return f"{sum(counts.values())} {what} ({told})"

    return f"{line(scenarios, 'scenarios')}; {line(steps, 'steps')}"


def _whole_coverage(shares: Path, results: Path | None) -> int:
    """The contract coverage of every worker's share, said once as a serial run says it;
    1 when it is below the minimum."""
    coverages, minimum = coverage_shares.gather([shares])
    try:
        coverage_shares.report(coverages, minimum, results, lambda line: print(f"journeys: {line}"))
    except HarnessError as low:
        print(f"journeys: {low}", file=sys.stderr, flush=True)
        return 1
    return 0


def _defines(args: list[str]) -> list[str]:
    found = []
    for i, arg in enumerate(args):
        if arg in ("-D", "--define") and i + 1 < len(args):
            found.append(args[i + 1])
        elif arg.startswith("--define="):
            found.append(arg.split("=", 1)[1])
    return found
