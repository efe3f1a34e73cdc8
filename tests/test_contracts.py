"""Every answer is checked against the committed OpenAPI document; the run says what it covered."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from journeys.contracts import Contract, describe
from journeys.reporting import categories
from scripts.snapshot_openapi import CONTRACT, document
from tests.conftest import REPO, BehaveProject
from tests.test_rules_are_guarded import with_shop_copy

BROWSE = """
    Feature: Probe
      Scenario: Browse
        Given the shop sells these products:
          | product  | category | price | stock |
          | Blue Mug | Kitchen  | 12.50 | 3     |
        And Paula is a registered shopper
        When Paula adds 1 Blue Mug to her cart
        Then her cart holds 1 Blue Mug
"""


def test_a_renamed_response_field_is_a_contract_violation_naming_operation_and_field(
    project: BehaveProject,
) -> None:
    with_shop_copy(project, ())
    catalog = project.root / "shop" / "catalog.py"
    text = catalog.read_text()
    original = "class ProductOut(BaseModel):\n    id: int\n    name: str\n"
    assert original in text
    catalog.write_text(
        text.replace(
            original,
            original.replace("name: str", 'name: str = Field(serialization_alias="title")'),
        ).replace("from pydantic import BaseModel", "from pydantic import BaseModel, Field")
    )
    project.feature(BROWSE)
    outcome = project.run()
    assert outcome.returncode == 1
    assert re.search(
        r"Contract violation: GET /products -> 200: items\[0\]: 'name' is a required property",
        outcome.stdout,
    ), outcome.stdout[-3000:]


def test_the_coverage_line_prints_on_every_run(project: BehaveProject) -> None:
    project.feature(BROWSE)
    outcome = project.run()
    assert outcome.returncode == 0, outcome.output[-3000:]
    line = re.search(
        r"contract coverage: (\d+) of (\d+) operations, (\d+) of (\d+) documented answers \((\d+)%\); "
        r"undocumented answers seen: none",
        outcome.stderr,
    )
    assert line and 0 < int(line[1]) < int(line[2]) and 0 < int(line[3]) < int(line[4])


def test_a_run_below_the_minimum_coverage_fails(project: BehaveProject) -> None:
    project.feature(BROWSE)
    outcome = project.run("-D", "min_contract_coverage=95")
    assert outcome.returncode == 1
    assert "below min_contract_coverage=95" in outcome.output


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract(json.loads(CONTRACT.read_text()))


def test_operations_are_found_by_their_path_templates(contract: Contract) -> None:
    assert contract.operation("GET", "/products/12") == "GET /products/{product_id}"
    assert contract.operation("POST", "/orders/7/cancel") == "POST /orders/{order_id}/cancel"
    assert contract.operation("GET", "/docs") is None


def test_contract_violations_are_their_own_report_category() -> None:
    found = [c for c in categories("shop") if c["name"] == "Contract violations"]
    assert re.match(
        found[0]["messageRegex"], "AssertionError: Contract violation: GET /x -> 200: ..."
    )


def test_an_undocumented_status_is_named_as_such() -> None:
    class ResponseNotFound(Exception):
        pass

    assert describe(ResponseNotFound("Unknown response http status: 418")) == (
        "this status is not documented for the operation"
    )


def test_the_committed_contract_is_the_shops_document(tmp_path: Path) -> None:
    """Drift: the shop's OpenAPI document changed, but the committed contract did not."""
    committed, live = CONTRACT.read_text(), document()
    if committed != live:
        import difflib

        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(True), live.splitlines(True), "committed", "the shop now"
            )
        )
        pytest.fail(
            "the shop's OpenAPI document is not the committed contract "
            f"({CONTRACT.relative_to(REPO)}). If the change is meant, run "
            "`python scripts/snapshot_openapi.py` and commit the file:\n" + diff[:5000]
        )


def test_the_drift_check_fails_on_a_changed_route(monkeypatch) -> None:
    import scripts.snapshot_openapi as snapshot

    changed = json.loads(document())
    changed["paths"]["/goods/{product_id}"] = changed["paths"].pop("/products/{product_id}")
    monkeypatch.setattr(
        snapshot, "document", lambda: json.dumps(changed, indent=2, sort_keys=True) + "\n"
    )
    import tests.test_contracts as this

    monkeypatch.setattr(this, "document", snapshot.document)
    with pytest.raises(
        pytest.fail.Exception,
        match=r"(?s)not the committed contract.*\+    \"/goods/\{product_id\}\"",
    ):
        this.test_the_committed_contract_is_the_shops_document(Path("."))
