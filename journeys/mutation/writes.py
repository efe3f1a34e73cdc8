"""Integration mutants of what a change writes: money, the commit, the cache it must forget."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from journeys.mutation.source import Source, call_name

Found = Iterator[tuple[ast.AST, str, str]]  # (node changed, what it does, the new module)

MONEY = re.compile(r"cents|pence|price|amount|total|cost|balance", re.IGNORECASE)
FORGETS = re.compile(r"forget|invalidate|evict|expire|bust|purge", re.IGNORECASE)
MONEY_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}


def float_money(src: Source) -> Found:
    """Integer money computed in floating point and truncated back (``int(a / 100 * q *
    100)``: 0.29 * 100 is 28.999...), and ``Decimal(...)`` made ``float(...)``."""
    for node in ast.walk(src.tree):
        if isinstance(node, ast.BinOp) and type(node.op) in MONEY_OPS and not _in_text(src, node):
            sides = [node.left, node.right]
            if not any(_is_money(s) for s in sides) or any(_is_text(s) for s in sides):
                continue
            left, right = (
                f"({src.text_of(s)}) / 100" if _is_money(s) else f"({src.text_of(s)})"
                for s in sides
            )
            scale = " * 100" if isinstance(node.op, ast.Mult) and all(map(_is_money, sides)) else ""
            text = f"int(({left} {MONEY_OPS[type(node.op)]} {right}) * 100{scale})"
            yield (
                node,
                f"computes `{src.short(node, 40)}` in floating point",
                src.replaced(node, text),
            )
        if isinstance(node, ast.Call) and call_name(node) == "sum" and len(node.args) == 1:
            items = node.args[0]
            if isinstance(items, ast.GeneratorExp) and _is_money(items.elt):
                inner = src.inside(node, [(items.elt, f"{src.text_of(items.elt)} / 100")])
                yield (
                    node,
                    f"adds `{src.short(items.elt, 40)}` in floating point",
                    src.replaced(node, f"int({inner} * 100)"),
                )
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "Decimal":
            yield (
                node,
                "uses float instead of Decimal",
                src.replaced(node, src.inside(node, [(node.func, "float")])),
            )


def _is_money(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return bool(MONEY.search(node.id))
    if isinstance(node, ast.Attribute):
        return bool(MONEY.search(node.attr))
    return isinstance(node, ast.Call) and call_name(node) == "Decimal"


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and not isinstance(node.value, int | float)
    )


def _in_text(src: Source, node: ast.AST) -> bool:
    """Inside an f-string (a message), or a query's column expression: not arithmetic that
    runs in Python."""
    while node in src.parents:
        node = src.parents[node]
        if isinstance(node, ast.JoinedStr):
            return True
        if isinstance(node, ast.Call) and call_name(node) in ("values", "where", "select"):
            return True
    return False


def commit_early(src: Source) -> Found:
    """Each ``session.commit()`` dropped, or moved before the statement before it (the last
    write of the transaction then commits on its own, or never)."""
    for node in ast.walk(src.tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            for index, statement in enumerate(block):
                if not _is_commit(statement):
                    continue
                yield statement, "drops the commit", src.replaced(statement, "pass")
                before = block[index - 1] if index else None
                if before is None or isinstance(before, ast.Return | ast.Raise):
                    continue
                start, _ = src.span(before)
                _, end = src.span(statement)
                moved = f"{src.text_of(statement)}\n{src.indent(before)}{src.text_of(before)}"
                both = ast.Pass(lineno=before.lineno, col_offset=before.col_offset,
                                end_lineno=statement.end_lineno, end_col_offset=0)  # fmt: skip
                yield (
                    both,
                    f"commits before `{src.short(before, 40)}`",
                    src.splice(start, end, moved),
                )


def _is_commit(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and call_name(statement.value) == "commit"
        and isinstance(statement.value.func, ast.Attribute)
    )


def drop_forget(src: Source) -> Found:
    """Each call that makes a cache forget (``forget``, ``invalidate``, ``evict``, a cache's
    ``delete``) removed: as a statement it goes, inside a condition it says it worked."""
    for node in ast.walk(src.tree):
        if not (isinstance(node, ast.Call) and _forgets(node)):
            continue
        parent = src.parents.get(node)
        if isinstance(parent, ast.Expr):
            yield parent, f"drops `{src.short(node, 50)}`", src.replaced(parent, "pass")
        else:
            yield node, f"skips `{src.short(node, 50)}`", src.replaced(node, "True")


def _forgets(call: ast.Call) -> bool:
    name = call_name(call)
    if FORGETS.search(name):
        return True
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    return name == "delete" and receiver is not None and "cache" in ast.unparse(receiver).lower()
