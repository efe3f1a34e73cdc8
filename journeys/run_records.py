"""What a run leaves on disk starts clean and tells the truth, even when the run cannot start.

- The Allure results folder and the JUnit folder are emptied when a run starts (unless
  ``clean_results`` is off), before the settings are read: a run that fails on a setting must
  not leave the previous run's results beside its own.
- A run that cannot start writes one JUnit error saying why; otherwise JUnit lists every case
  as untested with no error, and a CI checks tab shows nothing red.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from journeys.secrets import mask_text

NOT_STARTED_FILE = "TESTS-journeys-run.xml"


def clean_wanted(userdata: Mapping[str, Any], env: Mapping[str, str] | None = None) -> bool:
    """The clean_results setting, read leniently: anything but a clear 'no' cleans."""
    env = os.environ if env is None else env
    raw = str(userdata.get("clean_results", env.get("JOURNEYS_CLEAN_RESULTS", "true")))
    return raw.strip().lower() not in ("0", "false", "no", "off")


def junit_dir(config: Any) -> Path | None:
    return Path(config.junit_directory) if getattr(config, "junit", False) else None


def empty_junit(directory: Path | None) -> None:
    if directory is None or not directory.is_dir():
        return
    for report in directory.glob("TESTS-*.xml"):
        report.unlink()


def junit_not_started(directory: Path | None, reason: str, kind: str) -> None:
    """One failing JUnit case that says why the run did not start."""
    if directory is None:
        return
    directory.mkdir(parents=True, exist_ok=True)
    message = mask_text(reason)
    (directory / NOT_STARTED_FILE).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuite name="journeys.run" tests="1" errors="1" failures="0" skipped="0" '
        'time="0">\n'
        '  <testcase classname="journeys.run" name="the run did not start" time="0">\n'
        f"    <error type={quoteattr(kind)} message={quoteattr(message)}>"
        f"{escape(message)}</error>\n"
        "  </testcase>\n"
        "</testsuite>\n"
    )
