"""The parts of a run outside the service and its database: stand-ins for the outside HTTP
services it calls, mail servers, the message broker with the target's relay and consumers,
the service's cache and its storage folder. Started with the run, reset before every
scenario, recorded after every step, stopped (the broker's names, the cache's keys and the
storage's files deleted) when the run ends.
"""

from __future__ import annotations

import contextlib
import inspect
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from journeys import guards
from journeys.exceptions import HarnessError, SettingsError
from journeys.run_ledger import RunLedger, remove_abandoned
from journeys.settings import Settings, mask_url
from journeys.target import Target, Wiring

if TYPE_CHECKING:
    from journeys.queries import QueryLog
    from journeys.scenario import ScenarioRun


class OutsideParts:
    def __init__(self, target: Target, settings: Settings) -> None:
        self.target = target
        self.settings = settings
        self.services: dict[str, Any] = {}  # stand-ins and mail servers, by the target's names
        self.messaging: Any = None  # journeys.messaging.Messaging, for a target with events
        self.store: Any = None  # journeys.keystore.KeyStore, for a target with a cache
        self.files: Any = None  # journeys.filestore.FileStore, for a target with storage
        self.tap: Any = None  # journeys.tap.Tap, on a system broker the target names
        # What the run makes on a real broker or cache, for a clean after a kill.
        self.ledger = RunLedger()
        self.cleaned: list[str] = []  # what stopped runs had left, removed as this one began
        # The running services' URLs by name, for a ``settled`` that asks them (a health page).
        self.urls: dict[str, str] = {}

    def check_settings(self) -> None:
        """Before anything starts: a broker off this machine is refused like a database."""
        host = broker_host(self.settings.broker_url)
        if self.target.events is not None and host:
            guards.check_host(self.settings, host, "broker_url")
        cache_host = broker_host(self.settings.cache_url)
        if self.target.cache and cache_host:
            guards.check_host(self.settings, cache_host, "cache_url")
        system_host = broker_host(self.settings.system_broker_url)
        if self.target.system_broker is not None and system_host:
            guards.check_host(self.settings, system_host, "system_broker_url")
        in_here = self.settings.system_broker_url.startswith("memory://")
        if self.target.system_broker is not None and self.settings.base_url and in_here:
            raise SettingsError(
                f"system_broker_url={self.settings.system_broker_url} is a broker inside "
                "journeys' own process, but the system runs by URL in another: journeys would "
                "hear nothing it publishes. Set JOURNEYS_SYSTEM_BROKER_URL (or -D "
                "system_broker_url=...) to the broker the system uses, e.g. "
                "amqp://guest:guest@127.0.0.1:5672//."
            )

    def start_services(self) -> None:
        """The stand-ins and mail servers, each on a port of its own (or the one set), and
        the cache."""
        self.cleaned = remove_abandoned(self.settings)
        shared = broker_host(self.settings.cache_url) and self.settings.cache_prefix
        if self.target.cache and self.settings.base_url and not shared:
            raise SettingsError(
                f"the target {self.target.name!r} keeps a cache, and a service run by URL keeps "
                "it in its own process, where journeys cannot empty it between scenarios: give "
                "the service and journeys the same Redis (cache_url=redis://...) and the same "
                "key prefix (cache_prefix=...)."
            )
        if self.target.cache:
            from journeys.keystore import KeyStore  # an optional part: imported when used

            store = KeyStore(self.settings.cache_url, self.settings.cache_prefix)
            try:
                self.store = store.start()
                if not store.url.startswith("memory://"):  # memory:// ends with the process
                    # Once reached, before any key is written (the service writes them).
                    self.ledger.note("cache", {"url": mask_url(store.url), "prefix": store.prefix})
            except Exception as exc:  # redis-py raises its own
                raise HarnessError(
                    f"the cache at {mask_url(self.settings.cache_url)} cannot be used "
                    f"({type(exc).__name__}: {exc}). Start it, or leave cache_url unset for "
                    "memory:// (nothing to install)."
                ) from None
        if self.target.storage:
            self._start_storage()
        if self.target.system_broker is not None:
            self._start_tap(self.target.system_broker)
        ports = self.settings.ports()
        unknown = sorted(
            set(ports) - set(self.target.outside_services) - set(self.target.mail_services)
        )
        if unknown and self.target.outside_services:
            raise SettingsError(
                f"stand_in_ports names {', '.join(unknown)}, which the target does not call; "
                f"its outside services are: {', '.join(self.target.outside_services)}."
            )
        if self.target.mail_services:
            from journeys.mailbox import MailServer  # an optional part: imported when used

            for name in self.target.mail_services:
                # On loopback, like every stand-in, whatever host the target is served on.
                self.services[name] = MailServer(port=ports.get(name, 0)).start()
        if self.target.outside_services:
            from journeys.stubs import OutsideService  # an optional part: imported when used

            for name in self.target.outside_services:
                self.services[name] = OutsideService(name, port=ports.get(name, 0))
                self.services[name].start()

    def _start_storage(self) -> None:
        if self.settings.base_url and not self.settings.storage_dir:
            raise SettingsError(
                f"the target {self.target.name!r} stores files, and a service run by URL "
                "keeps them in a folder journeys does not know: start the service with a "
                "folder of its own and name the same one in storage_dir."
            )
        from journeys.filestore import FileStore  # an optional part: imported when used

        self.files = FileStore(self.settings.storage_dir)

    def _start_tap(self, system: Any) -> None:
        from journeys.tap import Tap  # an optional part: imported when used

        url = self.settings.system_broker_url
        tap = Tap(url, system.exchanges, system.queues, system.exchange_type, system.durable)
        note = None
        if not url.startswith("memory://"):  # memory:// ends with the process
            note = lambda names: self.ledger.note("tap", {"url": mask_url(url), **names})  # noqa: E731
        self.tap = tap.start(note)

    def in_flight(self) -> str | None:
        """What the system still has in flight, or None: the target's ``settled`` when it
        gives one (it knows its consumers: idle, or down on purpose), else messages waiting
        in the system broker's named queues."""
        if self.target.settled is not None:
            settled: Any = self.target.settled
            asks = bool(inspect.signature(settled).parameters)
            return (settled(dict(self.urls)) if asks else settled()) or None
        return self.tap.in_flight() if self.tap is not None else None

    def settle(self) -> None:
        """Waits, bounded by settle_timeout, until nothing is in flight in the system."""
        if self.tap is None and self.target.settled is None:
            return
        deadline = time.monotonic() + self.settings.settle_timeout
        while (what := self.in_flight()) is not None:
            if time.monotonic() > deadline:
                raise HarnessError(
                    f"the system had not settled {self.settings.settle_timeout:g} s after the "
                    f"step: still in flight: {what}. Is a consumer down or slow? "
                    "(settle_timeout sets how long to wait)"
                )
            time.sleep(0.02)

    def start_messaging(self, wiring: Wiring) -> Wiring:
        """The target's queues on the run's broker, and its relay and consumers; the wiring
        the service is built with, now naming the broker."""
        if self.target.events is None:
            return wiring
        from journeys.messaging import Messaging  # an optional part: imported when used

        url = self.settings.broker_url
        note = None
        if not url.startswith("memory://"):  # memory:// ends with the process
            note = lambda names: self.ledger.note("broker", {"url": mask_url(url), **names})  # noqa: E731
        self.messaging, wiring = Messaging.start(url, self.target.events, wiring, note)
        return wiring

    @property
    def broker(self) -> Any:
        """The run's broker (journeys.broker.Broker), for a target with events; else None."""
        return self.messaging.broker if self.messaging else None

    def reset(self) -> None:
        """Before a scenario: every stand-in as new, the broker and the cache empty, the
        target's defaults."""
        for stand_in in self.services.values():
            stand_in.reset()
        if self.broker is not None:
            self.broker.reset()
        if self.store is not None:
            self.store.reset()
        if self.files is not None:
            self.files.reset()
        if self.tap is not None:
            self.tap.drain()  # what an earlier scenario's system published late is not this one's
        if self.target.prepare_services is not None:
            self.target.prepare_services(self.services)

    def pump(self, run: ScenarioRun, queries: QueryLog) -> None:
        """The step's messages relayed and consumed, into the scenario's record; with a
        system broker, what the system published, once it has settled."""
        step = run.recorder.step or ""
        wrote = any(s.request and s.written_table for s in queries.in_step(step)) or any(
            e.method not in ("GET", "HEAD", "OPTIONS") for e in run.recorder.in_step(step)
        )
        if self.messaging is not None:
            run.recorder.messages.extend((step, seen) for seen in self.messaging.drive(wrote))
        if self.tap is None and self.target.settled is None:
            return
        if wrote:
            self.settle()
        if self.tap is not None:
            run.recorder.messages.extend((step, seen) for seen in self.tap.drain())

    def record(self, run: ScenarioRun) -> None:
        """What the outside services received during the step, into the scenario's record."""
        for stand_in in self.services.values():
            if hasattr(stand_in, "new_mails"):  # a mail server: what it received
                run.recorder.messages.extend((run.recorder.step, m) for m in stand_in.new_mails())
            else:
                run.recorder.exchanges.extend(stand_in.new_exchanges(run.recorder.step))

    def contents(self) -> dict[str, Any]:
        """What the stores outside the database hold, for the invariants that read them."""
        contents: dict[str, Any] = {}
        if self.store is not None:
            contents["cache"] = self.store.contents()
        if self.files is not None:
            contents["storage"] = self.files.files()
        return contents

    def stop(self) -> None:
        if self.files is not None:
            self.files.stop()
            self.files = None
        if self.store is not None:
            with contextlib.suppress(Exception):  # a store gone: the ledger keeps its prefix
                self.store.stop()
                self.ledger.cross_out("cache")
            self.store = None
        if self.messaging is not None:
            with contextlib.suppress(Exception):  # a broker gone: the ledger keeps its names
                self.messaging.broker.stop()
                self.ledger.cross_out("broker")
            self.messaging = None
        if self.tap is not None:
            with contextlib.suppress(Exception):  # a broker gone: the ledger keeps the name
                self.tap.stop()
                self.ledger.cross_out("tap")
            self.tap = None
        for stand_in in self.services.values():
            stand_in.stop()


def broker_host(url: str) -> str:
    """The host a kombu URL points at ("" for memory:// and other in-process transports)."""
    return urlsplit(url).hostname or ""
