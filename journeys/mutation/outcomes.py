"""What became of each mutant, the score per module and operator, and the table printed."""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

LEFT_OUT = "left out: a type annotation"


@dataclass(frozen=True)
class Mutant:
    module: str
    line: int
    operator: str
    outcome: str  # killed | survived | timed out | not run by any scenario | incompetent
    diff: str
    code: str = ""  # the original line, stripped: how an accepted survivor is recognised
    reason: str = ""  # why a survivor is accepted (equivalent...), from the accepted file
    change: str = ""  # an integration mutant: what it does ("drops Order.user_id == user.id")
    breaks: str = ""  # ... and the rule such a bug breaks, in words
    rules: tuple[str, ...] = ()  # the Gherkin rules of the scenarios that ran its line

    @property
    def lost(self) -> bool:
        """A mutant the scenarios could have caught and did not."""
        return self.outcome in ("survived", "not run by any scenario")


def accept(mutants: list[Mutant], accepted_file: Path) -> list[Mutant]:
    """The mutants, each survivor that the file explains carrying its reason.

    The file (TOML) lists ``[[survivor]]`` tables: ``module``, ``operator``, ``code`` (the
    original line, stripped), ``reason`` (one line: why it is equivalent, or why no
    scenario should catch it) and, for an integration mutant whose line has several, the
    ``change`` it makes (as printed)."""
    entries = tomllib.loads(accepted_file.read_text()).get("survivor", [])
    reasons = {
        (e["module"], e["operator"], e["code"], e.get("change", "")): e["reason"] for e in entries
    }

    def reason(m: Mutant) -> str:
        key = (m.module, m.operator, m.code)
        return reasons.get((*key, m.change), "") or reasons.get((*key, ""), "")

    return [replace(m, reason=reason(m)) if m.lost else m for m in mutants]


CAUGHT = ("killed", "timed out")
JUDGED = (*CAUGHT, "survived", "not run by any scenario")


def scores(mutants: list[Mutant], by: str = "module") -> dict[str, float]:
    """Per module (or operator), the share of judged mutants the scenarios caught (accepted
    ones aside)."""
    found: dict[str, float] = {}
    for key in sorted({getattr(m, by) for m in mutants}):
        judged = [m for m in mutants if getattr(m, by) == key and m.outcome in JUDGED]
        judged = [m for m in judged if not m.reason]
        if judged:
            found[key] = 100 * sum(m.outcome in CAUGHT for m in judged) / len(judged)
    return found


SHOWN_RULES = 4  # a survivor's rules shown: the line may run in most of the suite
OUTCOMES = ["killed", "timed out", "survived", "not run by any scenario", "incompetent",
            "not tried in time", LEFT_OUT]  # fmt: skip


def table(mutants: list[Mutant], modules: Sequence[str] = ()) -> str:
    """Killed / survived / timed out / not run per module (and per operator, when there are
    integration mutants), then each survivor. The score leaves out the accepted survivors
    (equivalent mutants): it is of the ones that matter. Each of ``modules`` of which no
    mutant was made has its row too, and is named below the table."""
    made = {m.module for m in mutants}
    none = sorted(set(modules) - made)
    rows = _rows(mutants, "module", none)
    if any(m.change for m in mutants):
        rows += ["", *_rows(mutants, "operator")]
    if none:
        rows += ["", f"no mutant made of: {', '.join(none)} (nothing in them the operators change)"]
    lost = [m for m in mutants if m.lost]
    for m in sorted(lost, key=lambda m: (bool(m.reason), m.module, m.line)):
        what = f" {m.change}" if m.change else ""
        if m.reason:
            rows += ["", f"accepted: {m.module}:{m.line} ({m.operator}){what} {m.code}: {m.reason}"]
            continue
        rows += ["", f"{m.outcome}: {m.module}:{m.line} ({m.operator}){what}", m.diff.rstrip()]
        if m.breaks:
            rows.append(f"  the bug it plants: {m.breaks}")
        for rule in m.rules[:SHOWN_RULES]:
            rows.append(f"  ran by scenarios of the rule: {rule}")
        if len(m.rules) > SHOWN_RULES:
            rows.append(f"  ... and of {len(m.rules) - SHOWN_RULES} more rules")
    return "\n".join(rows)


def _rows(mutants: list[Mutant], by: str, empty: Sequence[str] = ()) -> list[str]:
    rows = [f"| {by} | mutants | " + " | ".join(OUTCOMES) + " | of which accepted | score |",
            "|---" * 11 + "|"]  # fmt: skip
    scored = scores(mutants, by)
    for key in sorted({getattr(m, by) for m in mutants} | set(empty)):
        mine = [m for m in mutants if getattr(m, by) == key]
        counts = Counter(m.outcome for m in mine)
        accepted = sum(1 for m in mine if m.lost and m.reason)
        score = f"{scored[key]:.0f}%" if key in scored else "-"
        rows.append(f"| {key} | {len(mine)} | " + " | ".join(str(counts[o]) for o in OUTCOMES)
                    + f" | {accepted} | {score} |")  # fmt: skip
    return rows
