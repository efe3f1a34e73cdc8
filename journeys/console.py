"""The console, as behave 1.3.3 should print it, and quiet when its reader goes away.

behave's pretty formatter prints a feature's header twice when the feature has a
Background (the header is replayed as a pending statement) and runs the description into
the next line. ``PrettyFormatter`` fixes both; configure it as the default format:
``default_format = "journeys"`` with ``journeys = "journeys.console:PrettyFormatter"`` in
``[tool.behave.formatters]``.
"""

from __future__ import annotations

import signal
from typing import Any

from behave.formatter.pretty import PrettyFormatter as _PrettyFormatter

from journeys import behave_fixes


class PrettyFormatter(_PrettyFormatter):
    name = "journeys"
    description = "behave's pretty output, each feature header once"

    def __init__(self, stream_opener: Any, config: Any) -> None:
        super().__init__(stream_opener, config)
        tidy_listing_run(config)

    def feature(self, feature: Any) -> None:
        super().feature(feature)
        if feature.description:
            self.stream.write("\n")
        self.statement = None  # printed: not again when the Background replays statements


def tidy_listing_run(config: Any) -> None:
    """A --dry-run or --steps-catalog run: list each step once, and end quietly when the
    reader closes the pipe (``behave --steps-catalog | head``). No server runs then, so
    the default SIGPIPE handling (end the process) is safe."""
    if not getattr(config, "dry_run", False):
        return
    if config.steps_catalog:  # behave 1.3.3 appends the catalog twice when formats are
        catalogs = [i for i, name in enumerate(config.format) if name == "steps.catalog"]
        for index in reversed(catalogs[1:]):  # configured: list it once
            del config.format[index]
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    behave_fixes.apply()
