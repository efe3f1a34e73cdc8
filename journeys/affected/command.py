"""The command line of ``python -m journeys affected``."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from journeys.affected.coverage_map import MAP, CoverageMap, refresh
from journeys.affected.selection import select
from journeys.exceptions import JourneysError

NOT_SOURCES = {"tests", "docs", "bench", "scripts", "examples"}


def add_parser(commands: argparse._SubParsersAction) -> None:
    affected = commands.add_parser(
        "affected",
        help="list (or run) only the scenarios a change since a git ref can touch",
        description="Which scenarios run the functions a change since REF touches, by the "
        "map a full run under coverage made (--refresh), plus the scenarios of changed "
        "feature files; everything, saying why, when the map is missing or stale or a "
        "change is one it cannot place. The scenarios go to stdout (for behave), the "
        "reasons to stderr. Arguments after the options go to behave.",
    )  # fmt: skip
    affected.add_argument("--since", metavar="REF", help="a git ref: what changed since it")
    affected.add_argument("--run", action="store_true", help="run them with behave")
    affected.add_argument(
        "--refresh", action="store_true", help="make the map: the whole suite under coverage"
    )
    affected.add_argument(
        "--source", action="append", metavar="DIR",
        help="code the map follows (repeat it); default: the project's packages and steps/",
    )  # fmt: skip
    affected.add_argument("--cache", default=".journeys/cache", help="where the map is kept")


def run(args: argparse.Namespace, behave: list[str]) -> int:
    root = Path.cwd()
    paths = [a for a in behave if not a.startswith("-") and (root / a).exists()] or ["features"]
    options = [a for a in behave if a not in paths]
    sources = args.source or default_sources(root)
    where = Path(args.cache) / MAP
    if not args.refresh and not args.since:
        print("journeys affected: give --since REF (what changed since a git ref) or "
              "--refresh (make the map)", file=sys.stderr)  # fmt: skip
        return 2
    try:
        if args.refresh:
            return _refresh(root, sources, paths, options, where)
        selection = select(args.since, root, CoverageMap.load(where))
    except JourneysError as exc:
        print(f"journeys affected: {exc}", file=sys.stderr)
        return 2
    for reason in selection.why:
        print(f"journeys affected: {reason}", file=sys.stderr)
    made = CoverageMap.load(where)
    total = len(made.scenarios) if made else 0
    if selection.scenarios is None:
        print(f"journeys affected: every scenario ({total or 'all'})", file=sys.stderr)
        if not args.run:
            print("\n".join(paths))
            return 0
        return _refresh(root, sources, paths, options, where, run_only=False)
    print(f"journeys affected: {len(selection.scenarios)} of {total} scenarios can be touched "
          f"by what changed since {args.since}", file=sys.stderr)  # fmt: skip
    if not args.run:
        print("\n".join(selection.scenarios))
        return 0
    if not selection.scenarios:
        return 0
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("".join(f"{root / s}\n" for s in selection.scenarios))
    try:
        return subprocess.run([sys.executable, "-m", "behave", f"@{listing.name}", *options],
                              cwd=root).returncode  # fmt: skip
    finally:
        Path(listing.name).unlink(missing_ok=True)


def default_sources(root: Path) -> list[str]:
    """The project's own packages (a folder with __init__.py), and the suite's steps/ and
    support/ (behave loads them as plain folders)."""
    found = {
        d.name
        for d in root.iterdir()
        if d.is_dir() and (d / "__init__.py").exists() and d.name not in NOT_SOURCES
    }
    return sorted(found | {name for name in ("steps", "support") if (root / name).is_dir()})


def _refresh(
    root: Path,
    sources: list[str],
    paths: list[str],
    behave: list[str],
    where: Path,
    run_only: bool = True,
) -> int:
    """The whole suite under coverage; the map it makes is kept. Returns behave's verdict
    when this run is the one asked for (``--run`` with everything to run)."""
    print(f"journeys affected: a full run under coverage of {', '.join(sources)}, to map "
          "which scenarios run what", file=sys.stderr)  # fmt: skip
    made, code = refresh(root, sources, paths, behave, quiet=run_only)
    made.save(where)
    print(f"journeys affected: mapped {len(made.scenarios)} scenarios over {len(made.files)} "
          f"files at {made.commit[:10] or 'no commit'} into {where}", file=sys.stderr)  # fmt: skip
    return 0 if run_only else code
