"""One database of a run, from opening to closing: a parallel worker's own or a scratch
SQLite file when the settings name none, its schema brought up to date, the isolation
strategies its scenarios run under (made when first asked), and the mark a committing run
keeps in it. Closing removes everything the run made there, each part even if another fails.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import Engine, MetaData

from journeys import databases, engines, run_marker, schema
from journeys.exceptions import HarnessError
from journeys.isolation import STRATEGIES, Isolation, RestoreIsolation
from journeys.settings import Settings, mask_url
from journeys.target import Target


class RunDatabase:
    def __init__(self, target: Target, settings: Settings, by_url: bool) -> None:
        self.target = target
        self.settings = settings
        self.by_url = by_url
        # journeys reads with a synchronous driver; the service keeps the URL it was given.
        self.url = engines.sync_url(settings.database_url)
        self.metadata: MetaData = target.metadata or MetaData()
        self.engine: Engine | None = None
        self.strategies: dict[str, Isolation] = {}
        self._tmpdir: Path | None = None
        self._own = False  # made for this parallel worker, dropped when it closes
        self._mark: str | None = None  # this run's mark in the database (committing runs)

    def open(self, isolation: str) -> Engine:
        """The engine, on a schema brought up to date and free for ``isolation``."""
        # A parallel worker, or a shard beside others on one database server: a database of
        # its own (a service run by URL has one database: its shards run on machines apart).
        share = self.settings.worker_id
        if not share and self.settings.share_dir and not self.by_url:
            share = "share"
        if share and self.url:
            self.url = databases.own_name(self.url, share)
            databases.create(self.url)
            self._own = True
        if not self.url:
            self._tmpdir = Path(tempfile.mkdtemp(prefix="journeys-"))
            self.url = f"sqlite:///{self._scratch_file()}"
        self.engine = engines.prepare((self.target.make_engine or engines.make_engine)(self.url))
        if self._tmpdir is not None:  # the run's own file, deleted after it
            engines.scratch(self.engine)
        self._prepare_schema(self.engine, isolation)
        return self.engine

    def strategy(self, name: str) -> Isolation:
        """A strategy for its scenarios (made when first asked); the first committing one
        leaves the run's mark, so a killed run's rows can be told apart."""
        if name not in self.strategies:
            assert self.engine is not None, "open() first"
            strategy = STRATEGIES[name](self.engine, self.metadata)
            strategy.prepare()
            if strategy.commits and self._mark is None:
                snapshot = getattr(strategy, "snapshot", None)
                self._mark = run_marker.claim(self.engine, name, snapshot)
            self.strategies[name] = strategy
        return self.strategies[name]

    def leftover_rows(self) -> dict[str, int]:
        assert self.engine is not None
        return schema.row_counts(self.engine, self.metadata)

    def leaked(self) -> dict[str, int]:
        """Rows a finished run left behind: against the starting rows under restore."""
        restore = self.strategies.get("restore")
        if isinstance(restore, RestoreIsolation) and restore.snapshot:
            assert self.engine is not None
            return restore.snapshot.differences(self.engine)
        return self.leftover_rows()

    def close(self) -> None:
        """Its strategies finished, the mark released, the engine gone, its own database
        dropped and its scratch folder removed."""
        strategies, self.strategies = list(self.strategies.values()), {}
        try:
            for strategy in strategies:
                strategy.finish()
            mark, self._mark = self._mark, None
            if self.engine is not None and mark is not None:
                run_marker.release(self.engine, mark)
        finally:
            if self.engine is not None:
                self.engine.dispose()
                self.engine = None
            if self._own:
                self._own = False
                databases.drop(self.url)
            if self._tmpdir is not None:
                shutil.rmtree(self._tmpdir, ignore_errors=True)
                self._tmpdir = None

    def _cache(self) -> Path | None:
        return Path(self.settings.cache) if self.settings.cache else None

    def _scratch_file(self) -> Path:
        """The SQLite file of a run that was given no database (in its own folder)."""
        assert self._tmpdir is not None
        return self._tmpdir / "journeys.sqlite3"

    def _schema_template(self) -> tuple[Path, Path] | None:
        """(the run's SQLite file, the migrated copy it can start from), when both apply."""
        cache, version = self._cache(), self.target.schema_version
        if self._tmpdir is None or cache is None or version is None:
            return None
        return self._scratch_file(), cache / f"schema-{self.target.name}-{version()}.sqlite3"

    def _prepare_schema(self, engine: Engine, isolation: str) -> None:
        migrate = self.target.migrate
        if self.by_url:  # the running service owns its schema: only look for its tables
            checked = self.target.metadata
            migrate = (lambda c: schema.check_tables(c, checked)) if checked else (lambda c: None)
        template = self._schema_template()
        if template and template[1].exists():  # migrated by an earlier run: copied at once
            shutil.copyfile(template[1], template[0])
            migrate = lambda c: None  # noqa: E731
        schema.prepare(engine, self.url, self.metadata, migrate, self.target.metadata is None)
        if template and not template[1].exists():
            with contextlib.suppress(OSError):  # a read-only checkout migrates every run
                schema.keep_template(*template)
        run_marker.check_free(engine)
        leftovers = self.leftover_rows()
        if leftovers and STRATEGIES[isolation].needs_empty_start:
            tables = ", ".join(f"{name} ({n})" for name, n in leftovers.items())
            raise HarnessError(
                f"the database {mask_url(self.url)} already holds rows: {tables}. "
                f"isolation={isolation} needs empty tables to start from, and "
                "journeys will not delete data it did not write. Point JOURNEYS_DATABASE_URL "
                "at an empty test database, or keep these rows with isolation=restore."
            )
