"""The storage folder journeys holds for a target: the run's own, emptied after each
scenario, deleted at the end, and failing for real (in the operating system) when a
scenario says so; a shared folder keeps what it held before the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeys.exceptions import SettingsError
from journeys.filestore import FileStore
from shop.storage import FolderStorage, StorageUnavailable


def test_a_runs_own_folder_lists_its_files_and_is_deleted_at_the_end() -> None:
    store = FileStore()
    assert store.root.is_dir() and store.root.name.startswith("journeys-files-")
    (store.root / "products" / "7").mkdir(parents=True)
    (store.root / "products" / "7" / "a.png").write_bytes(b"12345")
    assert store.files() == {"products/7/a.png": 5}
    store.stop()
    assert not store.root.exists()


def test_reset_removes_what_the_scenario_stored_and_its_folders() -> None:
    store = FileStore()
    try:
        FolderStorage(store.root).put("products/7/a.png", b"x")
        store.reset()
        assert store.files() == {}
        assert list(store.root.iterdir()) == []
    finally:
        store.stop()


def test_a_folder_that_fails_fails_in_the_operating_system_until_it_comes_back() -> None:
    store = FileStore()
    try:
        storage = FolderStorage(store.root)
        storage.put("products/7/a.png", b"kept")
        store.go_down()
        for attempt in (
            lambda: storage.put("products/7/b.png", b"x"),
            lambda: storage.get("products/7/a.png"),
            lambda: storage.delete("products/7/a.png"),
        ):
            with pytest.raises(StorageUnavailable, match="Not a directory"):
                attempt()
        assert store.files() == {"products/7/a.png": 4}  # still read by the invariants
        store.come_back()
        assert storage.get("products/7/a.png") == b"kept"
    finally:
        store.stop()
    assert not store.root.exists() and not Path(f"{store.root}.journeys-down").exists()


def test_a_run_that_ends_while_the_folder_is_down_leaves_nothing(tmp_path: Path) -> None:
    store = FileStore()
    FolderStorage(store.root).put("products/1/a.png", b"x")
    store.go_down()
    store.stop()
    assert not store.root.exists() and not Path(f"{store.root}.journeys-down").exists()


def test_a_shared_folder_keeps_what_it_held_before_the_run(tmp_path: Path) -> None:
    (tmp_path / "products" / "1").mkdir(parents=True)
    (tmp_path / "products" / "1" / "old.png").write_bytes(b"old")
    (tmp_path / "empty").mkdir()
    store = FileStore(str(tmp_path))
    FolderStorage(tmp_path).put("products/1/new.png", b"new")
    FolderStorage(tmp_path).put("products/2/new.png", b"new")
    store.stop()
    assert store.files() == {"products/1/old.png": 3}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "products"]
    assert tmp_path.is_dir()


def test_a_storage_dir_that_is_not_a_folder_is_refused_saying_how_to_fix_it(
    tmp_path: Path,
) -> None:
    with pytest.raises(SettingsError, match=r"storage_dir=.* is not a folder\. Create it"):
        FileStore(str(tmp_path / "missing"))


def test_the_shops_storage_refuses_a_key_that_leaves_its_folder(tmp_path: Path) -> None:
    for key in ("../escape.png", "/etc/passwd", "products/../../x"):
        with pytest.raises(ValueError, match="not a storage key"):
            FolderStorage(tmp_path).put(key, b"x")


def test_a_run_leaves_no_file_and_no_folder_behind() -> None:
    import os
    import re
    import subprocess
    import sys

    from tests.conftest import REPO

    run = subprocess.run(
        [sys.executable, "-m", "behave", "-f", "null", "features/catalog/product_images.feature"],
        cwd=REPO, capture_output=True, text=True, timeout=180, env=dict(os.environ),
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    said = re.search(r"storage=(\S+), emptied after every scenario, deleted after the run",
                     run.stderr)  # fmt: skip
    assert said, run.stderr
    assert not Path(said.group(1)).exists()
    assert not Path(said.group(1) + ".journeys-down").exists()


def test_a_service_run_by_url_with_storage_needs_the_folder_it_was_given(tmp_path: Path) -> None:
    from journeys.outside import OutsideParts
    from journeys.settings import Settings
    from journeys.target import Target

    parts = OutsideParts(Target(name="gallery", storage=True),
                         Settings(base_url="http://127.0.0.1:1"))  # fmt: skip
    with pytest.raises(SettingsError, match="start the service with a folder of its own"):
        parts.start_services()
    shared = OutsideParts(Target(name="gallery", storage=True),
                          Settings(base_url="http://127.0.0.1:1", storage_dir=str(tmp_path)))  # fmt: skip
    shared.start_services()
    assert shared.files.root == tmp_path.resolve() and not shared.files.own
    shared.stop()
    assert tmp_path.is_dir()


def test_a_folder_whose_run_was_killed_is_removed_by_the_next_run(tmp_path: Path) -> None:
    import subprocess
    import sys
    import tempfile

    from journeys.filestore import remove_abandoned

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    dead = Path(tempfile.mkdtemp(prefix=f"journeys-files-{gone}-", dir=tmp_path))
    (dead / "a.png").write_bytes(b"x")
    down = tmp_path / f"journeys-files-{gone}-down.journeys-down"
    down.write_bytes(b"")  # killed while its folder was down
    alive = FileStore()
    try:
        mine = tmp_path / alive.root.name
        mine.mkdir()  # a folder of a run that is still going (this process)
        assert sorted(remove_abandoned(tmp_path)) == sorted([dead, down])
        assert mine.exists() and not dead.exists() and not down.exists()
    finally:
        alive.stop()
