"""A parallel runner's worker keeps its harness from one behave run to the next.

behavex runs behave many times in each worker process (once per feature or scenario), and
so calls ``before_all`` and ``after_all`` each time. Starting the harness each time (its
database, schema and server) cost more than the second worker saved. So, only when a
parallel runner says which worker this is (``worker_id``), the started harness is kept for
the process and reused while the settings are the same; it is stopped, and its own database
dropped, when the process ends. A plain ``behave`` run never keeps anything.
"""

from __future__ import annotations

import atexit
from multiprocessing import util as multiprocessing_util
from pathlib import Path

from journeys.harness import Harness
from journeys.settings import Settings

# In a parallel run's share folder: made by the first worker to say the run's settings.
SAID = "settings-said"

# The one harness this worker process keeps, by its settings (at most one entry).
_kept: dict[Settings, Harness] = {}


def harness_for(settings: Settings) -> Harness | None:
    """The harness kept for these settings, if this worker has one."""
    return _kept.get(settings) if settings.worker_id else None


def keep(settings: Settings, harness: Harness) -> bool:
    """Keep the harness for the worker's next run; False when it is not a worker."""
    if not settings.worker_id:
        return False
    for other in [s for s in _kept if s != settings]:
        _kept.pop(other).stop()
    if settings not in _kept:
        _kept[settings] = harness
        # Pool workers end through multiprocessing's exit path, which skips atexit.
        multiprocessing_util.Finalize(None, stop_all, exitpriority=100)
        atexit.register(stop_all)
    return True


def stop_all() -> None:
    while _kept:
        _settings, harness = _kept.popitem()
        harness.stop()


def first_to_say(settings: Settings) -> bool:
    """Whether this process says the run's settings: always, but in a parallel run (workers
    that share a folder) only the first worker to start, so the run says them once."""
    if not (settings.worker_id and settings.share_dir):
        return True
    folder = Path(settings.share_dir)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        (folder / SAID).touch(exist_ok=False)  # made at once or refused: one worker wins
    except FileExistsError:
        return False
    return True
