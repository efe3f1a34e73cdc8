"""The ``mutate`` command line: which mutants, how long, what counts as failing."""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from journeys.exceptions import JourneysError
from journeys.mutation import cosmic, integration
from journeys.mutation.operators import OPERATORS
from journeys.mutation.outcomes import accept, scores, table


def add_parsers(commands: Any) -> None:
    mutating = commands.add_parser(
        "mutate",
        help="a mutation score: mutants of service modules against the scenarios",
        description="Make the mutants of each module in a scratch copy of this project and "
        "try each against only the scenarios that run its line (one coverage run, a context "
        "per scenario). --operators cosmic: cosmic-ray's operator mutants; --operators "
        "integration: the bugs integration suites exist for ("
        + ", ".join(o.name for o in OPERATORS)
        + "). Prints killed / survived / timed out / not run per module (and per operator), "
        "and each survivor with its place, diff and the rule it breaks. The work tree is not "
        "touched.",
    )
    mutating.add_argument(
        "modules", nargs="+", metavar="MODULE", help="e.g. shop/orders.py, or a folder: shop/"
    )
    mutating.add_argument(
        "--operators", choices=("cosmic", "integration"), default="cosmic",
        help="cosmic-ray's operators (default) or journeys' integration operators",
    )  # fmt: skip
    mutating.add_argument("--seconds", type=float, default=1800, help="time for all of it")
    mutating.add_argument("--timeout", type=float, default=60, help="time for one mutant")
    mutating.add_argument("--sample", type=int, help="try only this many mutants per module")
    mutating.add_argument("--seed", type=int, default=0, help="which sample (with --sample)")
    mutating.add_argument(
        "--workers", type=int, default=0,
        help="mutants tried at once (integration; default: one per core)",
    )  # fmt: skip
    mutating.add_argument(
        "--changed-since", metavar="REF",
        help="only the named modules git says changed since REF (none: nothing to do)",
    )  # fmt: skip
    mutating.add_argument(
        "--also", metavar="COMMAND", default="",
        help="a further check for each mutant the scenarios pass (a shell command run in the "
        "scratch copy; failing kills the mutant), e.g. a contract drift check",
    )  # fmt: skip
    mutating.add_argument(
        "--min-score", type=float, metavar="PERCENT",
        help="fail (exit 1) if a module's score is below this: a tripwire for CI",
    )  # fmt: skip
    mutating.add_argument(
        "--accepted", metavar="FILE",
        help="survivors explained (TOML [[survivor]]: module, operator, code, reason, and "
        "change for an integration mutant); with it, any other survivor fails (exit 1)",
    )  # fmt: skip
    one = commands.add_parser("mutant-test", help="(run by cosmic-ray for each mutant)")
    one.add_argument("module")
    one.add_argument("map")


def run(args: argparse.Namespace) -> int:
    if args.command == "mutant-test":
        return cosmic.test_mutant(args.module, args.map)
    started = time.monotonic()
    # Stopped (CI's timeout, a kill), the scratch copies are removed on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        modules = integration.modules_under(args.modules)
        if args.changed_since:
            modules = _changed(modules, args.changed_since)
            if not modules:
                print(f"journeys mutate: none of these modules changed since {args.changed_since}")
                return 0
        if args.operators == "integration":
            mutants = integration.mutate(modules, args.seconds, args.timeout, args.sample,
                                         args.seed, args.also, args.workers)  # fmt: skip
        else:
            mutants = cosmic.mutate(
                modules, args.seconds, args.timeout, args.sample, args.seed, args.also
            )
    except JourneysError as exc:
        print(f"journeys mutate: {exc}", file=sys.stderr)
        return 2
    if args.accepted:
        mutants = accept(mutants, Path(args.accepted))
    print(table(mutants, modules))
    print(f"\njourneys mutate: {len(mutants)} mutants in {time.monotonic() - started:.0f} s")
    low = {m: s for m, s in scores(mutants).items() if s < (args.min_score or 0)}
    for module, score in low.items():
        print(f"journeys mutate: {module} scores {score:.0f}%, below {args.min_score:.0f}%",
              file=sys.stderr)  # fmt: skip
    if low:
        return 1
    unexplained = [m for m in mutants if m.lost and not m.reason]
    if args.accepted and unexplained:
        print(
            f"journeys mutate: {len(unexplained)} survivor(s) neither caught nor explained in "
            f"{args.accepted}: give each a scenario, or a reason there",
            file=sys.stderr,
        )
        return 1
    return 0


def _changed(modules: list[str], since: str) -> list[str]:
    """The modules git lists as changed (committed or not) since ``since``."""
    run = subprocess.run(["git", "diff", "--name-only", since, "--", *modules],
                         capture_output=True, text=True)  # fmt: skip
    if run.returncode != 0:
        raise JourneysError(f"git cannot tell what changed since {since}: {run.stderr.strip()}")
    changed = set(run.stdout.split())
    return [m for m in modules if m in changed]
