"""behave's hooks, re-exported by the one-line ``environment.py`` at the repository root."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path
from typing import Any

from behave.model import Step

import journeys.builtin_steps  # noqa: F401  (registers journeys' own steps)
from journeys import behave_fixes, data, reporting, run_end, run_records, shards, worker
from journeys.builtin_steps import CONSISTENCY_STEP, PREPARED_STEP
from journeys.exceptions import HarnessError, IsolationBypassed
from journeys.harness import Harness
from journeys.secrets import mask_text
from journeys.settings import Settings, journeys_table, mask_url
from journeys.shared_database import DatabaseNotShared
from journeys.stopping import ENVIRONMENT_ERRORS, RunStop
from journeys.system import make_harness
from journeys.tags import other_database, untraced
from journeys.target import load_target

behave_fixes.apply()

__all__ = [
    "after_all",
    "after_scenario",
    "after_step",
    "before_all",
    "before_feature",
    "before_rule",
    "before_scenario",
    "before_step",
]

SKIP_INVARIANT_TAG = "skip_invariant:"
# init's starting feature: while it is in the suite, a run ends saying what to do next.
STARTER_TAG = "journeys.starter"
STARTER_NEXT = (
    "the starting scenario ran. Next: build your app around wiring.sessions in "
    "support/target.py (every scenario then rolls back), put your endpoints in "
    "support/tasks.py, and write your users' journeys in features/, in their words, one "
    "rule and a few examples each; then delete features/service_answers.feature (its "
    "@journeys.starter tag prints this). The tutorial: docs/tutorial/first-journey.md."
)
# A scenario (or feature) that needs another isolation than the run's: @isolation:delete.
ISOLATION_TAG = "isolation:"
# A scenario that needs the service in the harness's own process (a moved clock, its SQL).
IN_PROCESS_TAG = "in_process"


def _say(message: str) -> None:
    # Straight to the real stderr: behave's capture must not swallow what the run is doing.
    print(f"journeys: {mask_text(message)}", file=sys.__stderr__, flush=True)


def before_all(context: Any) -> None:
    # First: a signal during start-up, too, ends in one orderly stop with its records.
    context.stop = RunStop(_say, context._runner).install()
    results = reporting.results_dir(context)
    junit = run_records.junit_dir(context.config)
    clean = run_records.clean_wanted(context.config.userdata)
    if results is not None:  # first: even a run that stops on its settings starts clean
        reporting.start_run(results, clean)
    if clean:
        run_records.empty_junit(junit)
    try:
        config = context.config
        settings = Settings.load(
            config.userdata,
            defines=dict(config.userdata_defines or []),
            table=journeys_table(Path.cwd()),
        )
        context.stop.limit = settings.max_environment_errors
        kept = worker.harness_for(settings)
        harness = kept or make_harness(settings, load_target(settings.target))
        if results is not None:
            reporting.write_categories(results, harness.target.name)
        if kept is None:
            harness.start()
    except BaseException as exc:  # settings, harness, a missing part, a signal, a bug
        reason = context.stop.reason or str(exc) or type(exc).__name__
        if context.stop.by_signal:
            reason += " during start-up; nothing it started was left running"
        _say(f"the run did not start. {reason}")
        run_records.junit_not_started(junit, reason, type(exc).__name__)
        if results is not None:  # allure-behave would show nothing at all
            reporting.report_broken(
                results,
                "the run did not start",
                f"journeys: the run did not start. {reason}",
                {"epic": "Environment", "feature": "Test run", "severity": "blocker"},
            )
        raise
    context.stop.interruptible = False  # from now on, only steps are interrupted
    context.harness = harness
    context.shuffle = _shuffler(settings)
    context.shuffle(context._runner.features)
    if results is not None:
        reporting.write_environment(
            results, {**reporting.runtime_environment(), **_run_facts(harness)}
        )
    # A worker says it once, not for each of its features; a parallel run, once in all.
    if kept is None and worker.first_to_say(settings):
        _describe(settings, harness)


def _describe(settings: Settings, harness: Harness) -> None:
    """The run's settings and parts, once, on stderr."""
    _say(f"{settings.describe(harness.database_url, harness.isolation_name)} server={harness.url}")
    if settings.worker_id:
        _say(
            "every worker of this parallel run has a database, server, names and keys of "
            "its own, named as this first worker's are"
        )
    if harness.service_database_url != harness.database_url:
        _say(
            f"the service's driver is async ({mask_url(harness.service_database_url)}): "
            f"journeys reads the database through {harness.database_url.split(':', 1)[0]}"
        )
    for line in harness.outside.cleaned:
        _say(line)
    if harness.broker is not None:
        names = f"{harness.broker.prefix}*"
        _say(f"broker={mask_url(harness.broker.url)} with names {names}, deleted after the run")
    if harness.outside.store is not None:
        store = harness.outside.store
        _say(f"cache={mask_url(store.url)} with keys {store.prefix}*, deleted after the run")
    if harness.outside.files is not None:
        files = harness.outside.files
        after = "deleted after the run" if files.own else "what the run stores removed after it"
        _say(f"storage={files.root}, emptied after every scenario, {after}")
    _say(f"replay this run's data with: behave -D seed={settings.seed} ...")


