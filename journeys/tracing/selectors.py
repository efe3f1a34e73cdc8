"""A small language for picking spans out of a trace, after Tracetest's selectors:

    span[service.name="payments" name contains "charge"]
    span[kind="server" duration > 300ms]
    span[service.name="shop" name="POST /orders"] span[kind="client"]   (inside the first)
    span[status="error"], span[http.response.status_code >= 500]        (either)
    span[service.name="payments"]:first

A condition is ``key operator value``; conditions in one pair of brackets must all hold.
Keys are a span's fields (``name``, ``kind``, ``status``, ``duration`` in ms,
``service.name``) or its attributes. Operators: ``=``, ``!=``, ``contains``, ``<``, ``<=``,
``>``, ``>=``. Values: "quoted text", numbers (a duration may say ``ms`` or ``s``),
``true`` and ``false``. A span without the key matches only ``!=``. A selector after
another (a space between) picks spans inside the first's, at any depth; a comma joins two
selectors; ``:first`` and ``:last`` keep the earliest or latest span that matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from journeys.exceptions import SelectorError
from journeys.tracing.spans import Span

__all__ = ["Condition", "Selector", "select"]

OPERATORS = ("!=", "<=", ">=", "=", "<", ">", "contains")
KEY_WANTED = 'a key (name, kind, status, duration, service.name or an attribute) or "]"'
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*")
      | (?P<number>-?\d+(?:\.\d+)?(?:ms|s)?(?![\w.]))
      | (?P<op>!=|<=|>=|=|<|>)
      | (?P<punct>[\[\],:()])
      | (?P<word>[A-Za-z_][\w.\-]*)
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Condition:
    key: str
    op: str
    value: Any

    def holds(self, span: Span) -> bool:
        have = span.value(self.key)
        if have is None:
            return self.op == "!="
        if self.op == "contains":
            return str(self.value) in str(have)
        numbers = _is_number(have) and _is_number(self.value)
        if self.op in ("=", "!="):
            same = have == self.value if numbers else _text(have) == _text(self.value)
            return same if self.op == "=" else not same
        if not numbers:
            return False
        return {"<": have < self.value, "<=": have <= self.value,
                ">": have > self.value, ">=": have >= self.value}[self.op]  # fmt: skip


@dataclass(frozen=True)
class _Step:
    conditions: tuple[Condition, ...]
    pseudo: str | None = None

    def matches(self, span: Span) -> bool:
        return all(condition.holds(span) for condition in self.conditions)


@dataclass(frozen=True)
class Selector:
    text: str
    chains: tuple[tuple[_Step, ...], ...]

    @classmethod
    def parse(cls, text: str) -> Selector:
        return cls(text, _Parser(text).selectors())

    def select(self, spans: Iterable[Span]) -> list[Span]:
        """The spans this selector picks, in the order they started."""
        every = sorted(spans, key=lambda span: (span.start_ns, span.span_id))
        picked: dict[str, Span] = {}
        for chain in self.chains:
            for span in _select_chain(chain, every):
                picked.setdefault(span.span_id, span)
        return sorted(picked.values(), key=lambda span: (span.start_ns, span.span_id))

    def __str__(self) -> str:
        return self.text


def select(spans: Iterable[Span], selector: str | Selector) -> list[Span]:
    """The spans ``selector`` picks out of ``spans``."""
    parsed = selector if isinstance(selector, Selector) else Selector.parse(selector)
    return parsed.select(spans)


def _select_chain(chain: tuple[_Step, ...], spans: list[Span]) -> list[Span]:
    by_id = {span.span_id: span for span in spans}
    found = _pick(chain[0], spans)
    for step in chain[1:]:
        outer = {span.span_id for span in found}
        inside = [s for s in spans if _has_ancestor(s, outer, by_id)]
        found = _pick(step, inside)
    return found


def _pick(step: _Step, spans: list[Span]) -> list[Span]:
    matched = [span for span in spans if step.matches(span)]
    if step.pseudo == "first":
        return matched[:1]
    if step.pseudo == "last":
        return matched[-1:]
    return matched


def _has_ancestor(span: Span, ids: set[str], by_id: dict[str, Span]) -> bool:
    seen: set[str] = set()
    parent = span.parent_id
    while parent is not None and parent not in seen:
        if parent in ids:
            return True
        seen.add(parent)
        parent = by_id[parent].parent_id if parent in by_id else None
    return False


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[tuple[str, str, int]] = []
        position = 0
        while position < len(text):
            if text[position:].strip() == "":
                break
            token = _TOKEN.match(text, position)
            if token is None or token.lastgroup is None:
                start = len(text) - len(text[position:].lstrip())
                raise self.error(start, "a span, a condition, a value or an operator")
            kind = token.lastgroup
            self.tokens.append((kind, token.group(kind), token.start(kind)))
            position = token.end()
        self.at = 0

    def selectors(self) -> tuple[tuple[_Step, ...], ...]:
        chains = [self.chain()]
        while self.accept("punct", ","):
            chains.append(self.chain())
        if self.at < len(self.tokens):
            raise self.error(self.tokens[self.at][2], "a comma, or the end of the selector")
        return tuple(chains)

    def chain(self) -> tuple[_Step, ...]:
        steps = [self.step()]
        while self.peek("word", "span"):
            steps.append(self.step())
        return tuple(steps)

    def step(self) -> _Step:
        self.expect("word", "span", 'a selector starting with "span"')
        conditions: list[Condition] = []
        if self.accept("punct", "["):
            while not self.accept("punct", "]"):
                conditions.append(self.condition())
        pseudo = None
        if self.accept("punct", ":"):
            pseudo = self.expect("word", None, ":first or :last")
            if pseudo not in ("first", "last"):
                raise self.error(self.tokens[self.at - 1][2], ":first or :last")
        return _Step(tuple(conditions), pseudo)

    def condition(self) -> Condition:
        key = self.expect("word", None, KEY_WANTED)
        if self.peek("word", "contains"):
            op = self.expect("word", "contains", "")
        else:
            op = self.expect("op", None, "an operator: = != < <= > >= contains")
        kind, text, at = self.next('a value: "text", a number, true or false')
        if kind == "string":
            value: Any = re.sub(r"\\(.)", r"\1", text[1:-1])  # \" and \\ as themselves
        elif kind == "number":
            value = _number(text)
        elif kind == "word" and text in ("true", "false"):
            value = text == "true"
        else:
            raise self.error(at, 'a value: "text", a number, true or false')
        return Condition(key, op, value)

    # -- tokens -----------------------------------------------------------------------------

    def peek(self, kind: str, text: str | None) -> bool:
        if self.at >= len(self.tokens):
            return False
        have_kind, have_text, _ = self.tokens[self.at]
        return have_kind == kind and (text is None or have_text == text)

    def accept(self, kind: str, text: str) -> bool:
        if self.peek(kind, text):
            self.at += 1
            return True
        return False

    def expect(self, kind: str, text: str | None, wanted: str) -> str:
        if not self.peek(kind, text):
            raise self.error(self._here(), wanted)
        self.at += 1
        return self.tokens[self.at - 1][1]

    def next(self, wanted: str) -> tuple[str, str, int]:
        if self.at >= len(self.tokens):
            raise self.error(len(self.text), wanted)
        self.at += 1
        return self.tokens[self.at - 1]

    def _here(self) -> int:
        return self.tokens[self.at][2] if self.at < len(self.tokens) else len(self.text)

    def error(self, position: int, wanted: str) -> SelectorError:
        return SelectorError(
            f"cannot read the span selector at character {position + 1}: expected {wanted}\n"
            f"  {self.text}\n  {' ' * position}^\n"
            'e.g. span[service.name="payments" name contains "charge"]'
        )


def _number(text: str) -> float | int:
    scale = 1000 if text.endswith("s") and not text.endswith("ms") else 1
    digits = text.removesuffix("ms").removesuffix("s")
    value = float(digits) if "." in digits else int(digits)
    return value * scale


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)
