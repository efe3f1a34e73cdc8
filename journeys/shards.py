"""Shards: the suite split across machines, each running a deterministic share.

``python -m journeys shard K/N [behave arguments]`` lists every scenario under the paths
(each row of an outline is a scenario of its own, at its row's line), deals them into N
shards and runs the K-th with behave. The deal is balanced by the durations earlier runs
recorded (``timings.json`` in the cache folder; a committed copy works as well), the longest
first onto the shard with the least so far; without timings, by count. The same scenarios
and timings give the same deal on every machine, and every scenario is in exactly one shard.
Each shard writes its Allure results and JUnit XML into ``reports/shards/K-of-N/``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from behave.parser import parse_file

from journeys import coverage_shares
from journeys.exceptions import SettingsError
from journeys.parallel import folders

TIMINGS = "timings.json"
# A scenario never timed counts as this many seconds, or the median of those timed.
UNTIMED = 1.0


def scenarios(paths: list[str], root: Path) -> list[str]:
    """Every scenario's location, ``features/x.feature:12``, in file order."""
    found: list[str] = []
    for given in paths or ["features"]:
        path = root / given
        files = sorted(path.rglob("*.feature")) if path.is_dir() else [path]
        for feature_file in files:
            feature = parse_file(str(feature_file))
            if feature is None:
                continue
            relative = feature_file.relative_to(root)
            found += [f"{relative}:{s.location.line}" for s in feature.walk_scenarios()]
    return found


def deal(locations: list[str], shards: int, timings: dict[str, float]) -> list[list[str]]:
    """The locations dealt into ``shards`` lists: longest first, each onto the shard with
    the least time so far (ties: the lower shard); each list in file order."""
    if shards < 1:
        raise SettingsError(f"{shards} shards: give at least 1.")
    known = sorted(timings[loc] for loc in locations if loc in timings)
    default = known[len(known) // 2] if known else UNTIMED
    order = {loc: n for n, loc in enumerate(locations)}
    heaviest = sorted(locations, key=lambda loc: (-timings.get(loc, default), order[loc]))
    totals = [0.0] * shards
    dealt: list[list[str]] = [[] for _ in range(shards)]
    for loc in heaviest:
        lightest = min(range(shards), key=lambda k: (totals[k], k))
        dealt[lightest].append(loc)
        totals[lightest] += timings.get(loc, default)
    return [sorted(share, key=order.__getitem__) for share in dealt]


def read_timings(cache: Path) -> dict[str, float]:
    try:
        found = json.loads((cache / TIMINGS).read_text())
    except (OSError, ValueError):
        return {}
    return {k: float(v) for k, v in found.items() if isinstance(v, int | float)}


def record_timings(cache: Path, durations: dict[str, float]) -> None:
    """Merges a run's scenario durations into the cache's timings (newest wins)."""
    if not durations:
        return
    cache.mkdir(parents=True, exist_ok=True)
    merged = {**read_timings(cache), **{k: round(v, 3) for k, v in durations.items()}}
    with tempfile.NamedTemporaryFile("w", dir=cache, delete=False, suffix=".tmp") as out:
        json.dump(dict(sorted(merged.items())), out, indent=0)
    os.replace(out.name, cache / TIMINGS)


def parse_shard(text: str) -> tuple[int, int]:
    k, _, n = text.partition("/")
    if not (k.isdigit() and n.isdigit()) or not 1 <= int(k) <= int(n):
        raise SettingsError(f"shard {text!r}: write it K/N with 1 <= K <= N, e.g. 2/4.")
    return int(k), int(n)


def run_shard(shard: str, behave_args: list[str], root: Path, cache: Path) -> int:
    k, n = parse_shard(shard)
    paths = [a for a in behave_args if not a.startswith("-") and Path(root, a).exists()]
    options = [a for a in behave_args if a not in paths]
    mine = deal(scenarios(paths, root), n, read_timings(cache))[k - 1]
    timed = "by the recorded timings" if read_timings(cache) else "by count (no timings yet)"
    print(f"journeys shard {k}/{n}: {len(mine)} scenarios, dealt {timed}", flush=True)
    if not mine:
        return 0
    out = root / "reports" / "shards" / f"{k}-of-{n}"
    out.mkdir(parents=True, exist_ok=True)
    listing = out / "scenarios.txt"  # the shard's share, kept with its results
    listing.write_text("".join(f"{root / loc}\n" for loc in mine))  # behave: from its folder
    # Its durations go to its own folder: the deal must not change while shards run. So do
    # its contract coverage counts: only the merge of every shard is the whole run.
    for stale in out.glob(coverage_shares.PATTERN):
        stale.unlink()
    timed_here = ["-D", f"timings={out}", "-D", f"share_dir={out}"]
    done = subprocess.run(
        [sys.executable, "-m", "behave", f"@{listing}", *timed_here, *options], cwd=root
    )
    # The run wrote where [tool.behave] says (a second formatter of the same kind would
    # clash); the shard's results are kept apart, for ``journeys merge``.
    config = (
        tomllib.loads((root / "pyproject.toml").read_text())
        if (root / "pyproject.toml").exists()
        else {}
    )
    results, junit = folders(config.get("tool", {}).get("behave", {}))
    for written, kept in ((results, "allure-results"), (junit, "junit")):
        if written is not None and (root / written).is_dir():
            shutil.rmtree(out / kept, ignore_errors=True)
            shutil.move(str(root / written), str(out / kept))
    return done.returncode


def merge(
    shard_dirs: list[Path], into: Path, cache: Path, say: Callable[[str], None] = print
) -> dict[str, int]:
    """One Allure results folder and one JUnit folder from the shards' own, as a single run
    writes them: every result file gathered, each feature's test cases in one suite; and the
    contract coverage of the whole, said and attached to the report (below the minimum the
    shards were run with, raises HarnessError once the rest is merged)."""
    import xml.etree.ElementTree as ET

    results, junit = into / "allure-results", into / "junit"
    for folder in (results, junit):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    suites: dict[str, Any] = {}
    for shard in shard_dirs:
        if not (shard / "allure-results").is_dir():
            raise SettingsError(f"{shard} holds no allure-results: is it a shard's folder?")
        for path in (shard / "allure-results").iterdir():
            shutil.copy(path, results / path.name)  # uuid-named: no two shards clash
        for path in sorted((shard / "junit").glob("TESTS-*.xml")):
            suite = ET.parse(path).getroot()
            if path.name not in suites:
                suites[path.name] = suite
            else:
                suites[path.name].extend(suite.findall("testcase"))
    for name, suite in suites.items():
        cases = suite.findall("testcase")
        suite.set("tests", str(len(cases)))
        for kind in ("errors", "failures", "skipped"):
            tag = {"errors": "error", "failures": "failure", "skipped": "skipped"}[kind]
            suite.set(kind, str(sum(1 for c in cases if c.find(tag) is not None)))
        suite.set("time", f"{sum(float(c.get('time', 0)) for c in cases):.6f}")
        ET.ElementTree(suite).write(junit / name, encoding="unicode")
    for shard in shard_dirs:  # the next deal is balanced by what every shard measured
        record_timings(cache, read_timings(shard))
    coverages, minimum = coverage_shares.gather(shard_dirs)
    coverage_shares.report(coverages, minimum, results, say)
    return {
        "results": sum(1 for _ in results.glob("*-result.json")),
        "test cases": sum(len(s.findall("testcase")) for s in suites.values()),
    }
