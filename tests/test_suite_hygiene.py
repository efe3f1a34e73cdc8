"""The scenario suite stays declarative, complete and tidy."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, run_behave

# A journey speaks the business's language: no endpoint, JSON, SQL, table or column names.
TECHNICAL = {
    "an endpoint or URL": re.compile(r"(?<![\w.])/[a-z][\w/{}-]*|https?://"),
    "an HTTP status code": re.compile(r"\b(?:200|201|204|400|401|403|404|409|422|500)\b"),
    "JSON": re.compile(r"[{}]|\"\w+\"\s*:"),
    "SQL": re.compile(r"\b(?:SELECT|INSERT|UPDATE|DELETE FROM|WHERE|JOIN)\b"),
    "a table or column name": re.compile(r"\b[a-z]+_[a-z_]+\b"),
}


def technical_words(feature_text: str) -> list[str]:
    found = []
    for number, line in enumerate(feature_text.splitlines(), start=1):
        if line.strip().startswith(("#", "@")):  # comments, and tags (the runner's settings)
            continue
        found += [
            f"line {number}: {what}: {line.strip()}"
            for what, pattern in TECHNICAL.items()
            if pattern.search(line)
        ]
    return found


def journey_features() -> list[Path]:
    features = sorted((REPO / "features").rglob("*.feature"))
    # Technical contract features may name endpoints; they say so with @contract.
    return [f for f in features if "@contract" not in f.read_text()]


# Words a product owner would not use. A feature about the parts failing or costing (the
# cache down, the broker late, queries per page) says so with @resilience or @performance,
# and may use them; a journey may not.
GLOSSARY = re.compile(
    r"\b(?:brokers?|databases?|KiB|MiB|bytes?|float|floating|JSON|HTTP|API|endpoints?|SQL|"
    r"transactions?|queues?|consumers?|cache|cached|Redis|RabbitMQ|idempotency|headers?|"
    r"payloads?|stored data|stand-ins?)\b",
    re.IGNORECASE,
)
TECHNICAL_TAGS = ("@contract", "@resilience", "@performance")


def product_owner_features() -> list[Path]:
    features = sorted((REPO / "features").rglob("*.feature"))
    return [f for f in features if not any(tag in f.read_text() for tag in TECHNICAL_TAGS)]


def glossary_words(feature_text: str) -> list[str]:
    return [
        f"line {number}: {found.group(0)!r}: {line.strip()}"
        for number, line in enumerate(feature_text.splitlines(), start=1)
        if not line.strip().startswith(("#", "@"))
        for found in GLOSSARY.finditer(line)
    ]


@pytest.mark.parametrize("feature", product_owner_features(), ids=lambda p: p.name)
def test_journeys_are_in_the_product_owners_words(feature: Path) -> None:
    assert glossary_words(feature.read_text()) == []


def test_the_glossary_catches_what_a_product_owner_would_not_say() -> None:
    text = "Feature: X\n  Scenario: Y\n    Given the message broker is down\n    And 64 KiB\n"
    assert [w.split(":")[1].strip() for w in glossary_words(text)] == ["'broker'", "'KiB'"]
    assert glossary_words("Feature: X\n  Scenario: Paula's order is shipped\n") == []


@pytest.mark.parametrize("feature", journey_features(), ids=lambda p: p.name)
def test_journeys_name_no_endpoint_json_or_sql(feature: Path) -> None:
    assert technical_words(feature.read_text()) == []


@pytest.mark.parametrize(
    "line",
    [
        "When Paula posts to /cart/items",
        'Then the answer has "total_cents": 2500',
        "Then the shop answers 409",
        "And SELECT stock FROM products is 8",
        "And the order_lines table holds 2 rows",
        "When she calls https://shop.example.com",
    ],
)
def test_the_language_check_catches_technical_words(line: str) -> None:
    assert technical_words(f"Feature: X\n  Scenario: Y\n    {line}\n")


def test_the_suite_has_at_least_15_scenarios() -> None:
    count = sum(f.read_text().count("Scenario:") for f in journey_features())
    assert count >= 15


def test_no_step_is_undefined_and_none_unused(tmp_path: Path) -> None:
    report = tmp_path / "usage.txt"
    outcome = run_behave(
        tmp_path, "--dry-run", "-f", "steps.usage", "-o", str(report), str(REPO / "features")
    )
    usage = report.read_text()
    assert outcome.returncode == 0, outcome.output
    assert "UNDEFINED STEPS" not in usage
    # journeys inserts its "prepared" step itself, only when a scenario cannot be begun.
    unused = (
        usage.split("UNUSED STEP DEFINITIONS")[1:] and usage.split("UNUSED STEP DEFINITIONS")[1]
    )
    unused_steps = [
        line for line in (unused or "").splitlines()[1:] if line.strip().startswith("@")
    ]
    assert [s for s in unused_steps if "journeys/builtin_steps.py" not in s] == []


LIBRARY = sorted((REPO / "journeys").rglob("*.py"))
SUITE_PACKAGES = {"shop", "support", "factories", "steps", "tests", "examples", "bakery"}


@pytest.mark.parametrize("module", LIBRARY, ids=lambda p: str(p.relative_to(REPO)))
def test_the_library_imports_nothing_of_the_suite_or_the_shop(module: Path) -> None:
    """journeys/ knows a service only through a Target: no suite, shop or example imports."""
    tree = ast.parse(module.read_text())
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    coupled = [name for name in imported if name.split(".")[0] in SUITE_PACKAGES]
    assert coupled == []


STEP_MODULES = sorted((REPO / "steps").glob("*.py")) + sorted(
    (REPO / "examples").glob("*/steps/*.py")
)


def steps_of(module: Path) -> list[ast.FunctionDef]:
    """The step functions of a module: the decorated functions."""
    tree = ast.parse(module.read_text())
    return [f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.decorator_list]


@pytest.mark.parametrize("module", STEP_MODULES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_step_uses_what_its_pattern_captures(module: Path) -> None:
    """A persona or value a step captures but ignores is a step that lies about what it does
    ("Paula adds to Bob's cart" that quietly uses Paula's)."""
    ignored = []
    for step in steps_of(module):
        used = {node.id for node in ast.walk(step) if isinstance(node, ast.Name)}
        ignored += [f"{step.name}({arg.arg})" for arg in step.args.args[1:] if arg.arg not in used]
    assert ignored == []


@pytest.mark.parametrize("module", STEP_MODULES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_step_says_in_one_line_what_it_does(module: Path) -> None:
    """`behave --steps-catalog` shows each step's docstring: one line, there for each step."""
    missing = [
        step.name
        for step in steps_of(module)
        if len((ast.get_docstring(step) or "").splitlines()) != 1
    ]
    assert missing == []


def unexemplified(feature_file: Path) -> list[str]:
    """What breaks "one rule per scenario": scenarios outside any Rule, rules with no example."""
    from behave.parser import parse_file

    feature = parse_file(str(feature_file))
    return [f"a scenario outside any Rule: {s.name}" for s in feature.scenarios] + [
        f"a Rule without an example: {r.name}" for r in feature.rules if not r.scenarios
    ]


@pytest.mark.parametrize(
    "feature", sorted((REPO / "features").rglob("*.feature")), ids=lambda p: p.name
)
def test_every_scenario_illustrates_a_rule_and_every_rule_has_one(feature: Path) -> None:
    assert unexemplified(feature) == []


def test_a_rule_without_an_example_is_found(tmp_path: Path) -> None:
    probe = tmp_path / "probe.feature"
    probe.write_text(
        "Feature: Probe\n"
        "  Scenario: Loose\n    Given Paula is a registered shopper\n"
        "  Rule: Stated, never shown\n"
        "  Rule: Shown\n    Scenario: Shown once\n      Given Paula is a registered shopper\n"
    )
    assert unexemplified(probe) == [
        "a scenario outside any Rule: Loose",
        "a Rule without an example: Stated, never shown",
    ]


def test_the_docs_quote_each_examples_glue_as_bench_glue_prints_it() -> None:
    import subprocess
    import sys

    printed = subprocess.run(
        [sys.executable, "bench/glue.py"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    docs = "\n".join(p.read_text() for p in (REPO / "docs").rglob("*.md"))
    assert len(printed) == 2
    for line in printed:
        assert line in docs, f"the docs should quote bench/glue.py's line: {line}"
