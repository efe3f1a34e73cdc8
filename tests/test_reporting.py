"""Allure results, read as the report reads them: labels, per-step evidence, categories,
environment, a clean folder, and no secret anywhere."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, BehaveProject, Outcome

ALLURE = ("-f", "journeys.allure_formatter:AllureFormatter")

FAILING_CART = """
    Feature: The shopping cart
      The cart holds what the shopper added.

      Rule: A cart holds exactly what was added
        Nothing but adding changes a quantity in the cart.

        Scenario: Paula's cart holds what she added
          Given the shop sells these products:
            | product  | category | price | stock |
            | Blue Mug | Kitchen  | 12.50 | 10    |
          And Paula is a registered shopper
          When she adds 3 Blue Mugs to her cart
          Then her cart holds 5 Blue Mugs
"""


def run_with_allure(
    project: BehaveProject, results: Path, *args: str, env: dict[str, str] | None = None
) -> Outcome:
    return project.run(*ALLURE, "-o", str(results), "-f", "plain", *args, env=env)


def read_results(results: Path) -> list[dict]:
    """The scenarios' results: nothing else is a result (the contract coverage is not)."""
    return [json.loads(p.read_text()) for p in results.glob("*-result.json")]


def classify(result: dict, categories: list[dict]) -> str:
    """Allure's rule: the first category whose statuses and message regex both match."""
    message = (result.get("statusDetails") or {}).get("message", "")
    for category in categories:
        if result["status"] not in category.get("matchedStatuses", ["failed", "broken"]):
            continue
        if "messageRegex" in category and not re.fullmatch(category["messageRegex"], message):
            continue
        return category["name"]
    return "none"


@pytest.fixture
def failed_cart(project: BehaveProject, tmp_path: Path) -> tuple[Path, Outcome]:
    (project.root / "features" / "cart").mkdir()
    project.feature(FAILING_CART, name="cart/probe.feature")
    results = tmp_path / "allure-results"
    return results, run_with_allure(project, results, "-D", "seed=99")


def test_every_run_with_a_contract_reports_its_coverage_outside_the_test_counts(
    failed_cart,
) -> None:
    results, _outcome = failed_cart
    assert len(read_results(results)) == 1  # the one scenario: the coverage is not a test
    [found] = [json.loads(p.read_text()) for p in results.glob("*-globals.json")]
    [table] = found["attachments"]
    assert table["name"].startswith("Contract coverage: contract coverage: ")
    assert "| GET /cart |" in (results / table["source"]).read_text()


def test_a_failed_step_carries_the_request_response_sql_and_curl(failed_cart) -> None:
    results, outcome = failed_cart
    assert outcome.returncode == 1
    [result] = read_results(results)
    assert result["status"] == "failed"
    assert "Paula's cart: expected {'Blue Mug': 5}" in result["statusDetails"]["message"]
    failing = next(s for s in result["steps"] if s["status"] == "failed")
    names = [a["name"] for a in failing["attachments"]]
    assert names.count("HTTP GET /cart -> 200") == 1  # one file per exchange
    http = results / failing["attachments"][names.index("HTTP GET /cart -> 200")]["source"]
    text = http.read_text()
    assert "GET http://127.0.0.1:" in text and '"product_name": "Blue Mug"' in text
    assert "> Authorization: ********" in text
    assert "contract: valid" in text
    assert re.search(r"-- SQL for GET /cart \(\d+\)\n\n1\. ", text)
    assert "SELECT cart_items." in text
    curl = text.split("-- curl (export TOKEN=... first)\n\n", 1)[1]
    assert curl.startswith("curl -sS -X GET http://127.0.0.1:")
    assert '-H "Authorization: Bearer $TOKEN"' in curl
    assert not any(n.startswith("Contracts") for n in names)  # only when one broke
    given = result["steps"][0]
    assert "Data created (" in " ".join(a["name"] for a in given["attachments"])


CONFIRMED_BY_MAIL = """
    Feature: Emails about orders
      Scenario: A paid order is confirmed by email
        Given the shop sells these products:
          | product  | category | price | stock |
          | Blue Mug | Kitchen  | 18.50 | 10    |
        And Paula is a registered shopper
        And the payment provider approves payments
        And Paula has 2 Blue Mugs in her cart
        When she checks out
        Then Paula receives an order confirmation for 37.00 EUR
"""


