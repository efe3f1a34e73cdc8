"""The CI definitions run the README's own commands: a green run proves a new user's path."""

from __future__ import annotations

import re

import yaml

from tests.conftest import REPO


def readme_commands(section: str) -> list[str]:
    """The commands of the first ``sh`` block under a README heading, comments removed."""
    text = (REPO / "README.md").read_text()
    body = text.split(f"## {section}", 1)[1]
    block = re.search(r"```sh\n(.*?)```", body, re.S)
    assert block, f"no sh block under '## {section}'"
    return [line.split("  #")[0].strip() for line in block[1].splitlines() if line.strip()]


def workflow() -> dict:
    return yaml.safe_load((REPO / ".github/workflows/journeys.yml").read_text())


def test_the_quick_start_is_three_commands() -> None:
    assert readme_commands("Quick start") == [
        'pip install -e ".[dev]"',
        "behave features/",
        "pytest",
    ]


def test_the_workflow_is_valid_yaml_triggered_on_push_and_pull_request() -> None:
    flow = workflow()
    assert set(flow[True]) == {"push", "pull_request"}  # YAML 1.1 reads "on" as True
    assert flow["jobs"]["suite"]["strategy"]["matrix"]["backend"] == ["sqlite", "postgresql"]
    assert flow["jobs"]["suite"]["services"]["postgres"]["image"].startswith("postgres:")


def test_the_workflow_runs_the_readme_commands_and_the_report() -> None:
    runs = [step["run"] for step in workflow()["jobs"]["suite"]["steps"] if "run" in step]
    commands = [line.strip() for run in runs for line in run.splitlines() if line.strip()]
    for command in [*readme_commands("Quick start"), *readme_commands("The HTML report")]:
        assert command in commands, command
    uses = [step.get("uses", "") for step in workflow()["jobs"]["suite"]["steps"]]
    assert any(u.startswith("actions/upload-artifact") for u in uses)
    assert any(u.startswith("mikepenz/action-junit-report") for u in uses)
    pages = [step.get("uses", "") for step in workflow()["jobs"]["pages"]["steps"]]
    assert any(u.startswith("actions/deploy-pages") for u in pages)


def test_ci_run_calls_the_readme_commands() -> None:
    script = (REPO / ".ci/run").read_text().splitlines()
    lines = [line.strip() for line in script]
    for command in readme_commands("Quick start")[1:]:  # installed into a fresh venv first
        # once on SQLite, once on PostgreSQL (pytest also writes JUnit for the closing line)
        assert sum(line.split(" --junitxml")[0] == command for line in lines) == 2, command
    assert 'python -m pip install --quiet -e ".[dev]"' in lines
    assert "npm run report" in lines


def test_ci_run_runs_the_suite_under_delete_on_both_backends() -> None:
    lines = [line.strip() for line in (REPO / ".ci/run").read_text().splitlines()]
    [command] = readme_commands("Under the committing strategies")
    assert lines.count(command) == 2


def test_ci_run_calls_the_example_and_the_by_url_commands() -> None:
    script = (REPO / ".ci/run").read_text()
    assert "(cd examples/flask_bakery && behave)" in script
    assert readme_commands("The Flask example") == ["cd examples/flask_bakery && behave"]
    for section in (
        "The shop by URL",
        "Fuzzing the live shop",
        "Hunting flaky scenarios",
        "Parallel workers",
        "Load from the same tasks",
        "Events through a real broker",
    ):
        for command in readme_commands(section):
            assert command in script.splitlines(), command


def test_the_readmes_scenario_examples_are_the_features_own_words() -> None:
    """A README example that starts with a Scenario is copied from a feature, word for word."""
    text = (REPO / "README.md").read_text()
    features = "\n".join(
        " ".join(line.split()) for p in (REPO / "features").rglob("*.feature")
        for line in p.read_text().splitlines()
    )  # fmt: skip
    for block in re.findall(r"```gherkin\n(.*?)```", text, re.S):
        lines = [" ".join(line.split("#")[0].split()) for line in block.splitlines()]
        if not lines[0].startswith("Scenario:"):
            continue
        assert "\n".join(line for line in lines if line) in features, block


def test_every_setting_is_in_the_readmes_table() -> None:
    from journeys.settings import Settings

    table = (REPO / "README.md").read_text().split("## Settings", 1)[1].split("\n## ", 1)[0]
    missing = [name for name in Settings.names() if f"`{name}`" not in table]
    assert missing == []
