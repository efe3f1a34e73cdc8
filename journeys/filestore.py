"""A folder the service stores files in (images, uploads, exports), as the harness holds it
for a target: the run's own, emptied after every scenario, deleted after the run, and able to
fail when a scenario asks.

By default the folder is a new temporary one (``journeys-files-*``), deleted with everything
in it when the run ends. A service run by URL is started with a folder of its own: name the
same one in ``storage_dir`` and journeys removes, after each scenario, only the files that
were not there when the run started.

A folder that fails is a real failure, not a patched call: its path becomes a plain file, so
every open, write, listing or removal under it fails in the operating system
(``NotADirectoryError``), for a service in this process or in another one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from journeys.exceptions import SettingsError

__all__ = ["FileStore", "files_in", "process_running", "remove_abandoned"]

_DOWN = ".journeys-down"  # the real folder's name while it has failed
_OWN = "journeys-files-"  # then the run's process id: a folder whose process is gone is left


class FileStore:
    def __init__(self, folder: str = "") -> None:
        self.own = not folder
        if self.own:
            remove_abandoned()
        self.root = Path(tempfile.mkdtemp(prefix=f"{_OWN}{os.getpid()}-") if self.own else folder)
        if not self.root.is_dir():
            raise SettingsError(
                f"storage_dir={folder!r} is not a folder. Create it and start the service "
                "with the same folder, or leave storage_dir unset for a folder of the run's own."
            )
        self.root = self.root.resolve()
        self.is_down = False
        # A shared folder's files and folders before the run: kept.
        self._found = set(self.files())
        self._folders = {p for p in self.root.rglob("*") if p.is_dir()}

    @property
    def _hidden(self) -> Path:
        return self.root.with_name(self.root.name + _DOWN)

    def files(self) -> dict[str, int]:
        """Every file under the folder (its path relative to the folder, with /) and its size."""
        return files_in(self._hidden if self.is_down else self.root)

    def go_down(self) -> None:
        """From now until the scenario ends, everything the service does in it fails."""
        if not self.is_down:
            self.root.rename(self._hidden)
            self.root.write_bytes(b"")  # a file where the folder was: nothing opens under it
            self.is_down = True

    def come_back(self) -> None:
        if self.is_down:
            self.root.unlink()
            self._hidden.rename(self.root)
            self.is_down = False

    def reset(self) -> None:
        """After a scenario: up again, and only what the run started with."""
        self.come_back()
        if not self._found and not any(self.root.iterdir()):
            return  # the scenario stored nothing: nothing to look through
        for name in set(self.files()) - self._found:
            (self.root / name).unlink(missing_ok=True)
        for folder in sorted(self.root.rglob("*"), reverse=True):  # deepest first
            if folder.is_dir() and folder not in self._folders and not any(folder.iterdir()):
                folder.rmdir()

    def stop(self) -> None:
        """After the run: nothing of it is left (the folder itself, if it was the run's)."""
        self.reset()
        if self.own:
            shutil.rmtree(self.root, ignore_errors=True)


def files_in(root: Path) -> dict[str, int]:
    """Every file under ``root`` (its path relative to it, with /) and its size."""
    return {
        path.relative_to(root).as_posix(): path.stat().st_size
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def remove_abandoned(where: Path | None = None) -> list[Path]:
    """The storage folders of runs that were killed before they could remove theirs (their
    process is gone): removed, and listed. Every run does it as it starts."""
    removed = []
    for path in Path(where or tempfile.gettempdir()).glob(f"{_OWN}*"):
        pid = path.name[len(_OWN) :].split("-", 1)[0]
        if pid.isdigit() and not process_running(int(pid)):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)  # a folder that was down: a plain file
            removed.append(path)
    return removed


def process_running(pid: int) -> bool:
    """Whether a process of this machine is alive (another user's counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: running
        return True
    return True