def _shuffler(settings: Settings) -> Any:
    """Shuffles lists in place under order=random, reproducibly from the run's seed."""
    if settings.order != "random":
        return lambda items: None
    return random.Random(settings.seed).shuffle


def before_feature(context: Any, feature: Any) -> None:
    context.shuffle(feature.run_items)  # its scenarios and rules


def before_rule(context: Any, rule: Any) -> None:
    context.shuffle(rule.run_items)


def _run_facts(harness: Harness) -> dict[str, str]:
    assert harness.engine is not None
    server = harness.engine.dialect.server_version_info or ()
    return {
        "database": mask_url(harness.database_url),
        "database_dialect": harness.engine.dialect.name,
        "database_server_version": ".".join(map(str, server)) or "unknown",
        "target": harness.target.name,
        "target_version": harness.target.version,
        "seed": str(harness.settings.seed),
        "isolation": harness.isolation_name,
        "service": harness.url if harness.by_url else f"in-process at {harness.url}",
        "replay": f"behave -D seed={harness.settings.seed}",
    }


def before_scenario(context: Any, scenario: Any) -> None:
    context.scenario_started = time.perf_counter()
    reporting.label_scenario(scenario, context.config.paths)
    _coverage_context(f"{scenario.filename}:{scenario.line}")
    context.run = None
    if context.harness.by_url and IN_PROCESS_TAG in scenario.effective_tags:
        reason = (
            f"@{IN_PROCESS_TAG}: the service runs in another process (base_url), so journeys "
            "cannot move its clock, see its SQL, drive its messages or make its database fail"
        )
        scenario.skip(reason)
        _say(f"skipped '{scenario.name}' ({scenario.location}): {reason}")
        return
    elsewhere = other_database(
        context.harness.engine.dialect.name, scenario.effective_tags
    ) or untraced(context.harness.tracing is not None, scenario.effective_tags)
    if elsewhere:
        scenario.skip(elsewhere)
        _say(f"skipped '{scenario.name}' ({scenario.location}): {elsewhere}")
        return
    try:
        skip = [
            t[len(SKIP_INVARIANT_TAG) :]
            for t in scenario.effective_tags
            if t.startswith(SKIP_INVARIANT_TAG)
        ]
        asked = [  # the scenario's own tag first, then its rule's or feature's
            t[len(ISOLATION_TAG) :]
            for tags in (scenario.tags, scenario.effective_tags)
            for t in sorted(tags)
            if t.startswith(ISOLATION_TAG)
        ]
        run = context.harness.begin_scenario(
            f"{scenario.filename}:{scenario.name}",
            skip_invariants=skip,
            where=f"the tags of {scenario.location}",
            isolation=asked[0] if asked else None,
        )
    except Exception as exc:
        # A hook error would show as "skipped" with no message in Allure: make it a step.
        context.preparation_error = exc
        scenario.steps.insert(
            0, Step(scenario.filename, scenario.line, "Given", "given", PREPARED_STEP)
        )
        return
    reporting.label_isolation(run.strategy.name)
    if run.strategy is not context.harness.isolation:
        _say(f"'{scenario.name}' runs under isolation={run.strategy.name} (its tag)")
    # A real step, so a broken invariant fails like any check: message, report and all.
    last = scenario.steps[-1] if scenario.steps else scenario
    scenario.steps.append(Step(scenario.filename, last.line, "Then", "then", CONSISTENCY_STEP))
    if run.skipped_invariants:
        reporting.attach_text(
            "Invariants not checked, on purpose", ", ".join(sorted(run.skipped_invariants))
        )
    context.run = run
    context.cast = run.cast
    context.db = run.db
    context.step_number = 0


def _coverage_context(name: str) -> None:
    """Under ``coverage run``, what runs next is recorded as this scenario's: which scenarios
    execute a line is what ``python -m journeys mutate`` needs to know."""
    if "coverage" not in sys.modules:
        return
    import coverage

    current = coverage.Coverage.current()
    if current is not None:
        current.switch_context(name)


