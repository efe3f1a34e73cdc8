"""The run: database, schema, the service (in-process or by URL) and isolation, then one
``ScenarioRun`` per scenario, which owns everything the scenario holds.

behave's hooks drive it (journeys/hooks.py); tests and benchmarks drive it directly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine, MetaData, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from journeys import data, engines, guards, service
from journeys.contracts import Contract
from journeys.exceptions import (
    IsolationBypassed,
    SettingsError,
    UnknownInvariantError,
)
from journeys.faults import WriteRefusals
from journeys.http import Recorder
from journeys.invariants import Violation, assert_hold, check, known_names
from journeys.isolation import (
    STRATEGIES,
    Isolation,
    ScenarioSessions,
)
from journeys.outside import OutsideParts
from journeys.personas import Cast
from journeys.queries import QueryLog
from journeys.run_database import RunDatabase
from journeys.scenario import ScenarioRun
from journeys.server import LiveServer
from journeys.settings import Settings, mask_url
from journeys.shared_database import SharedDatabaseCheck
from journeys.target import Target, Wiring, load_target
from journeys.tracing.run import RunTracing


class Harness:
    def __init__(
        self,
        settings: Settings,
        target: Target | None = None,
        database_only: bool = False,
        by_url: bool | None = None,
    ) -> None:
        """``database_only``: in a system, a database another service uses (a Target with
        no app: nothing is served or reached); ``by_url``: as the settings' base_url says,
        unless the system says (a database of a system run by URL)."""
        self.settings = settings
        self.target: Target = target or load_target(settings.target)
        if not isinstance(self.target, Target):  # a System: journeys.system.make_harness
            raise SettingsError(
                f"target={settings.target!r} is a system of services: start it with "
                "journeys.system.make_harness(settings, target)."
            )
        self.database_only = database_only
        self.by_url = bool(settings.base_url) if by_url is None else by_url
        self.database = RunDatabase(self.target, settings, self.by_url)
        self.metadata: MetaData = self.database.metadata
        self.server: LiveServer | None = None
        self.isolation: Isolation | None = None
        self.url = ""
        self._scenario: ScenarioRun | None = None
        self.queries = QueryLog()
        self.refusals = WriteRefusals()
        self.outside = OutsideParts(self.target, settings)
        self.tracing = RunTracing() if settings.tracing else None
        self._skipped: set[str] = set()
        self.contract: Contract | None = None
        self.wiring: Wiring | None = None
        # In a system, the other services' URLs by name, given to make_app in the wiring,
        # and the sessionmakers of the system's databases that have no service of their own.
        self.peers: dict[str, str] = {}
        self.peer_databases: dict[str, sessionmaker] = {}
        self.sessions: ScenarioSessions | None = None  # the app's, joined to each scenario
        self.shared: SharedDatabaseCheck | None = None  # by URL: one database, proven once

    @property
    def engine(self) -> Engine | None:
        return self.database.engine

    @property
    def database_url(self) -> str:
        """The run's database, as journeys reads it (a synchronous driver)."""
        return self.database.url

    @property
    def service_database_url(self) -> str:
        """The database URL as the service uses it: with its own async driver, if it had one."""
        given = self.settings.database_url
        if not given or engines.sync_url(given) == given:
            return self.database_url
        driver = make_url(given).drivername  # on this run's database (a worker has its own)
        return make_url(self.database_url).set(drivername=driver).render_as_string(False)

    @property
    def isolation_name(self) -> str:
        if self.settings.isolation != "auto":
            return self.settings.isolation
        return "restore" if self.by_url else "rollback"

    def start(self) -> Harness:
        """Everything a run needs; a run that cannot start leaves nothing behind either."""
        self._check_settings()
        try:
            return self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self) -> Harness:
        if self.by_url and not self.database_only:  # first: a service that is down is likelier
            self.url = service.reach(self.settings.base_url, self.settings.http_timeout)
        engine = self.database.open(self.isolation_name)
        self.queries.install(engine)
        self.refusals.install()
        self.isolation = self.database.strategy(self.isolation_name)
        self.outside.start_services()
        if self.tracing is not None:  # the stand-ins say what they were asked, as spans
            self.tracing.follow(self.outside.services.values())
        if self.outside.store is not None:  # the factories write behind the service's back
            event.listen(Session, "after_flush", self._factories_flushed)
        if not self.by_url:
            self.sessions = ScenarioSessions(engine)
            self.sessions.binding = lambda: self._scenario.scope.binding if self._scenario else {}
        if not self.by_url and not self.database_only:
            self._serve()
            assert self.wiring is not None
            self.wiring = self.outside.start_messaging(self.wiring)
        if self.target.openapi:
            self.contract = Contract.load(
                self.target.openapi,
                self.url,
                Path(self.settings.cache) if self.settings.cache else None,
                self.settings.contract_mode,
                self.target.openapi_accepted,
            )
        self.outside.urls = {self.target.name: self.url}
        if self.by_url and not self.database_only:
            self.shared = SharedDatabaseCheck(
                engine, self.metadata, mask_url(self.database_url), self.url
            )
        return self

    def _check_settings(self) -> None:
        settings = self.settings
        if settings.services:
            named = ", ".join(f"{k}.{svc}" for svc, k, _v in settings.services)
            raise SettingsError(
                f"{named} names a service of a system, but the target {self.target.name!r} "
                f"is one service: set {named.split('.')[0]} itself, or name a "
                "journeys.System as the target."
            )
        guards.check_database(settings)
        guards.check_host(settings, settings.host)
        if self.by_url:
            if not self.database_only:
                guards.check_host(settings, urlsplit(settings.base_url).hostname or "", "base_url")
            if settings.worker_id:
                raise SettingsError(
                    "parallel workers each need a database of their own, and a service run "
                    "by URL has one: run the workers against the app in-process, or one run."
                )
            if settings.tracing:
                raise SettingsError(
                    "tracing=true collects the spans of services journeys runs in-process; "
                    "spans sent by a service in another process (OTLP) are not received yet: "
                    "run the service in-process, or leave tracing off by URL."
                )
            if not settings.database_url and self.database_only:
                name = self.target.name
                raise SettingsError(
                    f"the system runs by URL, so its database {name!r} is the running "
                    f"system's: set JOURNEYS_DATABASE_URL_{name.upper()} (or -D "
                    f"database_url.{name}=...) to the database it uses."
                )
            if not settings.database_url:
                raise SettingsError(
                    f"base_url={settings.base_url} needs the service's database for checks "
                    "and factories: set JOURNEYS_DATABASE_URL (or -D database_url=...) to the "
                    "database the running service uses."
                )
            self._check_strategy(self.isolation_name, "the isolation setting")
        elif self.target.make_app is None and not self.database_only:
            raise SettingsError(
                f"the target {self.target.name!r} has no make_app, so journeys cannot serve "
                "it in-process: give the running service's URL with JOURNEYS_BASE_URL "
                "(or -D base_url=...)."
            )
        self.outside.check_settings()
        try:
            self._skipped = known_names(
                self.target.invariants,
                settings.skip_invariants.split(","),
                "the skip_invariants setting",
            )
        except UnknownInvariantError as exc:
            raise SettingsError(str(exc)) from None

    def _check_strategy(self, name: str, where: str) -> None:
        """A strategy journeys has, and one that can isolate the service as it is reached."""
        if name not in STRATEGIES:
            raise SettingsError(
                f"isolation {name!r} in {where} is not a strategy journeys has; use one of "
                f"{', '.join(STRATEGIES)}."
            )
        if self.by_url and not STRATEGIES[name].works_by_url:
            raise SettingsError(
                f"isolation={name} cannot isolate a service running in another process "
                f"({where}): its transactions are its own (rollback) and it holds the schema "
                "(recreate). Use isolation=restore (the default by URL) or delete."
            )

    @property
    def services(self) -> dict[str, Any]:
        """The outside services' stand-ins and mail servers, by the target's names."""
        return self.outside.services

    @property
    def broker(self) -> Any:
        """The run's broker (journeys.broker.Broker), for a target with events; else None."""
        return self.outside.broker

    def pump_events(self, run: ScenarioRun) -> None:
        """The step's messages relayed and consumed, into the scenario's record."""
        self.outside.pump(run, self.queries)

    def record_outside_calls(self, run: ScenarioRun) -> None:
        """What the outside services received during the step, into the scenario's record."""
        self.outside.record(run)

    def collect_spans(self, run: ScenarioRun) -> None:
        """With tracing on: the spans the step's requests caused, into the scenario's record."""
        if self.tracing is not None:
            step = run.recorder.step
            run.spans.extend((step, span) for span in self.tracing.collect(step, run.recorder))

    def _serve(self) -> None:
        assert self.engine is not None and self.isolation is not None
        assert self.target.make_app is not None and self.sessions is not None
        self.wiring = Wiring(
            sessions=self.sessions,
            engine=self.engine,
            database_url=self.service_database_url,
            services={**self.peers, **{name: s.url for name, s in self.services.items()}},
            cache=self.outside.store.client if self.outside.store else None,
            storage=self.outside.files.root if self.outside.files else None,
            system_broker_url=self.settings.system_broker_url,
            databases=dict(self.peer_databases),
            tracer_provider=self.tracing.provider_for(self.target.name) if self.tracing else None,
        )
        app = self.target.make_app(self.wiring)
        self.server = service.serve(
            app,
            self.target.interface,
            # One request at a time while a rollback scenario shares its connection; real
            # parallel requests for a scenario under a committing strategy.
            lambda: self._scenario is None or self._scenario.strategy.serialise_requests,
            self.settings.host,
            self.settings.port,
        )
        self.url = self.server.url

    def leftover_rows(self) -> dict[str, int]:
        return self.database.leftover_rows()

    def leaked(self) -> dict[str, int]:
        """Rows a finished run left behind: against the starting rows under restore."""
        return self.database.leaked()

    def leaks(self) -> list[tuple[str, dict[str, int]]]:
        """(database, rows left per table) for each database of the run that has any."""
        leaked = self.leaked()
        return [(mask_url(self.database_url), leaked)] if leaked else []

    def contracts(self) -> list[tuple[str, Contract]]:
        """(service, its contract) for each service with an OpenAPI document."""
        return [(self.target.name, self.contract)] if self.contract is not None else []

    def begin_scenario(
        self,
        key: str,
        skip_invariants: Iterable[str] = (),
        where: str = "the scenario",
        isolation: str | None = None,
    ) -> ScenarioRun:
        """Begin a scenario under the run's isolation, or the one it asks for."""
        assert self.isolation is not None and (self.url or self.database_only), "start() first"
        skipped = self._skipped | known_names(self.target.invariants, skip_invariants, where)
        strategy = self.isolation
        if isolation is not None and isolation != strategy.name:
            self._check_strategy(isolation, where)
            strategy = self.database.strategy(isolation)
        if self.shared is not None:
            self.shared.begin()
        scope = strategy.begin()
        try:
            factories = data.bind(scope.session)
            assert factories is not None
            seed = data.scenario_seed(self.settings.seed, key)
            data.reseed(seed)
            self.queries.reset()
            self.outside.reset()
        except BaseException:
            data.use(None)
            scope.close()
            raise
        recorder = Recorder(
            queries=self.queries,
            read_error=self.target.read_error,
            contract=self.contract,
            tracing=self.tracing is not None,
        )
        self._scenario = ScenarioRun(
            key=key,
            seed=seed,
            cast=Cast(
                self.url, recorder, self.settings.http_timeout, lambda: _let_go(scope.session)
            ),
            db=scope.db,
            recorder=recorder,
            queries=self.queries,
            services=self.services,
            scope=scope,
            strategy=strategy,
            factories=factories,
            skipped_invariants=skipped,
            broker=self.broker,
            cache=self.outside.store,
            storage=self.outside.files,
            refusals=self.refusals,
            holdings=lambda: {**scope.db.everything(self.metadata), **self.outside.contents()},
        )
        return self._scenario

    def assert_same_database(self, run: ScenarioRun) -> None:
        """By URL, the service must write to the database journeys reads (judged once per
        scenario, at its end)."""
        if self.shared is not None:
            self.shared.judge(run)

    def assert_isolated(self, run: ScenarioRun) -> None:
        """Under rollback, the service must write through the scenario's connection."""
        if run.strategy.commits:
            return
        tables = self.queries.written_outside()
        if tables and self.service_database_url != self.database_url:
            raise IsolationBypassed(
                f"the service wrote to {', '.join(tables)} through its own async engine "
                f"({self.service_database_url.split(':', 1)[0]}), which cannot share the "
                "scenario's synchronous connection, so the rollback cannot undo it. Run its "
                "database under a committing strategy: isolation=delete (in a system, "
                "isolation.<service>=delete), or restore to keep rows it starts with."
            )
        if tables:
            raise IsolationBypassed(
                f"the service wrote to {', '.join(tables)} through a database connection of "
                "its own, outside the scenario's transaction, so the rollback cannot undo it. "
                "Build its sessions from the sessionmaker journeys gives make_app "
                "(wiring.sessions; for Flask-SQLAlchemy: journeys.flask_sqlalchemy."
                "use_sessions(db, wiring.sessions)), or run with isolation=delete."
            )

    def check_invariants(self, run: ScenarioRun) -> list[Violation]:
        return check(
            run.db, self.target.invariants, run.skipped_invariants, run.factories.baseline,
            self.outside.contents(),
        )  # fmt: skip

    def assert_invariants(self, run: ScenarioRun) -> None:
        assert_hold(
            run.db, self.target.invariants, run.skipped_invariants, run.factories.baseline,
            self.outside.contents(),
        )  # fmt: skip

    def end_scenario(self) -> None:
        if self._scenario is not None:
            scenario, self._scenario = self._scenario, None
            scenario.end()
            if self.tracing is not None:  # spans of requests made outside any step
                self.tracing.collector.forget()

    def stop(self) -> None:
        """Every part stopped, each even if another fails (a database gone mid-run must not
        keep the broker's names)."""
        stop_each(
            self.outside.stop, self._stop_server, self.queries.uninstall,
            self.refusals.uninstall, self._unlisten, self.database.close,
        )  # fmt: skip

    def _factories_flushed(self, session: Session, _context: Any) -> None:
        """The scenario's factories wrote behind the service's back: its cache forgets all.
        (One listener for the run, on every session; a listener per scenario cost 0.07 ms.)"""
        scenario, store = self._scenario, self.outside.store
        if scenario is not None and session is scenario.scope.session and store is not None:
            store.flush()

    def _unlisten(self) -> None:
        if event.contains(Session, "after_flush", self._factories_flushed):
            event.remove(Session, "after_flush", self._factories_flushed)

    def _stop_server(self) -> None:
        server, self.server = self.server, None
        if server is not None:
            server.stop()


def stop_each(*parts: Callable[[], None]) -> None:
    """Calls every part, each even if another fails; the first failure is raised once all
    were tried."""
    failures: list[BaseException] = []
    for part in parts:
        try:
            part()
        except Exception as exc:
            failures.append(exc)
    if failures:
        raise failures[0]


def _let_go(session: Session) -> None:
    """End the factories' transaction before the service is called: an open one holds a
    savepoint under rollback, and on SQLite a read lock that makes the service's commit
    wait ("database is locked") under the committing strategies."""
    if threading.current_thread() is threading.main_thread() and session.in_transaction():
        session.commit()  # (the session is the step's thread's; shoppers acting at once skip)
