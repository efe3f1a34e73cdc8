"""Allure results that explain a scenario without rerunning it.

Per step: every HTTP exchange (pretty, with a curl command to replay it), the SQL the service
ran for it, and the rows the factories made. Per run: a clean results folder, the
environment, and categories separating product defects from contract violations, environment
problems and test defects. Everything written here goes through secrets.mask_text.
Without an Allure formatter, the allure calls do nothing and no file is written.
"""

from __future__ import annotations

import json
import os
import platform
import shlex
import shutil
import threading
import uuid
from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import allure
import allure_commons
from allure_behave.listener import AllureListener
from allure_commons.logger import AllureFileLogger
from allure_commons.model2 import (
    Attachment,
    GlobalAttachment,
    GlobalError,
    Globals,
    Label,
    Status,
    StatusDetails,
    TestResult,
)
from allure_commons.types import AttachmentType
from allure_commons.utils import now

from journeys.allure_listener import rule_of
from journeys.http import Exchange
from journeys.messages import Seen
from journeys.queries import Statement
from journeys.secrets import mask_body, mask_parameters, mask_text
from journeys.tables import render
from journeys.tracing.spans import Span
from journeys.tracing.tree import tree as trace_tree


# Allure matches these in order; each result lands in the first that fits. The messages are
# allure-behave's "ExceptionType: message".
def categories(target: str = "the service") -> list[dict[str, Any]]:
    """Allure's failure categories, in the words of the target under test."""
    found = json.loads(json.dumps(_CATEGORIES).replace("{target}", target))
    return list(found)


_CATEGORIES = [
    {
        "name": "Environment problems",
        "description": "The database, {target} or a hook failed: not the product's fault.",
        "matchedStatuses": ["broken", "failed", "skipped"],
        "messageRegex": "(?s).*(journeys: the run did not start|cannot reach the database|"
        "Connection ?refused|ConnectionError|OperationalError|InterfaceError|"
        "HOOK-ERROR|hook failed|HarnessError|IsolationBypassed|MissingExtra).*",
    },
    {
        "name": "Contract violations",
        "description": "{target} answered with a status or shape the scenario did not expect.",
        "matchedStatuses": ["failed"],
        "messageRegex": "(?s).*(answered \\d{3} .*; expected|expected a refusal \\d{3}|"
        "Contract violation).*",
    },
    {
        "name": "Product defects",
        "description": "A business check failed: {target} or its data did the wrong thing.",
        "matchedStatuses": ["failed"],
    },
    {
        "name": "Test defects",
        "description": "An undefined step or an error in step or harness code.",
        "matchedStatuses": ["broken"],
    },
]

_BORING_HEADERS = {
    "user-agent",
    "accept-encoding",
    "accept",
    "connection",
    "content-length",
    "date",
    "server",
    "x-journeys-request",
}


def results_dir(context: Any) -> Path | None:
    """Where the Allure formatter configured for this run writes, if there is one."""
    for formatter in getattr(context._runner, "formatters", []):
        if type(formatter).__name__ == "AllureFormatter":
            return Path(formatter.stream_opener.name)
    return None


def start_run(results: Path, clean: bool) -> None:
    """An empty results folder (unless merging runs), with the failure categories.

    The last run's results are moved aside at once and deleted by a thread (thousands of
    files: 0.2 s); not a daemon, so the process waits for it before it exits."""
    if clean and results.exists() and any(results.iterdir()):
        aside = results.resolve().with_name(f".{results.resolve().name}.old-{os.getpid()}")
        try:
            os.replace(results, aside)
        except OSError:  # a mount point, say: emptied in place
            for item in results.iterdir():
                shutil.rmtree(item) if item.is_dir() else item.unlink()
        else:
            threading.Thread(
                target=shutil.rmtree, args=(aside,), kwargs={"ignore_errors": True}
            ).start()
    results.mkdir(parents=True, exist_ok=True)
    write_categories(results)


def write_categories(results: Path, target: str = "the service") -> None:
    (results / "categories.json").write_text(json.dumps(categories(target), indent=2))


def write_environment(results: Path, facts: dict[str, str]) -> None:
    lines = [f"{key}={mask_text(str(value))}" for key, value in facts.items()]
    (results / "environment.properties").write_text("\n".join(lines) + "\n")


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def runtime_environment() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "behave": package_version("behave"),
        "allure_behave": package_version("allure-behave"),
    }


