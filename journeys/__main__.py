"""``python -m journeys init DIR``: a starting suite for a new service."""

from __future__ import annotations

import argparse
import sys

from journeys.scaffold import ScaffoldError, write_suite


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
    args = parser.parse_args(argv)
    try:
        written = write_suite(args.directory, app=args.app, url=args.url, database=args.database)
    except ScaffoldError as exc:
        print(f"journeys init: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"  wrote {path}")
    print(f"Next: cd {args.directory} && behave")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
