"""How much of the suite a one-function change of each shop module selects.

    python bench/affected.py

Makes the map (`python -m journeys affected --refresh`: the whole suite under coverage),
then, for every function of every shop module that some scenario runs, asks which
scenarios a change inside that function selects, as `affected --since` would. Prints per
module the functions counted, the median and the largest share of the suite selected, and
the median over every function of the shop: the share of the suite a typical one-function
change runs. Functions that run only at start-up select everything (counted as 100%).
"""

from __future__ import annotations

import ast
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from journeys.affected.coverage_map import MAP, CoverageMap  # noqa: E402
from journeys.affected.selection import Everything, in_code  # noqa: E402


def main() -> int:
    refresh = [sys.executable, "-m", "journeys", "affected", "--refresh"]
    subprocess.run(refresh, cwd=REPO, check=True, capture_output=True)
    made = CoverageMap.load(REPO / ".journeys" / "cache" / MAP)
    assert made is not None, "the map was not made"
    total = len(made.scenarios)
    print(f"scenarios in the suite: {total}; map made at {made.commit[:10]}")
    print("| module | functions run by a scenario | median share selected | largest share |")
    print("|---|---|---|---|")
    shares: list[float] = []
    for name in sorted(n for n in made.files if n.startswith("shop/")):
        text = (REPO / name).read_text()
        mine = []
        for function in ast.walk(ast.parse(text)):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            body = function.body[0].lineno
            if not any(
                made.lines.get(name, {}).get(n)
                for n in range(body, (function.end_lineno or body) + 1)
            ):
                continue
            try:
                chosen = in_code(name, text, {body}, made)
            except Everything:
                chosen = set(made.scenarios)
            mine.append(100 * len(chosen) / total)
        if mine:
            shares += mine
            print(f"| {name} | {len(mine)} | {statistics.median(mine):.0f}% | {max(mine):.0f}% |")
    print(
        f"\nmedian over {len(shares)} functions of the shop: {statistics.median(shares):.0f}% "
        f"of the suite ({statistics.median(shares) * total / 100:.0f} of {total} scenarios)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
