"""Where the shop keeps its files (product images): a folder by default, behind one small
interface (put, get, delete, keys) so an object store can take its place.

Every failure of the store is a ``StorageUnavailable``: the caller undoes what it began and
answers 503, so a file is never left without its row, nor a row without its file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol


class StorageUnavailable(Exception):
    """The store could not do what was asked (down, full, not writable)."""


class Storage(Protocol):
    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...

    def keys(self) -> list[str]: ...


class FolderStorage:
    """Files under one folder; a key is a relative path with / (``products/7/ab12.png``)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if key.startswith("/") or ".." in key.split("/"):  # keys are the shop's own
            raise ValueError(f"not a storage key: {key!r}")
        return self.root / key

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(path.name + ".part")
            partial.write_bytes(data)
            partial.replace(path)  # whole or not at all, for a reader at the same moment
        except OSError as exc:
            raise StorageUnavailable(f"cannot store {key}: {exc.strerror or exc}") from exc

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except OSError as exc:
            raise StorageUnavailable(f"cannot read {key}: {exc.strerror or exc}") from exc

    def delete(self, key: str) -> None:
        path = self._path(key)
        try:
            path.unlink(missing_ok=True)
            for folder in (path.parent, path.parent.parent):  # products/7/, then products/
                if folder != self.root and folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
        except OSError as exc:
            raise StorageUnavailable(f"cannot delete {key}: {exc.strerror or exc}") from exc

    def keys(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*")
                      if p.is_file())  # fmt: skip
