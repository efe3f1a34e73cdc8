"""A module's text and tree, and the edits an integration mutant makes to it.

Mutants are made by splicing text at the places the tree names (never by unparsing the whole
module), so everything but the mutated code keeps its exact text, lines and comments.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Change:
    """One integration mutant: which operator made it, where, what it does, the new text."""

    operator: str
    line: int  # the first line of the original code it changes
    last: int  # ... and the last
    change: str  # what it does, in one line: "drops `Order.user_id == user.id`"
    source: str  # the whole module, mutated


class Source:
    """A module's text (as UTF-8 bytes: the tree's columns count bytes) and its tree."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode()
        self.tree = ast.parse(text)
        self.starts = [0]
        for line in self.data.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node

    def span(self, node: ast.AST) -> tuple[int, int]:
        start = self.starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined]
        end_line = node.end_lineno or node.lineno  # type: ignore[attr-defined]
        end = self.starts[end_line - 1] + (node.end_col_offset or 0)  # type: ignore[attr-defined]
        return start, end

    def text_of(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.data[start:end].decode()

    def short(self, node: ast.AST, width: int = 70) -> str:
        """The node's code on one line, shortened: for the change's description."""
        code = " ".join(self.text_of(node).split())
        return code if len(code) <= width else code[: width - 3] + "..."

    def replaced(self, node: ast.AST, text: str) -> str:
        """The module with the node's code replaced by ``text``."""
        start, end = self.span(node)
        return self.splice(start, end, text)

    def splice(self, start: int, end: int, text: str) -> str:
        return (self.data[:start] + text.encode() + self.data[end:]).decode()

    def inside(self, outer: ast.AST, edits: list[tuple[ast.AST, str]]) -> str:
        """``outer``'s code with some of its inner nodes replaced (spans must not overlap)."""
        base, end = self.span(outer)
        data = self.data[base:end]
        for node, text in sorted(edits, key=lambda e: self.span(e[0]), reverse=True):
            start, stop = self.span(node)
            data = data[: start - base] + text.encode() + data[stop - base :]
        return data.decode()

    def indent(self, node: ast.AST) -> str:
        return " " * node.col_offset  # type: ignore[attr-defined]

    def functions(self) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield node

    def enclosing_function(self, node: ast.AST) -> ast.AST | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                return node
        return None

    def after_imports(self) -> int:
        """Where a line can be added after the module's last top-level import."""
        imports = [n for n in self.tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
        return self.span(imports[-1])[1] if imports else 0


def call_name(call: ast.Call) -> str:
    """``where`` for ``query.where(...)``, ``abort`` for ``abort(...)``, else ""."""
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return ""


def names_in(node: ast.AST) -> set[str]:
    """Every identifier and attribute name used in the node."""
    found: set[str] = set()
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name):
            found.add(inner.id)
        elif isinstance(inner, ast.Attribute):
            found.add(inner.attr)
    return found


def project_imports(tree: ast.Module) -> list[tuple[str, Path]]:
    """The project modules a module imports from: (``shop.deps``, ``shop/deps.py``), for
    the files under the working folder."""
    found = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            path = Path(*node.module.split(".")).with_suffix(".py")
            if path.is_file():
                found.append((node.module, path))
    return found


@lru_cache(maxsize=64)
def parsed(text: str) -> ast.Module:
    """A module's tree, parsed once however many mutants ask for it."""
    return ast.parse(text)
