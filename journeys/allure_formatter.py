"""allure-behave's formatter, made to see the scenarios inside Gherkin ``Rule:`` blocks.

allure-behave 2.16.2 wraps only ``feature.scenarios``; behave 1.3 keeps a rule's scenarios
on the rule, so they wrote no result at all, and an attachment in one of their steps raised
``KeyError: None``. Configure this class instead of allure-behave's:
``allure = "journeys.allure_formatter:AllureFormatter"`` in ``[tool.behave.formatters]``.
"""

from __future__ import annotations

from typing import Any

from allure_behave.formatter import AllureFormatter as _AllureFormatter


class AllureFormatter(_AllureFormatter):
    def feature(self, feature: Any) -> None:
        super().feature(feature)
        for rule in feature.iter_rules():
            self._wrap_scenario(rule.scenarios)