def before_step(context: Any, step: Any) -> None:
    context.step_started = time.perf_counter()
    context.stop.interruptible = True  # a signal now interrupts the step
    if context.run is None:
        return
    context.step_number += 1
    key = f"{context.step_number}. {step.keyword} {step.name}"
    context.run.recorder.step = context.run.queries.step = key
    if step.step_type == "when":  # what a Then's trace check looks at
        context.run.actions.append(key)
    data.made_since_last_asked()  # start this step's journal empty


def after_step(context: Any, step: Any) -> None:
    # Wall time: behave measures with time.time(), which a scenario that moves the clock
    # (time-machine) moves too ("Took 67min" for a 12 s run); perf_counter is never moved.
    step.duration = time.perf_counter() - context.step_started
    context.stop.interruptible = False
    run = context.run
    if run is None:
        return
    context.harness.pump_events(run)  # the step's messages relayed and consumed
    context.harness.record_outside_calls(run)
    context.harness.collect_spans(run)
    key = run.recorder.step
    reporting.attach_step(
        run.recorder.in_step(key),
        data.made_since_last_asked(),
        run.queries.in_step(key),
        run.recorder.messages_in(key),
        run.spans_in(key) if context.harness.tracing is not None else None,
    )


def after_scenario(context: Any, scenario: Any) -> None:
    # Runs for failed scenarios too: the rollback always happens.
    if hasattr(context, "scenario_started"):  # for shards balanced by duration
        durations = context._runner.__dict__.setdefault("journeys_durations", {})
        durations[f"{scenario.filename}:{scenario.line}"] = (
            time.perf_counter() - context.scenario_started
        )
    run = context.run
    if run is None:  # before_scenario failed (or skipped it): nothing was begun
        context.stop.scenario_ended(scenario)
        return
    if scenario.status.name in ("failed", "error", "hook_error"):
        _say(f"'{scenario.name}' failed at {scenario.location}; {_last_exchange(run)}")
    if run.skipped_invariants:
        names = ", ".join(sorted(run.skipped_invariants))
        _say(f"'{scenario.name}': invariants not checked, on purpose: {names}")
    try:
        context.harness.assert_same_database(run)  # by URL: once, at the scenario's end
        context.harness.assert_isolated(run)  # also when a step failed before the check
    except IsolationBypassed as bypassed:  # every later scenario would leak the same way
        context.stop.stop_run(str(bypassed))
    except DatabaseNotShared as elsewhere:  # every later one would miss the service's writes
        context.stop.stop_run(str(elsewhere))
        context.harness.end_scenario()
        context.stop.scenario_ended(scenario)
        raise  # this scenario fails: its steps passed against a database nobody checked
    try:
        context.harness.outside.settle()  # nothing in flight lands after the clean-up
    except HarnessError as unsettled:
        _say(f"'{scenario.name}': {unsettled}")
    try:
        context.harness.end_scenario()
    except ENVIRONMENT_ERRORS as gone:  # the database went away under the scenario
        context.stop.scenario_ended(scenario, gone)
        raise
    context.stop.scenario_ended(scenario)


def after_all(context: Any) -> None:
    undefined = getattr(context._runner, "undefined_steps", [])
    if undefined:
        where = "; ".join(f"'{step.name}' at {step.location}" for step in undefined[:5])
        _say(
            f"{len(undefined)} undefined step(s): {where}. "
            "List the steps that exist with: behave --steps-catalog"
        )
    if any(STARTER_TAG in f.tags for f in getattr(context._runner, "features", [])):
        _say(STARTER_NEXT)
    stop = context.stop
    leak = None
    try:
        harness = getattr(context, "harness", None)
        if harness is not None:
            try:
                run_end.report_contract_coverage(harness, reporting.results_dir(context), _say)
                leak = run_end.left_behind(harness, _say)
                where = harness.settings.timings or harness.settings.cache
                if where:  # what shards are balanced by next time
                    durations = context._runner.__dict__.get("journeys_durations", {})
                    shards.record_timings(Path(where), durations)
            finally:
                if not worker.keep(harness.settings, harness):  # a worker's next run reuses it
                    harness.stop()
    finally:
        if stop.reason is not None:
            run_records.skip_unrun(run_records.junit_dir(context.config), stop.reason)
        if not stop.by_signal and context._runner.aborted:  # not "ABORTED: By user."
            context._runner.aborted = False  # (the run still fails: it has errors)
        stop.finish()
    if leak is not None:  # the run fails, once everything else is put away
        raise leak


def _last_exchange(run: Any) -> str:
    exchanges = run.recorder.exchanges
    return f"last HTTP call: {exchanges[-1].summary()}" if exchanges else "no HTTP call made"
