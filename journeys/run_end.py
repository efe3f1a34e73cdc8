"""What a run checks and says as it ends: the contract's coverage, and whether it left rows
behind. Either may fail the run, once everything else is put away."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from journeys import reporting
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
    """The coverage line of each service with a contract; below the minimum, the run fails."""
    if harness.settings.worker_id:
        return  # a parallel worker saw only its share of the suite: no whole-run coverage
    contracts = harness.contracts()
    for service, contract in contracts:
        coverage = contract.coverage
        enough = coverage.percent() >= harness.settings.min_contract_coverage
        line = coverage.line() if len(contracts) == 1 else f"{service}: {coverage.line()}"
        say(line)
        for told in contract.closing_lines():  # raises when nothing was checked
            say(told)
        if results is not None:
            reporting.report_coverage(results, line, coverage.table(), enough)
        if not enough:
            raise HarnessError(
                f"the suite exercised {coverage.percent():.0f}% of the documented answers"
                f"{f' of {service}' if len(contracts) > 1 else ''}, below "
                f"min_contract_coverage={harness.settings.min_contract_coverage:g}: add "
                "scenarios for the answers the coverage table in the report lists as not "
                "exercised."
            )