def test_the_step_that_caused_messages_carries_them(project: BehaveProject, tmp_path: Path) -> None:
    """What was published, what each consumer did, and the mail sent: on the step."""
    project.feature(CONFIRMED_BY_MAIL)
    results = tmp_path / "allure-results"
    assert run_with_allure(project, results).returncode == 0
    [result] = read_results(results)
    checkout = next(s for s in result["steps"] if s["name"] == "When she checks out")
    [messages] = [a for a in checkout["attachments"] if a["name"].startswith("Messages (")]
    text = (results / messages["source"]).read_text()
    order_id = re.search(r"-- mail: Order (\d+) confirmed: 37\.00 EUR", text)
    assert order_id, text
    for line in ("-- published: order_placed", "-- published: order_paid"):
        assert line in text, text
    # Both consumers handled the one payment event (its id is the database's: on PostgreSQL
    # a sequence a rolled-back scenario used is not given back).
    handled = re.findall(r"-- consumed: order_paid\n(\w+) \(event (\d+)\): handled", text)
    assert sorted(name for name, _ in handled) == ["analytics", "notifications"], text
    assert len({event for _, event in handled}) == 1, text
    later = [s for s in result["steps"] if s["name"].startswith("Then Paula receives")]
    assert not [a for a in later[0].get("attachments", []) if a["name"].startswith("Messages")]


def test_labels_come_from_the_capability_the_feature_and_the_rule(failed_cart) -> None:
    results, _ = failed_cart
    [result] = read_results(results)
    labels = {label["name"]: label["value"] for label in result["labels"]}
    assert labels["epic"] == "Cart"
    assert labels["feature"] == "The shopping cart"
    assert labels["story"] == "A cart holds exactly what was added"
    assert "framework" not in labels and "language" not in labels  # "behave on cpython3"
    assert (
        "**Rule: A cart holds exactly what was added**\n\nNothing but adding changes"
        in (result["description"])
    )
    given = result["steps"][0]
    assert {"name": "Blue Mug", "value": "category: Kitchen, price: 12.50, stock: 10"} in (
        given["parameters"]
    )
    assert "Table" in [a["name"] for a in given["attachments"]]
    assert result["description"].startswith("The cart holds what the shopper added.")


OUTLINE = """
    Feature: Shoppers
      Rule: A shopper can register
        Scenario Outline: Registering as a shopper
          Given <who> is a registered shopper

          Examples:
            | who   |
            | Paula |
            | Bob   |
"""


def test_an_outline_row_is_named_by_its_values(project: BehaveProject, tmp_path: Path) -> None:
    project.feature(OUTLINE)
    results = tmp_path / "allure-results"
    assert run_with_allure(project, results).returncode == 0
    names = sorted(r["name"] for r in read_results(results))
    assert names == ["Registering as a shopper (who: Bob)", "Registering as a shopper (who: Paula)"]


def test_the_environment_says_how_to_rerun(failed_cart) -> None:
    results, _ = failed_cart
    facts = dict(
        line.split("=", 1) for line in (results / "environment.properties").read_text().splitlines()
    )
    assert facts["seed"] == "99" and facts["replay"] == "behave -D seed=99"
    assert facts["isolation"] == "rollback" and facts["target"] == "shop"
    assert facts["database_dialect"] in ("sqlite", "postgresql")
    assert re.fullmatch(r"\d+(\.\d+)+", facts["database_server_version"])
    assert {"python", "behave", "allure_behave", "target_version"} <= set(facts)


def test_categories_separate_the_four_kinds_of_failure(
    project: BehaveProject, tmp_path: Path
) -> None:
    (project.root / "features" / "cart").mkdir()
    project.feature(FAILING_CART, name="cart/product.feature")
    project.feature(
        """
        Feature: Contract
          Scenario: The shop answers something unexpected
            Given Paula is a registered shopper
            When she signs in
            Then she is told her email address or password is wrong
    """,
        name="contract.feature",
    )
    project.feature(
        """
        Feature: Test defect
          Scenario: Nobody wrote this step
            Given Paula juggles three mugs
    """,
        name="test_defect.feature",
    )
    results = tmp_path / "allure-results"
    run_with_allure(project, results)
    # Then the database goes away: the next run cannot start.
    down = run_with_allure(
        project,
        results,
        "-D",
        "clean_results=false",
        env={"JOURNEYS_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/test"},
    )
    assert down.returncode == 1
    categories = json.loads((results / "categories.json").read_text())
    found = {r["name"]: classify(r, categories) for r in read_results(results)}
    assert found == {
        "Paula's cart holds what she added": "Product defects",
        "The shop answers something unexpected": "Contract violations",
        "Nobody wrote this step": "Test defects",
        "the run did not start": "Environment problems",
    }
    [not_started] = [r for r in read_results(results) if r["name"] == "the run did not start"]
    assert "cannot reach the database" in not_started["statusDetails"]["message"]


