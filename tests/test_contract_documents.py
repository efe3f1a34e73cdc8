"""Real services' documents: YAML, a servers path, bodyless answers, a first run that only
reports, a committed list of accepted mismatches, and a run that checked nothing."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import requests
from requests.structures import CaseInsensitiveDict

from journeys.contract_documents import parse_document, read_accepted
from journeys.contracts import Contract
from journeys.exceptions import HarnessError
from tests.conftest import REPO, BehaveProject

USERS = textwrap.dedent(
    """
    openapi: 3.0.3
    info: {title: users, version: "1"}
    servers:
      - url: "{scheme}://users.example.com/{base}"
        variables:
          scheme: {default: https}
          base: {default: api}
    paths:
      /users/{id}:
        get:
          parameters:
            - {name: id, in: path, required: true, schema: {type: integer}}
          responses:
            "200":
              description: the user
              content:
                application/json:
                  schema:
                    type: object
                    required: [name]
                    properties: {name: {type: string}}
            "401":
              description: not signed in
              content:
                application/json:
                  schema: {type: object, required: [error]}
    """
)


def answer(path: str, status: int, body: object = None) -> requests.Response:
    """An answer of the service at 127.0.0.1, as requests hands it to journeys' hook."""
    response = requests.Response()
    response.status_code = status
    response.request = requests.Request("GET", f"http://127.0.0.1:8000{path}").prepare()
    response._content = b"" if body is None else json.dumps(body).encode()
    response.headers = CaseInsensitiveDict(
        {} if body is None else {"Content-Type": "application/json"}
    )
    return response


def contract(**options) -> Contract:
    return Contract(parse_document(USERS, "users.yaml"), **options)


def test_a_yaml_document_is_checked_under_its_servers_path() -> None:
    users = contract()
    assert users.check(answer("/api/users/7", 200, {"name": "Nora"})) == ([], [])
    failing, told = users.check(answer("/api/users/7", 200, {"nickname": "Nora"}))
    assert failing == told
    assert failing == ["GET /users/{id} -> 200: (the body): 'name' is a required property"]
    assert users.coverage.exercised_operations() == {"GET /users/{id}"}
    assert users.closing_lines() == []


def test_a_bodyless_answer_is_judged_by_its_status_only() -> None:
    users = contract()
    assert users.check(answer("/api/users/7", 401)) == ([], [])
    failing, _ = users.check(answer("/api/users/7", 418))
    assert failing == ["GET /users/{id} -> 418: this status is not documented for the operation"]


def test_a_run_that_only_reports_fails_nothing_and_lists_every_breach() -> None:
    users = contract(mode="report")
    failing, told = users.check(answer("/api/users/7", 200, {"nickname": "Nora"}))
    assert failing == []
    assert told == [
        "GET /users/{id} -> 200: (the body): 'name' is a required property (tolerated: report only)"
    ]
    assert users.closing_lines() == [
        "contract breach tolerated 1x (report only): GET /users/{id} -> 200: (the body): "
        "'name' is a required property"
    ]


def test_accepted_mismatches_carry_their_reason_and_the_unused_ones_are_named(
    tmp_path: Path,
) -> None:
    accepted = tmp_path / "accepted.toml"
    accepted.write_text(
        textwrap.dedent(
            """
            [[accepted]]
            operation = "GET /users/{id}"
            status = "200"
            contains = "'name' is a required property"
            reason = "USERS-12: legacy accounts have no name yet"

            [[accepted]]
            operation = "GET /users/{id}"
            status = "500"
            reason = "USERS-9: fixed, to be removed"
            """
        )
    )
    users = contract(accepted=read_accepted(str(accepted)))
    failing, told = users.check(answer("/api/users/7", 200, {"nickname": "Nora"}))
    assert failing == [] and told[0].endswith(
        "(tolerated: accepted: USERS-12: legacy accounts have no name yet)"
    )
    # Another breach of the same operation is not covered by it.
    assert users.check(answer("/api/users/7", 418))[0] != []
    assert users.closing_lines()[-1] == (
        "accepted mismatch never seen (remove it if it is fixed): GET /users/{id} -> 500 "
        "(USERS-9: fixed, to be removed)"
    )
    accepted.write_text('[[accepted]]\noperation = "GET /users/{id}"\n')
    with pytest.raises(HarnessError, match="accepted mismatch 1 needs an operation"):
        read_accepted(str(accepted))


def test_answers_that_match_no_operation_are_an_error_not_a_line() -> None:
    users = contract()
    assert users.check(answer("/users/7", 200, {"name": "Nora"})) == ([], [])  # no /api
    with pytest.raises(HarnessError) as nothing:
        users.closing_lines()
    assert "contract coverage: 0 of 1 operations: none of the 1 answers checked" in str(
        nothing.value
    )
    assert "under its servers path '/api'" in str(nothing.value)


def test_a_document_that_is_neither_json_nor_yaml_says_so() -> None:
    with pytest.raises(HarnessError, match="is neither JSON nor YAML"):
        parse_document("paths: [unclosed", "broken.yaml")
    with pytest.raises(HarnessError, match="is not an OpenAPI document"):
        parse_document("<html>login</html>", "/openapi.json")


def test_a_suite_whose_document_matches_no_path_of_the_service_fails_the_run(
    project: BehaveProject,
) -> None:
    document = json.loads((REPO / "contracts" / "shop-openapi.json").read_text())
    document["servers"] = [{"url": "/api"}]  # the shop serves no /api
    (project.root / "api.json").write_text(json.dumps(document))
    (project.root / "moved_target.py").write_text(
        "from dataclasses import replace\nfrom support.target import TARGET as SHOP\n"
        "TARGET = replace(SHOP, openapi='api.json')\n"
    )
    project.feature(
        """
        Feature: Probe
          Scenario: Browse
            When Paula searches the catalog for "mug"
        """
    )
    outcome = project.run(
        "-D", "target=moved_target:TARGET", env={"PYTHONPATH": f"{project.root}:{REPO}"}
    )
    assert outcome.returncode == 1
    assert "contract coverage: 0 of 29 operations: none of the 1 answers checked" in (
        outcome.output
    )
