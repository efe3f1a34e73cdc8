"""The CI definitions run the README's own commands: a green run proves a new user's path."""

from __future__ import annotations

import re

import yaml

from tests.conftest import REPO


def documents() -> list[tuple[str, str]]:
    """The README and every page of the docs site: (name, text)."""
    pages = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
    return [(str(p.relative_to(REPO)), p.read_text()) for p in pages]


def readme_commands(section: str) -> list[str]:
    """The commands of the first ``sh`` block under a heading of the README or of a docs
    page (the README first), comments removed."""
    for _name, text in documents():
        found = re.search(rf"(?m)^#+ {re.escape(section)}\b.*$", text)
        if found:
            block = re.search(r"```sh\n(.*?)```", text[found.end() :], re.S)
            assert block, f"no sh block under '{section}'"
            return [line.split("  #")[0].strip() for line in block[1].splitlines() if line.strip()]
    raise AssertionError(f"no heading '{section}' in the README or the docs")


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
        "Flaky scenarios",
        "Parallel workers",
        "Load",
        "Events through a real broker",
    ):
        for command in readme_commands(section):
            assert command in script.splitlines(), command


def test_the_docs_scenario_examples_are_the_features_own_words() -> None:
    """An example that starts with a Scenario is copied from a feature, word for word."""
    text = "\n".join(text for name, text in documents() if "tutorial/first-journey" not in name)
    features = "\n".join(
        " ".join(line.split()) for p in (REPO / "features").rglob("*.feature")
        for line in p.read_text().splitlines()
    )  # fmt: skip
    for block in re.findall(r"```gherkin\n(.*?)```", text, re.S):
        lines = [" ".join(line.split("#")[0].split()) for line in block.splitlines()]
        if not lines[0].startswith("Scenario:"):
            continue
        assert "\n".join(line for line in lines if line) in features, block


def test_every_setting_is_in_the_generated_table_with_what_it_does() -> None:
    import importlib.util

    from journeys.settings import Settings

    spec = importlib.util.spec_from_file_location("docs_hooks", REPO / "docs" / "hooks.py")
    assert spec is not None and spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    rows = {
        line.split("|")[1].strip(" `"): line for line in hooks.settings_table().splitlines()[2:]
    }
    assert sorted(rows) == sorted(Settings.names())
    assert all(line.rstrip(" |").split("|")[-1].strip() for line in rows.values())  # each said


# Documented commands that name the reader's own things (a service, a path) or start
# something interactive: the test or CI line that runs each one's shape, as it is here.
RUN_ELSEWHERE = {
    "createdb -h 127.0.0.1 -U postgres test": ".ci/run uses the database 'test' on PostgreSQL",
    "export JOURNEYS_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test": ".ci/run",
    'pip install -e "path/to/journeys[wsgi]"': ".ci/run installs the checkout with pip -e",
    "python -m journeys init suite --app myservice:create_app": "tests/test_init.py",
    "python -m journeys init suite --url http://127.0.0.1:8000 --database postgresql+psycopg://postgres@127.0.0.1:5432/myservice_test": "tests/test_init.py",
    "python -m journeys init my-suite": "tests/test_init.py",
    "python -m journeys init my-suite --app myservice.app:app": "tests/test_init.py",
    "python -m journeys init my-suite --app myservice:create_app": "tests/test_init.py",
    "python -m journeys init my-suite --url http://127.0.0.1:8000 --database postgresql+psycopg://postgres@127.0.0.1:5432/myservice_test": "tests/test_init.py",
    "cd my-suite && behave": "tests/test_init.py",
    "mkdocs serve": "interactive; .ci/run builds the same site strict",
    "ruff check . && ruff format --check . && mypy": ".ci/run, one command each",
    "bash .ci/run": "CI itself",
    "python bench/feedback.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test": "bench/record.py (docs/measured)",
    "python bench/isolation.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test": "bench/record.py (docs/measured)",
    "python bench/tracing.py": "bench/record.py (docs/measured/tracing.txt)",
    "SHOP_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/shop python -m shop --port 8080": "scripts/live_shop.py starts python -m shop the same way",
    "JOURNEYS_CACHE_URL=redis://127.0.0.1:6379/15 behave features/": '.ci/run, as JOURNEYS_CACHE_URL="$REDIS"',
    'python -m journeys mutate shop/orders.py --accepted mutants.toml --also "python scripts/snapshot_openapi.py --check"': ".ci/run mutates a module a day, with these options and --sample",
    'python -m journeys mutate shop/orders.py shop/cart.py shop/inventory.py shop/accounts.py shop/payments.py --seconds 3000 --timeout 90 --accepted mutants.toml --also "python scripts/snapshot_openapi.py --check"': ".ci/run mutates one of these modules a day",
    'python -m journeys mutate shop/images.py shop/storage.py shop/catalog_admin.py --seconds 2400 --timeout 90 --accepted mutants.toml --also "python scripts/snapshot_openapi.py --check"': "tests/test_mutation.py runs mutate on a module",
    'python -m journeys mutate --operators integration shop/ --accepted mutants.toml --also "python -m pytest -q -x -p no:cacheprovider tests/test_shop_start_up.py tests/test_shop_standalone.py tests/test_migrations.py"': "bench/record.py (docs/measured/integration_mutants.txt)",
    "JOURNEYS_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test python -m journeys mutate --operators integration shop/catalog_admin.py shop/cart.py shop/inventory.py --accepted mutants.toml": "bench/record.py (docs/measured/integration_mutants_postgresql.txt)",
    "behave --dry-run -f steps.usage features/": "tests/test_suite_hygiene.py",
    "python -m journeys affected --refresh": "tests/test_affected.py makes the map of a copy of this repository",
    "python -m journeys affected --since origin/main": "tests/test_affected.py selects --since HEAD on a copy",
    "python -m journeys affected --since origin/main --run": "tests/test_affected.py runs a selection on a copy",
    "python -m journeys shard 2/4 features/": "tests/test_shards.py runs shards of a suite",
    "python -m journeys merge reports/shards/1-of-4 reports/shards/2-of-4 reports/shards/3-of-4 reports/shards/4-of-4": "tests/test_shards.py merges three shards",
    "behave -D seed=1177788786 features/orders/checkout.feature": "tests/test_run_records.py replays a seed",
}


def documented_commands() -> list[tuple[str, str]]:
    found = []
    for name, text in documents():
        for block in re.findall(r"```sh\n(.*?)```", text, re.S):
            for line in block.replace("\\\n", " ").splitlines():
                command = " ".join(line.split("  #")[0].split())
                if command:
                    found.append((name, command))
    return found


def test_every_documented_command_is_run_by_ci_or_a_test() -> None:
    """Each command on every page runs as written in .ci/run, a test or a script, or the
    tutorial's own test runs it; the few that name the reader's own things say which test
    runs their shape."""
    ci = " ".join((REPO / ".ci/run").read_text().split())
    sources = "\n".join(
        p.read_text() for folder in ("tests", "scripts") for p in (REPO / folder).glob("*.*")
    )
    unrun = [
        f"{name}: {command}"
        for name, command in documented_commands()
        if command not in ci
        and command not in sources
        and "tutorial/first-journey" not in name
        and command not in RUN_ELSEWHERE
    ]
    assert unrun == []
    stale = set(RUN_ELSEWHERE) - {command for _name, command in documented_commands()}
    assert stale == set()


def test_the_readmes_links_into_the_docs_lead_somewhere() -> None:
    links = re.findall(r"\]\((docs/[^)#]+)", (REPO / "README.md").read_text())
    assert links and [link for link in links if not (REPO / link).exists()] == []