def test_a_scenario_that_cannot_be_prepared_shows_why(
    project: BehaveProject, tmp_path: Path
) -> None:
    project.feature("""
        Feature: Probe
          @skip_invariant:no_such_rule
          Scenario: A typo in a tag
            Given Paula is a registered shopper
    """)
    results = tmp_path / "allure-results"
    run_with_allure(project, results)
    [result] = read_results(results)
    assert result["status"] == "broken"
    assert (
        "journeys could not prepare the scenario: unknown invariant(s) no_such_rule"
        in result["statusDetails"]["message"]
    )


def test_each_run_starts_from_a_clean_results_folder(
    project: BehaveProject, tmp_path: Path
) -> None:
    project.feature("""
        Feature: Probe
          Scenario: Anything
            Given Paula is a registered shopper
    """)
    results = tmp_path / "allure-results"
    results.mkdir()
    (results / "stale-result.json").write_text("{}")
    run_with_allure(project, results)
    assert not (results / "stale-result.json").exists()
    assert len(read_results(results)) == 1
    run_with_allure(project, results, "-D", "clean_results=false")
    assert len(read_results(results)) == 2


RECORD_SECRETS = """
import json
from journeys import personas

SEEN = {path!r}
_call = personas.Actor.call


def _recording_call(self, method, path, **kw):
    response = _call(self, method, path, **kw)
    secrets = []
    body = kw.get("json") or {{}}
    if isinstance(body, dict) and body.get("password"):
        secrets.append(body["password"])
    authorization = response.request.headers.get("Authorization", "")
    if authorization:
        secrets.append(authorization.split(" ", 1)[1])
    try:
        token = response.json().get("access_token")
    except (ValueError, AttributeError):
        token = None
    if token:
        secrets.append(token)
    with open(SEEN, "a") as f:
        f.writelines(s + "\\n" for s in secrets)
    return response


personas.Actor.call = _recording_call
"""


@pytest.mark.slow  # the whole suite: pytest -m slow
def test_no_password_or_token_reaches_any_report_or_log(
    project: BehaveProject, tmp_path: Path
) -> None:
    # The whole suite, plus a scenario that fails with a token in the service's answer.
    shutil.rmtree(project.root / "features")
    shutil.copytree(REPO / "features", project.root / "features")
    project.feature(
        """
        Feature: Leaky
          Scenario: A failure whose answer holds a token
            Given Paula is a registered shopper
            When she signs in
            Then she is told her email address or password is wrong
    """,
        name="leaky.feature",
    )
    seen = tmp_path / "secrets-seen.txt"
    project.steps(RECORD_SECRETS.format(path=str(seen)), name="record_secrets.py")
    reports = tmp_path / "reports"
    outcome = project.run(
        *ALLURE,
        "-o",
        str(reports / "allure-results"),
        "-f",
        "pretty",
        "--junit",
        "--junit-directory",
        str(reports / "junit"),
    )
    assert outcome.returncode == 1  # the leaky scenario fails, the suite passes
    assert "1 failed" in outcome.stdout
    # The shop refuses passwords under 8 characters, so a shorter one (the scenario that sends
    # "abc12" on purpose) was never anyone's; it also turns up by chance in random UUIDs.
    secrets = {s for s in seen.read_text().splitlines() if len(s) >= 8}
    assert len(secrets) > 20  # every persona's password and every token of the run
    written = [(p, p.read_text(errors="replace")) for p in reports.rglob("*") if p.is_file()]
    written += [(Path("stdout"), outcome.stdout), (Path("stderr"), outcome.stderr)]
    assert len(written) > 100
    leaks = [
        (path.name, secret[:6]) for path, text in written for secret in secrets if secret in text
    ]
    assert leaks == []
    # And a secret scanner over everything written, console included, finds nothing either.
    (reports / "console.txt").write_text(outcome.stdout + outcome.stderr)
    assert secret_scan(reports) == {}


def secret_scan(folder: Path) -> dict[str, list[str]]:
    """detect-secrets over every file (ignored by git or not); what it finds, by file. Its
    hex-entropy plugin is off: Allure's ids and the payment idempotency keys are hex. It
    scans only below its working directory, so it runs in the folder."""
    done = subprocess.run(
        [sys.executable, "-m", "detect_secrets", "scan", "--all-files",
         "--disable-plugin", "HexHighEntropyString", "."],
        cwd=folder, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    results = json.loads(done.stdout)["results"]
    return {name: [s["type"] for s in found] for name, found in results.items()}


def test_the_secret_scanner_finds_a_planted_secret(tmp_path: Path) -> None:
    (tmp_path / "planted.txt").write_text(
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.Xabcdefghijklmnopqrstu\n"
        'password = "hunter2hunter2x"\n'
    )
    found = secret_scan(tmp_path)
    assert set(found["planted.txt"]) == {"JSON Web Token", "Secret Keyword"}
