"""A schema-driven fuzz run of the live shop: no operation may answer 500, and the stored data
must still make sense afterwards.

    python scripts/fuzz_shop.py [--server URL] [--examples 25] [--seed 1]

It starts `python -m shop` on a committed database of its own (see live_shop.py), signs in
as a staff account, and runs Schemathesis over every operation of the shop's OpenAPI
document, NUL characters and huge numbers included, with the check `not_a_server_error`.
Then it checks every invariant of the shop's target on the database the fuzzing left.
Exit code: Schemathesis's, or 1 if an invariant is broken.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

import requests
from live_shop import REPO, STAFF_EMAIL, STAFF_PASSWORD, live_shop, settled

from support.invariants import INVARIANTS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", help="a PostgreSQL URL; default: a SQLite file")
    parser.add_argument("--examples", type=int, default=25, help="test cases per operation")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    with live_shop(options.server, payment_timeout=2.0, events=True) as shop:
        login = requests.post(
            f"{shop.base_url}/auth/login",
            json={"email": STAFF_EMAIL, "password": STAFF_PASSWORD},
            timeout=10,
        )
        login.raise_for_status()
        token = login.json()["access_token"]
        report = REPO / "reports" / "fuzz"
        fuzz = subprocess.run(
            [
                sys.executable, "-m", "schemathesis.cli", "run",
                f"{shop.base_url}/openapi.json",
                "--checks", "not_a_server_error",
                "--max-examples", str(options.examples),
                "--seed", str(options.seed),
                "--phases", "examples,coverage,fuzzing",
                "--generation-allow-x00", "true",
                "--workers", "1",
                "--header", f"Authorization: Bearer {token}",
                "--report", "junit",
                "--report-dir", str(report),
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
        )  # fmt: skip
        log = report / "schemathesis.log"
        log.write_text(fuzz.stdout + fuzz.stderr, encoding="utf-8")
        broken = settled(shop.database_url, INVARIANTS, storage_dir=shop.storage_dir)
    # Schemathesis closes on a pytest-like "=== N warnings in Xs ===" line, which a CI log
    # reader takes for a test runner that ran nothing: its output goes to a file, and only
    # its counts (or, if it failed, all of it) are printed here.
    print(fuzz.stdout + fuzz.stderr if fuzz.returncode else _counts(fuzz.stdout))
    print(f"fuzz: Schemathesis's whole output is in {log.relative_to(REPO)}")
    for violation in broken:
        print(violation.describe())
    print(
        f"fuzz: Schemathesis exit {fuzz.returncode}; "
        f"{len(INVARIANTS) - len(broken)} of {len(INVARIANTS)} invariants hold afterwards"
    )
    return fuzz.returncode or (1 if broken else 0)


def _counts(output: str) -> str:
    """Schemathesis's 'Test cases:' lines (generated, passed, failed)."""
    lines = output.splitlines()
    if "Test cases:" not in lines:
        return output
    start = lines.index("Test cases:")
    return "\n".join(line for line in lines[start : start + 2] if line.strip())


if __name__ == "__main__":
    raise SystemExit(main())
