"""Contract coverage of a run split in shares (parallel workers, shards on several machines):
each share leaves what it saw in a folder (``share_dir``), and the whole run says it once, as
a single run would: the same line, the same table in the report, the same minimum.

A share's file holds, per service, the document's operations and answers and how often each
answer was seen; adding the counts of every share gives the serial run's.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeys import reporting
from journeys.contracts import Coverage
from journeys.exceptions import HarnessError, SettingsError

if TYPE_CHECKING:
    from journeys.contracts import Contract

Say = Callable[[str], None]
PATTERN = "contract-coverage-*.json"


def leave(folder: Path, contracts: list[tuple[str, Contract]], minimum: float) -> Path:
    """This share's counts, in a file of its own in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    services = {
        service: {
            "operations": contract.coverage.operations,
            "responses": [list(r) for r in contract.coverage.responses],
            "seen": [[*key, n] for key, n in sorted(contract.coverage.seen.items())],
            "undocumented": [[*k, n] for k, n in sorted(contract.coverage.undocumented.items())],
        }
        for service, contract in contracts
    }
    path = folder / f"contract-coverage-{os.getpid()}-{uuid.uuid4().hex[:8]}.json"
    path.write_text(json.dumps({"minimum": minimum, "services": services}, indent=1))
    return path


def gather(folders: Iterable[Path]) -> tuple[list[tuple[str, Coverage]], float]:
    """Every share's counts added up, per service; and the minimum the shares were run with."""
    merged: dict[str, Coverage] = {}
    minimum = 0.0
    for folder in folders:
        for path in sorted(folder.glob(PATTERN)):
            try:
                data: dict[str, Any] = json.loads(path.read_text())
                services = data["services"]
            except (ValueError, KeyError) as exc:
                raise SettingsError(f"{path} is not a share's contract coverage ({exc})") from None
            minimum = max(minimum, float(data.get("minimum", 0)))
            for service, held in services.items():
                coverage = merged.setdefault(
                    service,
                    Coverage(held["operations"], [tuple(r) for r in held["responses"]]),
                )
                coverage.seen.update(Counter({(op, st): n for op, st, n in held["seen"]}))
                coverage.undocumented.update(
                    Counter({(op, st): n for op, st, n in held["undocumented"]})
                )
    return sorted(merged.items()), minimum


def report(
    coverages: list[tuple[str, Coverage]], minimum: float, results: Path | None, say: Say
) -> None:
    """The coverage line of each service (in the report too); below the minimum, raises."""
    for service, coverage in coverages:
        enough = coverage.percent() >= minimum
        line = coverage.line() if len(coverages) == 1 else f"{service}: {coverage.line()}"
        say(line)
        if results is not None:
            results.mkdir(parents=True, exist_ok=True)
            reporting.report_coverage(results, line, coverage.table(), enough)
        if not enough:
            raise HarnessError(
                f"the suite exercised {coverage.percent():.0f}% of the documented answers"
                f"{f' of {service}' if len(coverages) > 1 else ''}, below "
                f"min_contract_coverage={minimum:g}: add scenarios for the answers the "
                "coverage table in the report lists as not exercised."
            )
