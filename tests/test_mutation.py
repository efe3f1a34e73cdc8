"""``python -m journeys mutate``: cosmic-ray's mutants against the scenarios that run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journeys.mutation.cosmic import NOT_PYTHON, NOT_RUN, TOO_LATE, _in_annotations, _mutant
from journeys.mutation.cosmic import test_mutant as run_mutant
from journeys.mutation.outcomes import LEFT_OUT, Mutant, accept, scores, table
from tests.conftest import REPO

BAKERY = REPO / "examples" / "flask_bakery"


def record(outcome: str | None, output: str = "", worker: str = "normal") -> list:
    job = {"mutations": [{"module_path": "shop/x.py", "operator_name": "core/NumberReplacer",
                          "start_pos": [7, 4]}]}  # fmt: skip
    result = None if outcome is None else {
        "worker_outcome": worker, "test_outcome": outcome, "output": output, "diff": "-a\n+b"
    }  # fmt: skip
    return [job, result]


@pytest.mark.parametrize(
    ("given", "verdict"),
    [
        (record("killed", "1 scenario failed"), "killed"),
        (record("killed", "timeout"), "timed out"),
        (record("survived", "3 scenarios passed"), "survived"),
        (record("survived", f"{NOT_RUN} (shop/x.py: [7])"), "not run by any scenario"),
        (record("incompetent"), "incompetent"),
        (record("survived", f"{NOT_PYTHON} (m.py:3: invalid syntax)"), "incompetent"),
        (record("killed", worker="exception"), "incompetent"),
        (record(None), "not tried in time"),
        (record("survived", TOO_LATE), "not tried in time"),
    ],
)
def test_each_cosmic_ray_result_gets_its_verdict(given: list, verdict: str) -> None:
    assert _mutant(given).outcome == verdict


def test_the_score_counts_what_the_scenarios_could_have_caught() -> None:
    mutants = [Mutant("m.py", n, "op", o, "") for n, o in enumerate(
        ["killed", "killed", "timed out", "survived", "not run by any scenario", "incompetent",
         LEFT_OUT]
    )]  # fmt: skip
    text = table(mutants)
    # 3 caught of 5 judged (incompetent and left out are not judged)
    assert "| m.py | 7 | 2 | 1 | 1 | 1 | 1 | 0 | 1 | 0 | 60% |" in text
    assert "survived: m.py:3 (op)" in text and "not run by any scenario: m.py:4 (op)" in text


def test_mutants_inside_type_annotations_are_found(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "def f(a: int | None, b: str = 'x') -> dict[str, int] | None:\n"
        "    c: list[int] | None = None\n"
        "    return a | 1\n"
    )
    spans = _in_annotations(module)
    inside = [(1, 13), (1, 45), (2, 16)]  # the three | of annotations
    assert all(any(a <= p < b for a, b in spans) for p in inside)
    assert not any(a <= (3, 13) < b for a, b in spans)  # a | 1: real code


def test_a_mutant_no_scenario_runs_survives_and_says_so(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.py").write_text("x = 1\ny = 3\n")
    known = tmp_path / "map.json"
    known.write_text(json.dumps({"lines": {"m.py": {"1": ["f.feature:3"]}},
                                 "originals": {"m.py": "x = 1\ny = 2\n"}}))  # fmt: skip
    assert run_mutant("m.py", str(known)) == 0


def test_a_mutant_that_is_not_python_is_said_to_be_so(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.py").write_text("def f(self, +, a):\n    return a\n")
    known = tmp_path / "map.json"
    known.write_text(json.dumps({"lines": {"m.py": {"2": ["f.feature:3"]}},
                                 "originals": {"m.py": "def f(self, *, a):\n    return a\n"},
                                 "also": "exit 3"}))  # fmt: skip
    assert run_mutant("m.py", str(known)) == 0  # no scenario, no further check: nothing to try
    assert NOT_PYTHON in capsys.readouterr().out


def test_past_the_deadline_a_mutant_is_not_tried(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.py").write_text("x = 1\ny = 3\n")
    known = tmp_path / "map.json"
    known.write_text(json.dumps({"lines": {"m.py": {"2": ["f.feature:3"]}},
                                 "originals": {"m.py": "x = 1\ny = 2\n"},
                                 "also": "exit 3", "deadline": 0}))  # fmt: skip
    assert run_mutant("m.py", str(known)) == 0
    assert TOO_LATE in capsys.readouterr().out


def test_a_further_check_kills_what_the_scenarios_let_through(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.py").write_text("x = 1\ny = 3\n")
    known = tmp_path / "map.json"
    for also, verdict in (("exit 3", 1), ("true", 0)):
        known.write_text(json.dumps({"lines": {"m.py": {"1": ["f.feature:3"]}},
                                     "originals": {"m.py": "x = 1\ny = 2\n"},
                                     "also": also}))  # fmt: skip
        assert run_mutant("m.py", str(known)) == verdict, also


@pytest.mark.slow  # the whole suite: pytest -m slow
def test_the_second_service_gets_its_score_and_its_tree_is_untouched() -> None:
    before = subprocess.run(["git", "status", "--porcelain", "."], cwd=BAKERY,
                            capture_output=True, text=True).stdout  # fmt: skip
    # The bakery on a SQLite file of its own: its tables are not for the shop's test database.
    env = {k: v for k, v in os.environ.items() if k != "JOURNEYS_DATABASE_URL"}
    run = subprocess.run(
        [sys.executable, "-m", "journeys", "mutate", "bakery/views.py", "--sample", "3",
         "--seconds", "200"],
        cwd=BAKERY, capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    [row] = [line for line in run.stdout.splitlines() if line.startswith("| bakery/views.py |")]
    cells = [c.strip() for c in row.strip("|").split("|")]
    tried = sum(int(c) for c in cells[2:6])  # killed, timed out, survived, not run
    assert tried + int(cells[6]) + int(cells[7]) == 3  # the sample, each with a verdict
    assert int(cells[8]) > 0  # the views' type annotations, left out
    assert "journeys mutate: " in run.stdout
    after = subprocess.run(["git", "status", "--porcelain", "."], cwd=BAKERY,
                           capture_output=True, text=True).stdout  # fmt: skip
    assert after == before


def test_a_module_that_is_not_there_is_named(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "journeys", "mutate", "shop/nothing.py"],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 2
    assert "journeys mutate: shop/nothing.py: no such file or folder here" in run.stderr


def test_an_accepted_survivor_carries_its_reason_and_others_stand_out(tmp_path: Path) -> None:
    accepted = tmp_path / "mutants.toml"
    accepted.write_text(
        '[[survivor]]\nmodule = "m.py"\noperator = "NumberReplacer"\ncode = "page_size = 20"\n'
        'reason = "only the catalog page size; the paging scenario asks for 20"\n'
    )
    mutants = accept(
        [
            Mutant("m.py", 3, "NumberReplacer", "survived", "-20\n+21", "page_size = 20"),
            Mutant("m.py", 9, "NumberReplacer", "survived", "-5\n+6", "limit = 5"),
            Mutant("m.py", 3, "NumberReplacer", "killed", "", "page_size = 20"),
        ],
        accepted,
    )
    assert [m.reason for m in mutants] == [
        "only the catalog page size; the paging scenario asks for 20",
        "",
        "",
    ]
    text = table(mutants)
    assert "accepted: m.py:3 (NumberReplacer) page_size = 20: only the catalog" in text
    assert "| m.py | 3 | 1 | 0 | 2 | 0 | 0 | 0 | 0 | 1 | 50% |" in text  # 1 of 2 that matter
    assert "survived: m.py:9 (NumberReplacer)\n-5\n+6" in text


def test_the_score_leaves_out_accepted_survivors() -> None:
    mutants = [
        Mutant("m.py", 1, "op", "killed", ""),
        Mutant("m.py", 2, "op", "survived", "", reason="equivalent: the docs only"),
        Mutant("m.py", 3, "op", "survived", ""),
        Mutant("n.py", 1, "op", LEFT_OUT, ""),
    ]
    assert scores(mutants) == {"m.py": 50.0}


def test_every_accepted_survivor_names_a_line_still_in_its_module() -> None:
    """A stale entry would excuse nothing, and hide that the line changed."""
    import tomllib

    entries = tomllib.loads((REPO / "mutants.toml").read_text())["survivor"]
    stale = [
        (e["module"], e["code"])
        for e in entries
        if e["code"] not in [line.strip() for line in (REPO / e["module"]).read_text().splitlines()]
    ]
    assert stale == []
    assert all(e["reason"] and "\n" not in e["reason"] for e in entries)
