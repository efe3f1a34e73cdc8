"""``python -m journeys init DIR``: a starting suite for a new service."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeys.affected import command as affected_command
from journeys.exceptions import HarnessError, JourneysError, SettingsError
from journeys.mutation import command as mutation_command
from journeys.scaffold import ScaffoldError, write_suite


def clean_database(defines: list[str]) -> int:
    from journeys.cleanup import clean

    try:
        for line in clean(defines):
            print(f"journeys clean: {line}")
    except JourneysError as exc:
        print(f"journeys clean: {exc}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m journeys")
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser(
        "init",
        help="write a starting suite (features/, steps/, support/, factories/) into DIR",
        description="Write a starting suite for a service into DIR. Existing files are never "
        "overwritten. Then: cd DIR && behave",
    )
    init.add_argument("directory")
    how = init.add_mutually_exclusive_group()
    how.add_argument("--app", metavar="MODULE:ATTR", help="the service's ASGI or WSGI app")
    how.add_argument("--url", help="the URL of a service that is already running")
    init.add_argument(
        "--database",
        metavar="URL",
        help="with --url: the SQLAlchemy URL of the database the service uses",
    )
    clean = commands.add_parser(
        "clean",
        help="remove what killed journeys runs left: rows, broker names, cache keys, folders",
        description="Remove what journeys runs left when they were killed (SIGKILL, a lost "
        "machine): the rows they wrote, recognised by the mark each keeps in the database; "
        "their queues and exchanges on the broker and their keys in the cache, from the "
        "ledger each keeps in the temporary folder (on the broker_url and cache_url given); "
        "and their storage folders. Only runs whose process is gone. Reads the settings "
        "as behave does: JOURNEYS_* variables, [tool.behave.userdata] in ./pyproject.toml, "
        "and -D name=value.",
    )
    clean.add_argument("-D", dest="define", action="append", default=[], metavar="NAME=VALUE")
    hunting = commands.add_parser(
        "hunt",
        help="run the suite N times in random order with fresh seeds; report flaky scenarios",
        description="Run behave N times, each in a new random order (-D order=random) with a "
        "fresh seed, and report each scenario that failed in any run: whether it is flaky "
        "(passed in others) and the command that replays each failure. Nothing is retried. "
        "Arguments after the options go to behave.",
    )
    hunting.add_argument("--runs", type=int, default=3)
    hunting.add_argument(
        "--results",
        default="reports/allure-results",
        help="the Allure results folder the runs write to, where flaky results are marked",
    )
    parallel = commands.add_parser(
        "parallel",
        help="run the suite in N worker processes (behavex), one record, one exit code",
        description="Run the suite in N worker processes through behavex, each worker on a "
        "database of its own, into one Allure results folder and one JUnit folder, with one "
        "seed and one exit code. Arguments after the options go to behavex (and behave).",
    )
    sharding = commands.add_parser(
        "shard",
        help="run shard K of N: a deterministic share of the scenarios, balanced by timings",
        description="Deal every scenario under the paths into N shards, balanced by the "
        "durations earlier runs recorded (the cache folder's timings.json), and run the K-th "
        "with behave, writing its Allure results and JUnit into reports/shards/K-of-N/. "
        "Every scenario is in exactly one shard. Arguments after K/N go to behave.",
    )
    sharding.add_argument("shard", metavar="K/N")
    sharding.add_argument(
        "--cache", default=".journeys/cache", help="the folder that holds timings.json"
    )
    merging = commands.add_parser(
        "merge",
        help="one Allure results folder and one JUnit folder from shards' folders",
        description="Gather the folders `journeys shard` wrote (reports/shards/K-of-N) into "
        "one Allure results folder and one JUnit folder (each feature's test cases in one "
        "suite), as a single run writes them.",
    )
    merging.add_argument("shards", nargs="+", metavar="DIR")
    merging.add_argument("--into", default="reports", help="where allure-results/ and junit/ go")
    merging.add_argument(
        "--cache", default=".journeys/cache", help="the timings.json the shards' durations join"
    )
    mutation_command.add_parsers(commands)
    affected_command.add_parser(commands)
    parallel.add_argument("--workers", type=int, default=2)
    parallel.add_argument("--scheme", choices=("feature", "scenario"), default="feature")
    args, rest = parser.parse_known_args(argv)
    if rest and args.command not in ("hunt", "parallel", "shard", "affected"):
        parser.error(f"unrecognised arguments: {' '.join(rest)}")
    if args.command == "clean":
        return clean_database(args.define)
    if args.command == "merge":
        from journeys.shards import merge

        try:
            merged = merge(
                [Path(d) for d in args.shards], Path(args.into), Path(args.cache),
                say=lambda line: print(f"journeys merge: {line}"),
            )  # fmt: skip
        except SettingsError as exc:
            print(f"journeys merge: {exc}", file=sys.stderr)
            return 2
        except HarnessError as exc:  # merged, and below min_contract_coverage
            print(f"journeys merge: {exc}", file=sys.stderr)
            return 1
        print(f"journeys merge: {merged['results']} results, {merged['test cases']} test cases")
        return 0
    if args.command == "shard":
        from journeys.shards import run_shard

        try:
            return run_shard(args.shard, rest, Path.cwd(), Path(args.cache))
        except SettingsError as exc:
            print(f"journeys shard: {exc}", file=sys.stderr)
            return 2
    if args.command == "parallel":
        from journeys.parallel import run_parallel

        return run_parallel(args.workers, args.scheme, rest, Path.cwd())
    if args.command in ("mutate", "mutant-test"):
        return mutation_command.run(args)
    if args.command == "affected":
        return affected_command.run(args, rest)
    if args.command == "hunt":
        from journeys.flakes import hunt

        return hunt(args.runs, rest, Path(args.results))
    try:
        written = write_suite(args.directory, app=args.app, url=args.url, database=args.database)
    except ScaffoldError as exc:
        print(f"journeys init: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"  wrote {path}")
    print(next_steps(args.directory, args.app, args.url))
    return 0


def next_steps(directory: str, app: str | None, url: str | None) -> str:
    """What to do after init: run it, then fill in; and how the suite's own environment
    gets journeys (from the checkout this one came from, when it is one)."""
    import journeys

    checkout = Path(journeys.__file__).resolve().parent.parent
    extra = "[wsgi]" if app else ""
    install = (
        f'pip install -e "{checkout}{extra}"'
        if (checkout / "pyproject.toml").exists()
        else f'pip install "journeys{extra}=={journeys.__version__}"'
    )
    run = f"cd {directory} && behave"
    if app:
        run = f"cd {directory} && PYTHONPATH=.. behave   # your app's module on the path"
    return (
        f"Next: {run}\n"
        "Then: support/target.py (build your app around wiring.sessions), support/tasks.py "
        "(your endpoints), features/ (your users' journeys, in their words).\n"
        f"In the suite's own virtual environment, journeys installs with: {install}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
