"""What a run checks and says as it ends: the contract's coverage, and whether it left rows
behind. Either may fail the run, once everything else is put away."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from journeys import coverage_shares
from journeys.exceptions import HarnessError
from journeys.stopping import ENVIRONMENT_ERRORS

if TYPE_CHECKING:
    from journeys.harness import Harness

Say = Callable[[str], None]


def left_behind(harness: Harness, say: Say) -> HarnessError | None:
    """Rows the run left in its databases (against the starting rows under restore)."""
    try:
        leaks = harness.leaks()
    except ENVIRONMENT_ERRORS as gone:
        say(f"could not look for rows left behind: the database is gone ({gone})")
        return None
    if not leaks:
        return None
    where = "; ".join(
        f"{database}: " + ", ".join(f"{table} ({n} rows)" for table, n in sorted(tables.items()))
        for database, tables in leaks
    )
    message = (
        f"isolation leak: rows remain after the run in {where}. Something wrote after a "
        "scenario's clean-up (a late event, a background job) or beside its isolation; "
        "journeys leaves them for you to look at."
    )
    say(message)
    return HarnessError(message)


def report_contract_coverage(harness: Harness, results: Path | None, say: Say) -> None:
    """The coverage line of each service with a contract; below the minimum, the run fails.
    A share of a run (a parallel worker, a shard: ``share_dir`` set) leaves its counts
    there instead, for the whole run to say once (journeys/coverage_shares.py)."""
    share = harness.settings.share_dir
    if harness.settings.worker_id and not share:
        return  # a worker whose runner gathers nothing (journeys mutate): no whole to tell
    contracts = harness.contracts()
    for _service, contract in contracts:
        # Raises when nothing was checked; a share cannot know what the others saw.
        for told in contract.closing_lines(whole=not share):
            say(told)
    minimum = harness.settings.min_contract_coverage
    if share:
        if contracts:
            coverage_shares.leave(Path(share), contracts, minimum)
        return
    coverage_shares.report([(s, c.coverage) for s, c in contracts], minimum, results, say)
