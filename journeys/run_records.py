"""What a run leaves on disk starts clean and tells the truth, even when the run cannot start.

- The Allure results folder and the JUnit folder are emptied when a run starts (unless
  ``clean_results`` is off), before the settings are read: a run that fails on a setting must
  not leave the previous run's results beside its own.
- A run that cannot start writes one JUnit error saying why; otherwise JUnit lists every case
  as untested with no error, and a CI checks tab shows nothing red.
- A run that stops early (a signal, the environment gone) marks every scenario it did not
  run as skipped, with the reason: behave writes them as ``status="untested"`` with no
  ``<skipped/>``, which a CI counts as passed.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
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


def skip_unrun(directory: Path | None, reason: str) -> int:
    """Every JUnit case the run did not run becomes skipped, saying why; returns how many."""
    if directory is None or not directory.is_dir():
        return 0
    message = f"not run: {mask_text(reason)}"
    marked = 0
    for report in directory.glob("TESTS-*.xml"):
        tree = ET.parse(report)
        suites = [tree.getroot(), *tree.getroot().iter("testsuite")]
        for suite in dict.fromkeys(s for s in suites if s.tag == "testsuite"):
            for case in suite.iter("testcase"):
                if case.get("status") != "untested" or case.find("failure") is not None:
                    continue
                skipped = case.find("skipped")  # behave writes one when show_skipped is on
                if skipped is None:
                    skipped = ET.SubElement(case, "skipped")
                skipped.set("message", message)
                case.set("status", "skipped")
                marked += 1
            suite.set("skipped", str(len(suite.findall(".//testcase/skipped"))))
        tree.write(report, encoding="UTF-8", xml_declaration=True)
    return marked
