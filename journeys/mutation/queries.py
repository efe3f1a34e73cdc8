"""Integration mutants of what a query reads: its filters, its order, its locks, its keys."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from journeys.mutation.source import Source, call_name

Found = Iterator[tuple[ast.AST, str, str]]  # (node changed, what it does, the new module)

FILTERS = {"where", "filter", "filter_by", "having", "and_", "or_"}
# Where a string is a key: the calls of a cache or a dict, and arguments named like one.
KEY_CALLS = {"get", "set", "setex", "setnx", "incr", "incrby", "decr", "hget", "hset", "hincrby",
             "delete", "exists", "expire", "sadd", "pfadd", "getset"}  # fmt: skip
SORTS = {"sorted", "sort", "min", "max", "groupby"}
TYPES = {"dict", "list", "tuple", "set", "frozenset", "type"}
KEY_NAME = re.compile(r"key|reference|idempotency", re.IGNORECASE)


def drop_filter(src: Source) -> Found:
    """Each condition of a ``where``/``filter``/``filter_by``/``and_``/``or_`` in turn; a
    ``.where(c)`` with one condition is dropped whole."""
    for call in _calls(src, FILTERS):
        conditions: list[ast.AST] = [*call.args, *call.keywords]
        if len(conditions) >= 2:
            for dropped in conditions:
                kept = [src.text_of(c) for c in conditions if c is not dropped]
                text = f"{src.text_of(call.func)}({', '.join(kept)})"
                yield call, f"drops `{src.short(dropped)}`", src.replaced(call, text)
        elif len(conditions) == 1 and isinstance(call.func, ast.Attribute):
            if call_name(call) in ("and_", "or_"):
                continue
            text = src.text_of(call.func.value)
            yield (
                call,
                f"drops `.{call.func.attr}({src.short(conditions[0])})`",
                src.replaced(call, text),
            )


def drop_sort_key(src: Source) -> Found:
    """Each key of an ``order_by`` with several (ties on the sort key), and each ``.desc()``
    (the other direction of a pager)."""
    for call in _calls(src, {"order_by"}):
        if len(call.args) >= 2:
            for dropped in call.args:
                kept = [src.text_of(c) for c in call.args if c is not dropped]
                text = f"{src.text_of(call.func)}({', '.join(kept)})"
                yield call, f"sorts without `{src.short(dropped)}`", src.replaced(call, text)
        for key in call.args:
            if isinstance(key, ast.Call) and call_name(key) == "desc" and not key.args:
                column = key.func.value  # type: ignore[attr-defined]
                yield (
                    key,
                    f"sorts `{src.short(column)}` ascending",
                    src.replaced(key, src.text_of(column)),
                )


def drop_lock(src: Source) -> Found:
    """``.with_for_update(...)`` removed: the rows are read without being locked."""
    for call in _calls(src, {"with_for_update"}):
        if isinstance(call.func, ast.Attribute):
            yield (
                call,
                "reads without `with_for_update()`",
                src.replaced(call, src.text_of(call.func.value)),
            )


def read_then_write(src: Source) -> Found:
    """An atomic ``UPDATE ... SET n = n - q`` made read-then-write: the column is read first
    (``session.scalar(select(column)...)``) and the update writes the value computed from it,
    so two requests at once lose one change."""
    for execute in _calls(src, {"execute"}):
        if not (isinstance(execute.func, ast.Attribute) and execute.args):
            continue
        session = src.text_of(execute.func.value)
        for values in _calls_in(execute.args[0], {"values"}):
            keys = [
                e for e in ast.walk(execute.args[0])
                if isinstance(e, ast.Call) and call_name(e) == "where"
            ]  # fmt: skip
            same_row = [
                src.text_of(c) for w in keys for c in w.args
                if isinstance(c, ast.Compare) and isinstance(c.ops[0], ast.Eq)
            ]  # fmt: skip
            for keyword in values.keywords:
                columns = [
                    n for n in ast.walk(keyword.value)
                    if isinstance(n, ast.Attribute) and n.attr == keyword.arg
                ]  # fmt: skip
                for column in columns[:1]:
                    where = f".where({', '.join(same_row)})" if same_row else ""
                    read = (f'{session}.scalar(__import__("sqlalchemy").select('
                            f"{src.text_of(column)}){where})")  # fmt: skip
                    text = src.inside(keyword.value, [(column, read)])
                    yield (
                        keyword.value,
                        (f"reads `{src.short(column)}` first, then writes `{keyword.arg}`"),
                        src.replaced(keyword.value, text),
                    )


def drop_key_part(src: Source) -> Found:
    """One part of a key dropped: an f-string key loses a value (``f"views:{user}:{day}"``),
    a tuple key an element, an idempotency key argument its value: a count, a cache entry or
    a retry looked up globally instead of per owner."""
    for node in ast.walk(src.tree):
        for key in _keys(src, node):
            if isinstance(key, ast.JoinedStr):
                parts = [v for v in key.values if isinstance(v, ast.FormattedValue)]
                for part in parts:
                    # Before Python 3.12 a part carries the whole string's place; its value
                    # has its own: the braces around it are found in the text.
                    start, end = src.span(part.value)
                    start = src.data.rindex(b"{", 0, start)
                    end = src.data.index(b"}", end) + 1
                    yield key, f"keys without `{src.short(part.value)}`", src.splice(start, end, "")
            elif isinstance(key, ast.Tuple) and len(key.elts) >= 2:
                for dropped in key.elts:
                    kept = [src.text_of(e) for e in key.elts if e is not dropped]
                    yield (
                        key,
                        f"keys without `{src.short(dropped)}`",
                        src.replaced(key, f"({', '.join(kept)},)"),
                    )
            elif not isinstance(key, ast.Constant):
                yield key, f"sends no key instead of `{src.short(key)}`", src.replaced(key, "None")


def _keys(src: Source, node: ast.AST) -> Iterator[ast.AST]:
    """The expressions that serve as keys in this node, if any."""
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.JoinedStr | ast.Tuple)
        and not _is_type(node.value)
    ):
        yield node.slice
    if isinstance(node, ast.Call):
        if (
            call_name(node) in KEY_CALLS
            and node.args
            and isinstance(node.args[0], ast.JoinedStr | ast.Tuple)
        ):
            yield node.args[0]
        for keyword in node.keywords:
            value, named = keyword.value, keyword.arg and KEY_NAME.search(keyword.arg)
            sorting = call_name(node) in SORTS or isinstance(value, ast.Lambda)  # no key
            if named and not sorting and not _is_none(value):
                yield value


def _is_type(node: ast.expr) -> bool:
    """``dict[str, Any]``, ``Annotated[...]``: a type's parameters, not a key."""
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
    return name[:1].isupper() or name in TYPES


def _is_none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _calls(src: Source, names: set[str]) -> Iterator[ast.Call]:
    yield from _calls_in(src.tree, names)


def _calls_in(tree: ast.AST, names: set[str]) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and call_name(node) in names):
            continue
        if call_name(node) in ("and_", "or_") or isinstance(node.func, ast.Attribute):
            yield node
