"""How much code a suite needed to meet its service or system: lines (as ``wc -l`` counts
them) of the target/system description, the rest of support/, factories/, steps/ and the
two one-time files. ``python bench/glue.py examples/notes_system``."""

from __future__ import annotations

import sys
from pathlib import Path


def lines(paths: list[Path]) -> int:
    return sum(len(p.read_text().splitlines()) for p in paths)


def glue(root: Path) -> dict[str, int]:
    support = sorted((root / "support").glob("*.py"))
    described = [p for p in support if p.name in ("target.py", "system.py")]
    return {
        "support/" + "+".join(p.name for p in described): lines(described),
        "rest of support/": lines([p for p in support if p not in described]),
        "factories/": lines(sorted((root / "factories").glob("*.py"))),
        "steps/": lines(sorted((root / "steps").glob("*.py"))),
        "environment.py + pyproject.toml": lines(
            [root / "environment.py", root / "pyproject.toml"]
        ),
    }


def main() -> None:
    for folder in sys.argv[1:] or ["examples/notes_system", "examples/flask_bakery"]:
        counted = glue(Path(folder))
        parts = ", ".join(f"{name} {n}" for name, n in counted.items())
        print(f"{folder}: {sum(counted.values())} lines of glue ({parts})")


if __name__ == "__main__":
    main()
