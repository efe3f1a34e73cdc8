"""A schema-driven fuzz run of the live shop with every check Schemathesis has: each answer
documented (status, headers, body), security honoured, negative data refused, no 500; and the
stored data must still make sense afterwards.

    python scripts/fuzz_shop.py [--server URL] [--examples 25] [--seed 1]

It starts `python -m shop` on a committed database of its own (see live_shop.py) and runs
Schemathesis twice over every operation of the shop's OpenAPI document (examples, coverage
and fuzzing phases, NUL characters and huge numbers included, `--checks all`): once signed in
as a staff account, once as a visitor with no token. schemathesis.toml, beside this
repository's README, says which two operations may refuse well-formed data, and why. Then it
checks every invariant of the shop's target on the database the fuzzing left.
Exit code: 1 if either pass found a failure or an invariant is broken, else 0.
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
        passes = {
            "staff": ["--header", f"Authorization: Bearer {token}"],
            "visitor": [],  # no token: what anyone may ask, and every 401
        }
        runs = {who: _fuzz(shop.base_url, who, extra, options) for who, extra in passes.items()}
        broken = settled(shop.database_url, INVARIANTS, storage_dir=shop.storage_dir)
    # Schemathesis closes on a pytest-like "=== N warnings in Xs ===" line, which a CI log
    # reader takes for a test runner that ran nothing: its output goes to a file, and only
    # its counts (or, if it failed, all of it) are printed here.
    for who, fuzz in runs.items():
        output = fuzz.stdout + fuzz.stderr
        print(f"fuzz ({who}):", output if fuzz.returncode else _counts(fuzz.stdout))
        print(f"fuzz ({who}): Schemathesis's whole output is in reports/fuzz/{who}.log")
    for violation in broken:
        print(violation.describe())
    failed = [who for who, fuzz in runs.items() if fuzz.returncode]
    print(
        f"fuzz: --checks all, seed {options.seed}, {options.examples} examples per operation; "
        f"failures in: {', '.join(failed) or 'neither pass'}; "
        f"{len(INVARIANTS) - len(broken)} of {len(INVARIANTS)} invariants hold afterwards"
    )
    return 1 if failed or broken else 0


def _fuzz(
    base_url: str, who: str, extra: list[str], options: argparse.Namespace
) -> subprocess.CompletedProcess[str]:
    report = REPO / "reports" / "fuzz"
    fuzz = subprocess.run(
        [
            sys.executable, "-m", "schemathesis.cli", "run",
            f"{base_url}/openapi.json",
            "--checks", "all",
            "--max-examples", str(options.examples),
            "--seed", str(options.seed),
            "--phases", "examples,coverage,fuzzing",
            "--generation-allow-x00", "true",
            "--workers", "1",
            *extra,
            "--report", "junit",
            "--report-junit-path", str(report / f"{who}.xml"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )  # fmt: skip
    report.mkdir(parents=True, exist_ok=True)
    (report / f"{who}.log").write_text(fuzz.stdout + fuzz.stderr, encoding="utf-8")
    return fuzz


def _counts(output: str) -> str:
    """Schemathesis's 'Test cases:' lines (generated, passed, failed)."""
    lines = output.splitlines()
    if "Test cases:" not in lines:
        return output
    start = lines.index("Test cases:")
    return "\n".join(line for line in lines[start : start + 2] if line.strip())


if __name__ == "__main__":
    raise SystemExit(main())
