"""allure-behave's formatter, made to see the scenarios inside Gherkin ``Rule:`` blocks,
and to write nothing for a run that runs nothing.

allure-behave 2.16.2 wraps only ``feature.scenarios``; behave 1.3 keeps a rule's scenarios
on the rule, so they wrote no result at all, and an attachment in one of their steps raised
``KeyError: None``. A ``--dry-run`` or ``--steps-catalog`` run wrote a "skipped" result for
every scenario. Configure this class instead of allure-behave's:
``allure = "journeys.allure_formatter:AllureFormatter"`` in ``[tool.behave.formatters]``.
"""

from __future__ import annotations

from typing import Any

import allure_commons
from allure_behave.formatter import AllureFormatter as _AllureFormatter

from journeys.console import tidy_listing_run


class AllureFormatter(_AllureFormatter):
    def __init__(self, stream_opener: Any, config: Any) -> None:
        super().__init__(stream_opener, config)
        tidy_listing_run(config)
        if config.dry_run:  # nothing runs, so nothing is written
            allure_commons.plugin_manager.unregister(self.file_logger)

    def feature(self, feature: Any) -> None:
        super().feature(feature)
        for rule in feature.iter_rules():
            self._wrap_scenario(rule.scenarios)
