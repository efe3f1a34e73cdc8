"""Runs a bench script and keeps what it printed for the docs' Measured page, so that no
figure there is typed by hand:

    python bench/record.py suite_pace -- python bench/suite_pace.py --runs 3

writes docs/measured/suite_pace.txt: the command, the machine, then the output as printed.
``record.py NAME --any-exit -- COMMAND`` keeps the output of a command that fails as well
(a mutation run with survivors left to explain), with its exit code.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    args = sys.argv[1:]
    any_exit = len(args) > 1 and args[1] == "--any-exit"
    if any_exit:
        del args[1]
    if len(args) < 3 or args[1] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    name, command = args[0], args[2:]
    ran = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    if ran.returncode != 0 and not any_exit:
        print(ran.stdout + ran.stderr, file=sys.stderr)
        return ran.returncode
    machine = f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    text = f"$ {' '.join(command)}\n# machine: {machine}\n\n{ran.stdout.rstrip()}\n"
    if ran.returncode != 0:
        text += f"# exit code: {ran.returncode}\n"
    target = REPO / "docs" / "measured" / f"{name}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    print(f"wrote {target.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