class _DynamicLabels:
    """allure-behave implements no add_label hook, so allure.dynamic.epic() and the like are
    dropped; this plugin adds them to the test allure-behave is recording."""

    @allure_commons.hookimpl
    def add_label(self, label_type: str, labels: Iterable[str]) -> None:
        for plugin in allure_commons.plugin_manager.get_plugins():
            if isinstance(plugin, AllureListener):  # allure-behave's, or journeys' RuleListener
                test = plugin.logger.get_test(None)
                if test is not None:
                    test.labels.extend(Label(name=label_type, value=v) for v in labels)


def _enable_dynamic_labels() -> None:
    if not allure_commons.plugin_manager.has_plugin("journeys-labels"):
        allure_commons.plugin_manager.register(_DynamicLabels(), name="journeys-labels")


def label_scenario(scenario: Any, roots: Iterable[str] = ("features",)) -> None:
    """Epic = the capability (the feature's folder); the story, the scenario's rule, is
    set by journeys.allure_listener. The description: the feature's why, the rule and its
    why, the scenario's own."""
    _enable_dynamic_labels()
    tags = [*scenario.feature.tags, *scenario.tags]
    if not any(t.startswith("allure.label.epic:") for t in tags):
        allure.dynamic.epic(capability(scenario.feature.filename, roots))
    narrative = "\n".join(scenario.feature.description)
    rule = rule_of(scenario)
    why = "\n".join([f"**Rule: {rule.name}**", "", *rule.description]) if rule else ""
    own = "\n".join(scenario.description)
    allure.dynamic.description("\n\n".join(part for part in (narrative, why, own) if part))


def label_isolation(strategy: str) -> None:
    """Which isolation the scenario ran under, as a label a report can filter on."""
    allure.dynamic.label("isolation", strategy)


def capability(feature_path: str, roots: Iterable[str] = ("features",)) -> str:
    """The first folder under the path behave was given; a feature at the top: its folder."""
    path = Path(feature_path).resolve()
    for root in roots:
        base = Path(root).resolve()
        if base.is_file() or base.suffix == ".feature":
            base = base.parent
        if path.is_relative_to(base) and len(path.relative_to(base).parts) > 1:
            return path.relative_to(base).parts[0].replace("_", " ").capitalize()
    return path.parent.name.replace("_", " ").capitalize()


def attach_step(
    exchanges: Iterable[Exchange],
    data: list[Any],
    step_sql: list[Statement],
    messages: Sequence[Seen] = (),
    spans: Sequence[Span] | None = None,
) -> None:
    """The evidence of one step, attached once, to that step: one attachment per exchange
    (request, response, its SQL, its curl), since every attachment is a file and a run
    writes hundreds of them; with tracing on, the step's trace as a tree."""
    exchanges = list(exchanges)
    checked = [e for e in exchanges if e.contract is not None]
    broken = [e for e in checked if e.contract]
    if broken:  # every exchange says "contract: valid" or not; the breaches also stand apart
        verdicts = [
            f"{e.method} {urlsplit(e.url).path} -> {e.status}: {'; '.join(e.contract or [])}"
            for e in broken
        ]
        allure.attach(
            mask_text("\n".join(verdicts)),
            f"Contracts ({len(checked)} answers, {len(broken)} broken)",
            AttachmentType.TEXT,
        )
    for exchange in exchanges:
        path = urlsplit(exchange.url).path
        title = f"{exchange.method} {path} -> {exchange.status}"
        allure.attach(mask_text(exchange_evidence(exchange)), f"HTTP {title}", AttachmentType.TEXT)
    if spans is not None and (spans or exchanges):
        title = f"Trace ({len(spans)} spans)"
        allure.attach(mask_text(trace_tree(spans)), title, AttachmentType.TEXT)
    if messages:  # published, consumed and mailed, in the order they happened
        listing = "\n\n".join(f"-- {m.line()}\n{m.detail}" for m in messages)
        allure.attach(mask_text(listing), f"Messages ({len(messages)})", AttachmentType.TEXT)
    if data:
        allure.attach(
            mask_text(describe_rows(data)), f"Data created ({len(data)} rows)", AttachmentType.TEXT
        )
    # The harness's own SQL: its checks are worth showing; a factory's inserts are shown
    # better as the rows above.
    harness_sql = [s for s in step_sql if s.request is None and s.reads_or_writes_data]
    if harness_sql and not data:
        allure.attach(
            mask_text(sql_listing(harness_sql)),
            f"SQL journeys ran to check ({len(harness_sql)})",
            AttachmentType.TEXT,
        )


def attach_text(name: str, text: str) -> None:
    allure.attach(mask_text(text), name, AttachmentType.TEXT)


