"""What a run made outside its process, written down as it is made, so that a run killed
before its clean-up (SIGKILL, a lost machine) leaves a list of its own leftovers.

The ledger is one file in the temporary folder, ``journeys-run-<pid>-<token>.json``: the
broker's queues and exchanges of the run (on a real broker; ``memory://`` dies with the
process) and its cache key prefix (on Redis). Each part is crossed out once the run removed
it, and the file goes with the last one. A ledger whose process is gone belongs to a stopped
run: ``python -m journeys clean`` (and every run, as it starts) removes what it lists, on the
broker and cache the settings name, and only that.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import tempfile
from pathlib import Path
from typing import Any

from journeys.filestore import process_running
from journeys.settings import Settings, mask_url

PREFIX = "journeys-run-"


def own_token() -> str:
    """``<pid>-<random>``: in every name a run makes outside its process (queues, keys, its
    ledger), so a stopped run's names are told apart from a running one's."""
    return f"{os.getpid()}-{secrets.token_hex(4)}"


class RunLedger:
    def __init__(self, where: Path | None = None) -> None:
        self.path = Path(where or tempfile.gettempdir()) / f"{PREFIX}{own_token()}.json"
        self.parts: dict[str, Any] = {}

    def note(self, part: str, facts: dict[str, Any]) -> None:
        """Written once the part is reached, before anything is made there: a kill right
        after still leaves its names."""
        self.parts[part] = facts
        self._write()

    def cross_out(self, part: str) -> None:
        self.parts.pop(part, None)
        if self.parts:
            self._write()
        else:
            self.path.unlink(missing_ok=True)

    def _write(self) -> None:
        record = {"pid": os.getpid(), "host": socket.gethostname(), "parts": self.parts}
        partial = self.path.with_suffix(".part")
        partial.write_text(json.dumps(record, indent=1))
        os.replace(partial, self.path)


def abandoned(where: Path | None = None) -> list[tuple[Path, dict[str, Any]]]:
    """The ledgers of runs on this machine whose process is gone."""
    found = []
    for path in sorted(Path(where or tempfile.gettempdir()).glob(f"{PREFIX}*.json")):
        try:
            record = json.loads(path.read_text())
        except (OSError, ValueError):
            continue  # being written, or not ours
        if record.get("host") == socket.gethostname() and not process_running(int(record["pid"])):
            found.append((path, record))
    return found


def remove_abandoned(settings: Settings, where: Path | None = None) -> list[str]:
    """Removes what stopped runs left on the broker and the cache the settings name; one line
    per thing done, or per thing that needs another setting to be reached."""
    said = []
    for path, record in abandoned(where):
        parts = record.get("parts", {})
        for name, facts in list(parts.items()):
            given = {
                "broker": settings.broker_url,
                "cache": settings.cache_url,
                "tap": settings.system_broker_url,
            }[name]
            if mask_url(given) != facts["url"]:
                said.append(
                    f"a stopped run (pid {record['pid']}) left its {name} names on {facts['url']}; "
                    f"give {name}_url with that URL to remove them"
                )
                continue
            try:
                said.append(_remove(name, given, facts, record["pid"]))
            except Exception as exc:  # kombu and redis-py raise their own
                said.append(
                    f"could not remove the {name} names of a stopped run (pid {record['pid']}) "
                    f"on {facts['url']} ({type(exc).__name__}: {exc}); run python -m journeys "
                    "clean once it is up"
                )
                continue
            del parts[name]
        if parts:
            path.write_text(json.dumps(record, indent=1))
        else:
            path.unlink(missing_ok=True)
    return said


def _remove(name: str, url: str, facts: dict[str, Any], pid: int) -> str:
    if name in ("broker", "tap"):
        from journeys.broker import delete_names  # an optional part: imported when used

        delete_names(url, facts["queues"], facts["exchanges"])
        return (
            f"deleted {len(facts['queues'])} queues and {len(facts['exchanges'])} exchanges "
            f"of a stopped run (pid {pid}) on {facts['url']}"
        )
    from journeys.keystore import delete_prefixed  # an optional part: imported when used

    count = delete_prefixed(url, facts["prefix"])
    return f"deleted {count} cache keys {facts['prefix']}* of a stopped run (pid {pid})"
