"""allure-behave's formatter, made to see the scenarios inside Gherkin ``Rule:`` blocks,
and to write nothing for a run that runs nothing.

allure-behave 2.16.2 wraps only ``feature.scenarios``; behave 1.3 keeps a rule's scenarios
on the rule, so they wrote no result at all, and an attachment in one of their steps raised
``KeyError: None``. A ``--dry-run`` or ``--steps-catalog`` run wrote a "skipped" result for
every scenario. Files are written by a thread of their own (``BackgroundFileLogger``), so a
step does not wait on the disk for each of its attachments.

Configure this class instead of allure-behave's:
``allure = "journeys.allure_formatter:AllureFormatter"`` in ``[tool.behave.formatters]``.
"""

from __future__ import annotations

import json
import os
import queue
import threading
import uuid
from typing import Any

import allure_commons
from allure_behave.formatter import AllureFormatter as _AllureFormatter
from allure_commons.logger import AllureFileLogger
from attr import asdict

from journeys.allure_listener import RuleListener
from journeys.console import tidy_listing_run


class BackgroundFileLogger(AllureFileLogger):
    """allure's file logger, its files written by one thread, a scenario's at a time.

    Each attachment is a file: 0.05 to 0.5 ms to create here, hundreds a run. The thread
    writes a scenario's files once its result is in, while the next scenario runs; ``flush``
    waits for all of them. (One hand-off per scenario, not per file: a hand-off per file
    cost more in passing the GIL back and forth than it saved.)
    """

    def __init__(self, report_dir: Any) -> None:
        super().__init__(report_dir)
        # (file name, content, renamed into place) waiting for the scenario's result
        self._batch: list[tuple[str, bytes, bool]] = []
        self._batches: queue.Queue[list[tuple[str, bytes, bool]] | None] = queue.Queue()
        self._failures: list[BaseException] = []
        self._thread = threading.Thread(target=self._write, name="journeys-allure", daemon=True)
        self._thread.start()

    def _write(self) -> None:
        while (batch := self._batches.get()) is not None:
            try:
                for name, body, renamed in batch:
                    if renamed:  # a result: never seen half-written
                        (self._report_dir / f"{name}.tmp").write_bytes(body)
                        os.replace(self._report_dir / f"{name}.tmp", self._report_dir / name)
                    else:  # an attachment: its result comes after it, in the same batch
                        (self._report_dir / name).write_bytes(body)
            except BaseException as exc:  # said at flush, in the main thread
                self._failures.append(exc)
            finally:
                self._batches.task_done()
        self._batches.task_done()

    def _report_item(self, item: Any) -> None:
        data = asdict(item, filter=lambda _, v: v or v is False)  # now: the item may change
        name = item.file_pattern.format(prefix=uuid.uuid4())
        self._batch.append((name, json.dumps(data, ensure_ascii=False).encode(), True))
        self._hand_over()

    @allure_commons.hookimpl
    def report_attached_data(self, body: Any, file_name: str) -> None:
        self._batch.append((file_name, body.encode() if isinstance(body, str) else body, False))

    def _hand_over(self) -> None:
        if self._batch:
            self._batches.put(self._batch)
            self._batch = []

    def flush(self) -> None:
        self._hand_over()
        self._batches.join()
        if self._failures:
            raise OSError(f"journeys: could not write an Allure result: {self._failures[0]}")

    def stop(self) -> None:
        self._batches.put(None)
        self._thread.join()


class AllureFormatter(_AllureFormatter):
    def __init__(self, stream_opener: Any, config: Any) -> None:
        super().__init__(stream_opener, config)
        tidy_listing_run(config)
        allure_commons.plugin_manager.unregister(self.listener)
        self.listener: Any = RuleListener(config)  # the story is the rule (allure_listener)
        allure_commons.plugin_manager.register(self.listener)
        allure_commons.plugin_manager.unregister(self.file_logger)
        self.file_logger: AllureFileLogger = BackgroundFileLogger(self.stream_opener.name)
        if not config.dry_run:  # a dry run runs nothing, so nothing is written
            allure_commons.plugin_manager.register(self.file_logger)

    def close(self) -> None:
        try:
            super().close()  # ends the session: its last results are queued
        finally:
            assert isinstance(self.file_logger, BackgroundFileLogger)
            try:
                self.file_logger.flush()
            finally:
                self.file_logger.stop()

    def feature(self, feature: Any) -> None:
        super().feature(feature)
        for rule in feature.iter_rules():
            self._wrap_scenario(rule.scenarios)
