"""The closing line of a CI run: the framework's tests over every JUnit file given.

    python scripts/ci_summary.py reports/ci/pytest-*.xml

prints ``tests: N passed, N failed, N skipped`` and exits non-zero if any failed or if no
file holds a test (a run that tested nothing is not a green run).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET


def main(paths: list[str]) -> int:
    passed = failed = skipped = 0
    for path in paths:
        for suite in ET.parse(path).getroot().iter("testsuite"):
            total = int(suite.get("tests", 0))
            bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skip = int(suite.get("skipped", 0))
            passed, failed, skipped = passed + total - bad - skip, failed + bad, skipped + skip
    print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