def exchange_evidence(exchange: Exchange) -> str:
    """The exchange, then the SQL the service ran for it, then the curl that replays it."""
    parts = [describe_exchange(exchange)]
    if exchange.queries:
        count = len(exchange.queries)
        parts.append(f"-- SQL for {exchange.method} {urlsplit(exchange.url).path} ({count})")
        parts.append(sql_listing(exchange.queries))
    parts += ["-- curl (export TOKEN=... first)", curl(exchange)]
    return "\n\n".join(parts)


def describe_exchange(exchange: Exchange) -> str:
    lines = [
        f"{exchange.method} {exchange.url}",
        f"by {exchange.actor}; {exchange.status} in {exchange.elapsed_ms:.1f} ms",
    ]
    if exchange.contract is not None:  # the Contracts line: what the OpenAPI document says
        lines.append(
            "contract: " + ("; ".join(exchange.contract) if exchange.contract else "valid")
        )
    lines.append("")
    lines += [
        f"> {k}: {v}"
        for k, v in exchange.request_headers.items()
        if k.lower() not in _BORING_HEADERS
    ]
    if exchange.request_body is not None:
        lines += ["", pretty(exchange.request_body)]
    lines += ["", f"< {exchange.status}"]
    lines += [
        f"< {k}: {v}"
        for k, v in exchange.response_headers.items()
        if k.lower() not in _BORING_HEADERS
    ]
    if exchange.response_body is not None:
        lines += ["", pretty(exchange.response_body)]
    return "\n".join(lines)


def curl(exchange: Exchange) -> str:
    """Ready to paste; a bearer token is left as $TOKEN (export it first)."""
    parts = ["curl", "-sS", "-X", exchange.method, shlex.quote(exchange.url)]
    for key, value in exchange.request_headers.items():
        if key.lower() == "authorization":
            parts += ["-H", '"Authorization: Bearer $TOKEN"']
        elif key.lower() not in _BORING_HEADERS:
            parts += ["-H", shlex.quote(f"{key}: {value}")]
    if exchange.request_body is not None:
        body = exchange.request_body
        raw = json.dumps(body) if not isinstance(body, str) else body
        parts += ["--data-raw", shlex.quote(raw)]
    return " ".join(parts)


def sql_listing(statements: Iterable[Statement]) -> str:
    blocks = []
    for n, statement in enumerate(statements, start=1):
        sql = " ".join(statement.sql.split())
        shown = mask_parameters(statement.sql, statement.parameters)
        params = f"\n   parameters: {shown!r}" if statement.parameters else ""
        blocks.append(f"{n}. {sql}{params}")
    return "\n".join(blocks)


def describe_rows(objects: list[Any]) -> str:
    from sqlalchemy import inspect as sa_inspect

    by_table: dict[str, list[dict[str, Any]]] = {}
    for obj in objects:
        mapper = sa_inspect(obj).mapper
        row = {attr.key: getattr(obj, attr.key, None) for attr in mapper.column_attrs}
        by_table.setdefault(mapper.local_table.name, []).append(mask_body(row))
    return "\n\n".join(f"{table}:\n{render(rows, indent='  ')}" for table, rows in by_table.items())


def pretty(body: Any) -> str:
    return json.dumps(body, indent=2, ensure_ascii=False) if not isinstance(body, str) else body


def report_coverage(results: Path, line: str, table: str, passed: bool) -> None:
    """The run's contract coverage, as a global attachment of the run (below the minimum,
    a global error too): not a test, so the report's counts are the scenarios' alone."""
    source = f"{uuid.uuid4()}-attachment.md"
    (results / source).write_text(f"{line}\n\n{table}\n")
    found = Globals(
        attachments=[
            GlobalAttachment(
                name=f"Contract coverage: {line}",
                source=source,
                type="text/markdown",
                timestamp=now(),
            )
        ],
        errors=[] if passed else [GlobalError(message=mask_text(line), timestamp=now())],
    )
    AllureFileLogger(str(results)).report_globals(found)


def report_broken(results: Path, name: str, message: str, labels: dict[str, str]) -> None:
    """A result for what allure-behave cannot show (a run that did not start, a hook error)."""
    _run_result(results, name, Status.BROKEN, message, labels)


def _run_result(
    results: Path,
    name: str,
    status: str,
    message: str,
    labels: dict[str, str],
    attachments: list[Attachment] | None = None,
) -> None:
    """A result about the run itself rather than a scenario."""
    key = name.lower()
    result = TestResult(
        uuid=str(uuid.uuid4()),
        name=name,
        fullName=f"journeys: {key}",
        historyId=f"journeys-{key}",
        start=now(),
        stop=now(),
    )
    result.status = status
    result.statusDetails = StatusDetails(message=mask_text(message))
    result.labels = [Label(name=k, value=v) for k, v in labels.items()]
    result.attachments = attachments or []
    AllureFileLogger(str(results)).report_result(result)
