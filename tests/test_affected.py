"""python -m journeys affected: only the scenarios a change can touch, on a clone of this
repository; a planted bug fails only scenarios it selected, and what it cannot narrow runs
everything, saying why."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from journeys.affected.coverage_map import MAP, CoverageMap
from tests.conftest import REPO

PLANTED = (  # a bug in the cart a failed payment refills: one more of each line
    "CartItem(product_id=line.product_id, quantity=line.quantity)",
    "CartItem(product_id=line.product_id, quantity=line.quantity + 1)",
)


def journeys(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYS_")}
    return subprocess.run(
        [sys.executable, "-m", "journeys", *args], cwd=cwd, capture_output=True, text=True,
        timeout=900, env={**env, "PYTHONPATH": str(cwd)},
    )  # fmt: skip


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """This repository as committed, with the map a full run made (once per pytest run:
    a second xdist worker that takes some of these tests copies the first one's map)."""
    root = tmp_path_factory.mktemp("affected") / "repo"
    git(REPO, "worktree", "add", "--detach", str(root), "HEAD")
    ours = root / ".journeys" / "cache" / MAP
    try:
        with shared_map(tmp_path_factory) as shared:
            if shared is not None and shared.exists():
                ours.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(shared, ours)
            else:
                none = journeys(root, "affected", "--since", "HEAD")
                assert none.returncode == 0, none.stderr
                assert "no map of which scenarios run what" in none.stderr
                assert none.stdout.split() == ["features"]  # everything
                made = journeys(root, "affected", "--refresh")
                assert made.returncode == 0, made.stderr[-3000:]
                assert "journeys affected: mapped " in made.stderr
                if shared is not None:
                    shutil.copyfile(ours, shared)
        yield root
    finally:
        git(REPO, "worktree", "remove", "--force", str(root))


@contextmanager
def shared_map(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | None]:
    """Under pytest-xdist, the map this run's workers share, locked while one makes it;
    otherwise None (nothing to share)."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if not run:
        yield None
        return
    shared = tmp_path_factory.getbasetemp().parent / f"affected-{run}.json"
    with open(shared.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield shared


def selected(root: Path, since: str = "HEAD") -> tuple[list[str], str]:
    run = journeys(root, "affected", "--since", since)
    assert run.returncode == 0, run.stderr
    return run.stdout.split(), run.stderr


def restore(root: Path) -> None:
    git(root, "checkout", "--", ".")


@pytest.mark.slow  # the whole suite: pytest -m slow
def test_a_planted_bug_fails_only_scenarios_it_selected(clone: Path) -> None:
    cart = clone / "shop" / "cart.py"
    cart.write_text(cart.read_text().replace(*PLANTED))
    try:
        chosen, said = selected(clone)
        made = CoverageMap.load(clone / ".journeys" / "cache" / "affected.json")
        assert made is not None
        assert 0 < len(chosen) < len(made.scenarios) / 4, said
        assert f"of {len(made.scenarios)} scenarios can be touched" in said
        assert "shop/cart.py: " in said
        full = subprocess.run(
            [sys.executable, "-m", "behave", "-f", "null", "features"],
            cwd=clone, capture_output=True, text=True, timeout=900,
            env={**os.environ, "PYTHONPATH": str(clone)},
        )  # fmt: skip
        failed = set(re.findall(r"failed at (features/\S+\.feature:\d+)", full.stderr))
        assert failed, full.stderr[-2000:]  # the bug shows
        assert failed <= set(chosen), failed - set(chosen)  # and only where it was looked for
        run = journeys(clone, "affected", "--since", "HEAD", "--run", "-f", "null")
        assert run.returncode == 1  # the selection runs, and fails as the full run did
    finally:
        restore(clone)


@pytest.mark.slow  # the map of a whole run under coverage
def test_a_changed_feature_selects_its_own_scenarios(clone: Path) -> None:
    feature = clone / "features" / "catalog" / "view_counts.feature"
    feature.write_text(feature.read_text() + "\n")
    try:
        chosen, _ = selected(clone)
        assert chosen and {c.split(":")[0] for c in chosen} == {
            "features/catalog/view_counts.feature"
        }
    finally:
        restore(clone)


@pytest.mark.slow  # the map of a whole run under coverage
@pytest.mark.parametrize(
    ("path", "old", "new", "why"),
    [
        ("pyproject.toml", "[tool.behave]", "[tool.behave]\n# a comment",
         "pyproject.toml changed, and the map cannot tell who reads it"),
        ("shop/settings.py", "currency = env.get(", "currency = env.get(  # start-up\n",
         "which runs at start-up, before any scenario"),
        # create_app runs at start-up, though a scenario runs the /health it holds
        ("shop/app.py", "    install_error_handlers(app)\n",
         "    install_error_handlers(app)  # start-up\n",
         "shop/app.py:61 is in create_app, which runs at start-up"),
    ],
)  # fmt: skip
def test_what_the_map_cannot_narrow_runs_everything_saying_why(
    clone: Path, path: str, old: str, new: str, why: str
) -> None:
    changed = clone / path
    changed.write_text(changed.read_text().replace(old, new, 1))
    try:
        chosen, said = selected(clone)
        assert chosen == ["features"], said
        assert why in said
    finally:
        restore(clone)


@pytest.mark.slow  # the map of a whole run under coverage
def test_a_map_made_before_the_ref_is_stale_and_runs_everything(clone: Path) -> None:
    cart = clone / "shop" / "cart.py"
    cart.write_text(cart.read_text().replace(*PLANTED))
    git(clone, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qam", "planted")
    try:
        cart.write_text(cart.read_text() + "\n")
        chosen, said = selected(clone, "HEAD")
        assert chosen == ["features"]
        assert "shop/cart.py is not what the map measured" in said
    finally:
        git(clone, "reset", "-q", "--hard", "HEAD~1")


def test_without_a_ref_or_refresh_it_says_what_to_give(tmp_path: Path) -> None:
    run = journeys(tmp_path, "affected")
    assert run.returncode == 2
    assert "give --since REF (what changed since a git ref) or --refresh" in run.stderr


@pytest.mark.slow  # the map of a whole run under coverage
def test_docs_and_tests_select_nothing(clone: Path) -> None:
    (clone / "docs" / "index.md").write_text("changed\n")
    try:
        chosen, said = selected(clone)
        assert chosen == [], said
    finally:
        restore(clone)
