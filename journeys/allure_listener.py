"""allure-behave's listener, made to show what a product owner reads: the story is the
scenario's Gherkin ``Rule:``, an outline's row is named by its values (not "-- @1.2"), a
step's table is shown in the step (one parameter per row) rather than hidden in a file
named ``.table``, and the labels that only say "behave on CPython" are left out."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from allure_behave.listener import AllureListener
from allure_behave.utils import step_table
from allure_commons.model2 import Label, Parameter, TestStepResult
from allure_commons.types import AttachmentType, LabelType
from allure_commons.utils import now
from behave.model import Rule, ScenarioOutline

NOISE = (LabelType.FRAMEWORK, LabelType.LANGUAGE)


def rule_of(scenario: Any) -> Any:
    """The ``Rule:`` a scenario (or an outline's row) illustrates, or None."""
    parent = getattr(scenario, "parent", None)
    while parent is not None and not isinstance(parent, Rule):
        parent = getattr(parent, "parent", None)
    return parent


def title_of(scenario: Any) -> str:
    """The scenario's name; an outline's row without placeholders in its name gets its
    values ("A refund (status: shipped)") instead of behave's "-- @1.2" annotation."""
    name = str(scenario.name).split(" -- @", 1)[0].rstrip()
    row = getattr(scenario, "_row", None)
    outline = getattr(scenario, "parent", None)
    if row is None or not isinstance(outline, ScenarioOutline) or name != outline.name:
        return name
    values = ", ".join(
        f"{heading}: {cell}" for heading, cell in zip(row.headings, row.cells, strict=False)
    )
    return f"{name} ({values})"


def table_parameters(table: Any) -> list[Parameter]:
    """One parameter per row: its first cell, then the others by their headings."""
    headings = list(table.headings)
    found = []
    for row in table.rows:
        cells = list(row.cells)
        if len(cells) == 1:
            found.append(Parameter(name=headings[0], value=cells[0]))
            continue
        rest = ", ".join(f"{h}: {c}" for h, c in zip(headings[1:], cells[1:], strict=False))
        found.append(Parameter(name=cells[0], value=rest))
    return found


class RuleListener(AllureListener):
    def start_scenario(self, scenario: Any) -> None:
        super().start_scenario(scenario)
        test = self.logger.get_test(self.current_scenario_uuid)
        test.name = title_of(scenario)
        test.labels = [label for label in test.labels if label.name not in NOISE]
        rule = rule_of(scenario)
        if rule is not None:
            test.labels.append(Label(name=LabelType.STORY, value=rule.name))

    def start_behave_step(self, step: Any) -> None:
        self.current_step_uuid = uuid4()
        allure_step = TestStepResult(name=f"{step.keyword} {step.name}", start=now())
        if step.table:
            allure_step.parameters = table_parameters(step.table)
        self.logger.start_step(None, self.current_step_uuid, allure_step)
        if step.text:
            self.logger.attach_data(
                uuid4(), step.text, name="Text", attachment_type=AttachmentType.TEXT
            )
        if step.table:  # the whole table too, to download
            self.logger.attach_data(
                uuid4(), step_table(step), name="Table", attachment_type=AttachmentType.CSV
            )
