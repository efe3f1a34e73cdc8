"""The run: database, schema, live server and isolation, then one scope per scenario.

behave's hooks drive it (journeys/hooks.py); tests and benchmarks drive it directly.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import sessionmaker

from journeys import data, guards
from journeys.database import ScenarioDatabase
from journeys.http import Recorder
from journeys.invariants import (
    UnknownInvariantError,
    Violation,
    assert_hold,
    check,
    known_names,
)
from journeys.isolation import STRATEGIES, Isolation
from journeys.personas import Cast
from journeys.queries import QueryLog, TagRequests
from journeys.server import LiveServer, SerialisedApp
from journeys.settings import Settings, SettingsError, mask_url
from journeys.stubs import OutsideService
from journeys.target import Target, load_target


class HarnessError(RuntimeError):
    """The run cannot start: the message says what is wrong and how to fix it."""


@dataclass
class ScenarioRun:
    key: str
    seed: int
    cast: Cast
    db: ScenarioDatabase
    recorder: Recorder
    queries: QueryLog
    services: dict[str, OutsideService]
    skipped_invariants: set[str] = field(default_factory=set)


class Harness:
    def __init__(self, settings: Settings, target: Target | None = None) -> None:
        self.settings = settings
        self.target = target or load_target(settings.target)
        self.database_url = settings.database_url
        self.engine: Engine | None = None
        self.server: LiveServer | None = None
        self.isolation: Isolation | None = None
        self._tmpdir: Path | None = None
        self._scenario: ScenarioRun | None = None
        self.queries = QueryLog()
        self.services = {name: OutsideService(name) for name in self.target.outside_services}
        self._skipped: set[str] = set()

    @property
    def url(self) -> str:
        assert self.server is not None, "the harness is not started"
        return self.server.url

    def start(self) -> Harness:
        guards.check_database(self.settings)
        guards.check_host(self.settings)
        try:
            self._skipped = known_names(
                self.target.invariants,
                self.settings.skip_invariants.split(","),
                "the skip_invariants setting",
            )
        except UnknownInvariantError as exc:
            raise SettingsError(str(exc)) from None
        if not self.database_url:
            self._tmpdir = Path(tempfile.mkdtemp(prefix="journeys-"))
            self.database_url = f"sqlite:///{self._tmpdir / 'journeys.sqlite3'}"
        self.engine = self.target.make_engine(self.database_url)
        self._prepare_schema(self.engine)
        self.queries.install(self.engine)

        app_sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        strategy = STRATEGIES[self.settings.isolation]
        self.isolation = strategy(self.engine, self.target.metadata, app_sessions)
        for service in self.services.values():
            service.start()
        urls = {name: service.url for name, service in self.services.items()}
        app: Any = TagRequests(self.target.make_app(app_sessions, urls))
        if self.isolation.serialise_requests:
            app = SerialisedApp(app)
        self.server = LiveServer(app, self.settings.host, self.settings.port)
        try:
            self.server.start()
        except RuntimeError as exc:
            raise HarnessError(str(exc).removeprefix("journeys: ")) from None
        return self

    def _prepare_schema(self, engine: Engine) -> None:
        where = mask_url(self.database_url)
        try:
            with engine.connect() as connection:  # not begun: migrations may need that
                self.target.migrate(connection)
                connection.commit()
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise HarnessError(
                f"cannot reach the database {where}: {reason}. "
                "Start the database server, or correct JOURNEYS_DATABASE_URL "
                "(unset it to run on a temporary SQLite file)."
            ) from None
        except DBAPIError as exc:
            raise HarnessError(f"cannot prepare the schema in {where}: {exc.orig}") from None
        leftovers = self.leftover_rows()
        if leftovers:
            tables = ", ".join(f"{name} ({n})" for name, n in leftovers.items())
            raise HarnessError(
                f"the database {where} already holds rows: {tables}. journeys needs empty "
                "tables to start from and will not delete data it did not write. Point "
                "JOURNEYS_DATABASE_URL at a test database, or empty these tables yourself."
            )

    def leftover_rows(self) -> dict[str, int]:
        assert self.engine is not None
        with self.engine.connect() as connection:
            counts = ScenarioDatabase(lambda: nullcontext(connection)).table_counts(
                self.target.metadata
            )
        return {name: n for name, n in counts.items() if n}

    def begin_scenario(
        self, key: str, skip_invariants: Iterable[str] = (), where: str = "the scenario"
    ) -> ScenarioRun:
        assert self.isolation is not None and self.server is not None, "start() first"
        skipped = self._skipped | known_names(self.target.invariants, skip_invariants, where)
        scope = self.isolation.begin()
        data.bind(scope.session)
        seed = data.scenario_seed(self.settings.seed, key)
        data.reseed(seed)
        self.queries.reset()
        for service in self.services.values():
            service.reset()
        if self.target.prepare_services is not None:
            self.target.prepare_services(self.services)
        recorder = Recorder(queries=self.queries)
        self._scenario = ScenarioRun(
            key=key,
            seed=seed,
            cast=Cast(self.server.url, recorder, self.settings.http_timeout),
            db=ScenarioDatabase(scope.read),
            recorder=recorder,
            queries=self.queries,
            services=self.services,
            skipped_invariants=skipped,
        )
        return self._scenario

    def check_invariants(self, run: ScenarioRun) -> list[Violation]:
        return check(run.db, self.target.invariants, run.skipped_invariants)

    def assert_invariants(self, run: ScenarioRun) -> None:
        assert_hold(run.db, self.target.invariants, run.skipped_invariants)

    def end_scenario(self) -> None:
        if self._scenario is not None:
            self._scenario.cast.dismiss()
            self._scenario = None
        data.bind(None)
        if self.isolation is not None:
            self.isolation.end()

    def record_outside_calls(self, run: ScenarioRun) -> None:
        """What the outside services received during the step, into the scenario's record."""
        for service in self.services.values():
            run.recorder.exchanges.extend(service.new_exchanges(run.recorder.step))

    def stop(self) -> None:
        for service in self.services.values():
            service.stop()
        if self.server is not None:
            self.server.stop()
            self.server = None
        if self.engine is not None:
            self.queries.uninstall(self.engine)
            self.engine.dispose()
            self.engine = None
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None
