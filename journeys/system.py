"""A system of services tested as one: each a ``Target`` (its app in-process, or its URL, and
its own database), personas calling the entry service (a gateway) or any other by name, and
rules across their databases.

Each service keeps everything a single target has: its guard, its isolation (rollback where
journeys serves it, restore or delete by URL), its schema, its leak check, its contract. The
run's settings are the entry service's; each service's own come by name: ``-D
database_url.users=...``, ``JOURNEYS_DATABASE_URL_USERS=...``, ``base_url.content=...``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from journeys import data
from journeys.contracts import Contract
from journeys.exceptions import InvariantViolation, SettingsError
from journeys.harness import Harness, _let_go, stop_each
from journeys.invariants import Invariant, Violation, check, known_names
from journeys.scenario import ScenarioRun
from journeys.settings import Settings
from journeys.target import SystemBroker, Target


@dataclass(frozen=True)
class System:
    # The system's name, in messages and the report.
    name: str
    # Each service by name; the first is the entry unless ``entry`` names another.
    services: Mapping[str, Target]
    # The service personas call unless they name another (a gateway); empty: the first.
    entry: str = ""
    # The system's version, in the report's environment.
    version: str = "unknown"
    # Rules across the services' databases: functions of ({service: ScenarioDatabase},
    # baseline) returning the rows that break them.
    invariants: tuple[Invariant, ...] = ()
    # The system's own broker, listened to, and what is still in flight (see Target).
    system_broker: SystemBroker | None = None
    # What is still in flight (Target.settled); given here, it replaces the entry's.
    settled: Callable[..., str | None] | None = None

    def __post_init__(self) -> None:
        if not self.services:
            raise SettingsError(f"the system {self.name!r} names no service.")
        if self.entry and self.entry not in self.services:
            raise SettingsError(
                f"the system {self.name!r} enters by {self.entry!r}, which is not one of its "
                f"services: {', '.join(self.services)}."
            )
        for invariant in self.invariants:
            if not callable(invariant.offending_rows):
                raise SettingsError(
                    f"the system invariant {invariant.name!r} is a query, but a system has "
                    "several databases: give a function of (dbs, baseline) that reads "
                    "dbs['users'], dbs['content']..."
                )

    @property
    def entry_name(self) -> str:
        return self.entry or next(iter(self.services))


class SystemHarness(Harness):
    """The entry service's harness, holding one more for each other service."""

    def __init__(self, settings: Settings, system: System) -> None:
        unknown = sorted(settings.service_names() - set(system.services))
        if unknown:
            raise SettingsError(
                f"the settings name service(s) {', '.join(unknown)}, which the system "
                f"{system.name!r} does not have; its services: {', '.join(system.services)}."
            )
        self.system = system
        self.entry = system.entry_name
        entry = replace(
            system.services[self.entry],
            system_broker=system.system_broker or system.services[self.entry].system_broker,
            settled=system.settled or system.services[self.entry].settled,
        )
        super().__init__(settings.for_service(self.entry, entry=True), entry)
        own = {name: settings.for_service(name, entry=False) for name in system.services}
        # A system runs by URL when any of its services does: then its databases with no
        # service of their own are the running system's too.
        by_url = any(s.base_url for s in own.values()) or self.by_url
        self.others = {
            name: Harness(
                own[name],
                target,
                database_only=target.make_app is None and not own[name].base_url,
                by_url=by_url if target.make_app is None and not own[name].base_url else None,
            )
            for name, target in system.services.items()
            if name != self.entry
        }
        self._runs: dict[str, ScenarioRun] = {}

    def _all(self) -> dict[str, Harness]:
        return {**self.others, self.entry: self}

    def _databases(self) -> dict[str, Any]:
        """The sessionmakers of the databases started so far that have no service."""
        return {n: h.sessions for n, h in self.others.items() if h.database_only and h.sessions}

    def start(self) -> SystemHarness:
        """The system's databases that have no service, then the other services (in the
        order named, each told those before it), then the entry, told them all; a service
        that cannot start stops those that did."""
        try:
            # Databases without a service first: every service is then given them all.
            for harness in sorted(self.others.values(), key=lambda h: not h.database_only):
                harness.peers = {n: h.url for n, h in self.others.items() if h.url}
                harness.peer_databases = self._databases()
                harness.start()
            self.peers = {name: harness.url for name, harness in self.others.items() if harness.url}
            self.peer_databases = self._databases()
        except BaseException:
            self.stop()
            raise
        super().start()
        self.outside.urls = {name: harness.url for name, harness in self._all().items()}
        engines = {name: h.engine for name, h in self._all().items() if h.engine is not None}
        for name, harness in self._all().items():  # each records its own service's SQL
            harness.queries.peers = [e for n, e in engines.items() if n != name]
        return self

    def begin_scenario(
        self,
        key: str,
        skip_invariants: Iterable[str] = (),
        where: str = "the scenario",
        isolation: str | None = None,
    ) -> ScenarioRun:
        every = [i for h in self._all().values() for i in h.target.invariants]
        skipped = known_names([*every, *self.system.invariants], skip_invariants, where)
        try:
            for name, harness in self.others.items():
                mine = skipped & {i.name for i in harness.target.invariants}
                self._runs[name] = harness.begin_scenario(key, mine, where, isolation)
            mine = skipped & {i.name for i in self.target.invariants}
            run = super().begin_scenario(key, mine, where, isolation)
        except BaseException:  # a service that cannot begin: the others' scenarios end too
            self.end_scenario()
            raise
        run.skipped_invariants |= skipped
        runs = {**self._runs, self.entry: run}
        run.dbs = {name: r.db for name, r in runs.items()}
        run.factories.sessions = {name: r.scope.session for name, r in runs.items()}
        for other in self._runs.values():
            other.factories = run.factories  # one baseline, one journal
        data.use(run.factories)  # the factories reach every database by its service's name
        run.cast.urls.update({name: h.url for name, h in self._all().items() if h.url})
        sessions = [r.scope.session for r in runs.values()]

        def let_go() -> None:  # every database's factories' transaction, before a call
            for session in sessions:
                _let_go(session)

        run.cast.before_call = let_go
        run.recorder.contracts = [
            (h.url, h.contract) for h in self._all().values() if h.contract is not None
        ]
        run.services = {
            **{k: v for h in self.others.values() for k, v in h.services.items()},
            **run.services,
        }
        return run

    def pump_events(self, run: ScenarioRun) -> None:
        for harness in self.others.values():
            harness.outside.pump(run, harness.queries)
        super().pump_events(run)  # the system's broker, once every service has pumped

    def record_outside_calls(self, run: ScenarioRun) -> None:
        for harness in self.others.values():
            harness.outside.record(run)
        super().record_outside_calls(run)

    def assert_isolated(self, run: ScenarioRun) -> None:
        for name, harness in self.others.items():
            if name in self._runs:
                harness.assert_isolated(self._runs[name])
        super().assert_isolated(run)

    def assert_same_database(self, run: ScenarioRun) -> None:
        for name, harness in self.others.items():
            if name in self._runs:
                harness.assert_same_database(self._runs[name])
        super().assert_same_database(run)

    def check_invariants(self, run: ScenarioRun) -> list[Violation]:
        found = super().check_invariants(run)
        for name, harness in self.others.items():
            found += harness.check_invariants(self._runs[name])
        every_database: Any = run.dbs  # a system's invariants read every database by name
        return found + check(
            every_database, self.system.invariants, run.skipped_invariants, run.factories.baseline
        )

    def assert_invariants(self, run: ScenarioRun) -> None:
        violations = self.check_invariants(run)
        if violations:
            raise InvariantViolation(violations)

    def end_scenario(self) -> None:
        runs, self._runs = self._runs, {}
        for run in runs.values():
            with contextlib.suppress(Exception):  # each service's clean-up, whatever another's
                run.end()
        super().end_scenario()

    def leaks(self) -> list[tuple[str, dict[str, int]]]:
        return [leak for h in self._all().values() for leak in Harness.leaks(h)]

    def contracts(self) -> list[tuple[str, Contract]]:
        return [(name, h.contract) for name, h in self._all().items() if h.contract is not None]

    def stop(self) -> None:
        stop_each(*(harness.stop for harness in self.others.values()), super().stop)


def make_harness(settings: Settings, loaded: Any) -> Harness:
    """The harness for what the target setting names: a Target, or a System."""
    if isinstance(loaded, System):
        return SystemHarness(settings, loaded)
    return Harness(settings, loaded)
