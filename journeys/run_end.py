"""What a run checks and says as it ends: the contract's coverage, and whether it left rows
behind. Either may fail the run, once everything else is put away."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from journeys import reporting
from journeys.exceptions import HarnessError
from journeys.settings import mask_url
from journeys.stopping import ENVIRONMENT_ERRORS

if TYPE_CHECKING:
    from journeys.harness import Harness

Say = Callable[[str], None]


def left_behind(harness: Harness, say: Say) -> HarnessError | None:
    """Rows the run left in its database (against the starting rows under restore)."""
    try:
        leaked = harness.leaked()
    except ENVIRONMENT_ERRORS as gone:
        say(f"could not look for rows left behind: the database is gone ({gone})")
        return None
    if not leaked:
        return None
    tables = ", ".join(f"{table} ({n} rows)" for table, n in sorted(leaked.items()))
    message = (
        f"isolation leak: rows remain after the run in {mask_url(harness.database_url)}: "
        f"{tables}. Something wrote after a scenario's clean-up (a late event, a background "
        "job) or beside its isolation; journeys leaves them for you to look at."
    )
    say(message)
    return HarnessError(message)


def report_contract_coverage(harness: Harness, results: Path | None, say: Say) -> None:
    """The coverage line on every run with a contract; below the minimum, the run fails."""
    if harness.contract is None or harness.settings.worker_id:
        return  # a parallel worker saw only its share of the suite: no whole-run coverage
    coverage = harness.contract.coverage
    enough = coverage.percent() >= harness.settings.min_contract_coverage
    line = coverage.line()
    say(line)
    for told in harness.contract.closing_lines():  # raises when nothing was checked
        say(told)
    if results is not None:
        reporting.report_coverage(results, line, coverage.table(), enough)
    if not enough:
        raise HarnessError(
            f"the suite exercised {coverage.percent():.0f}% of the documented answers, below "
            f"min_contract_coverage={harness.settings.min_contract_coverage:g}: add scenarios "
            "for the answers the coverage table in the report lists as not exercised."
        )
