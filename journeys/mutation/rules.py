"""Integration mutants of who may do what: guards, permissions, the states a rule allows."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from journeys.mutation.source import Source, call_name, names_in, parsed, project_imports

Found = Iterator[tuple[ast.AST, str, str]]  # (node changed, what it does, the new module)

ROUTES = {"route", "get", "post", "put", "patch", "delete", "head", "options", "websocket"}
ERROR_STATUS = 400


def drop_guard(src: Source) -> Found:
    """Each ``if ...: raise`` (or ``abort(...)``, or ``return ..., 4xx``) removed, and each
    call of a check (a function that only raises, like ``staff_only(user)``)."""
    checks = _check_functions(src)
    for node in ast.walk(src.tree):
        if isinstance(node, ast.If) and not node.orelse and _refuses(node.body[-1]):
            yield (
                node,
                f"drops the guard `if {src.short(node.test, 50)}`",
                src.replaced(node, "pass"),
            )
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and call_name(node.value) in checks
        ):
            yield node, f"drops the check `{src.short(node)}`", src.replaced(node, "pass")


def _refuses(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Raise):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        return call_name(statement.value) == "abort"
    if isinstance(statement, ast.Return) and isinstance(statement.value, ast.Tuple):
        return any(
            isinstance(e, ast.Constant) and isinstance(e.value, int) and e.value >= ERROR_STATUS
            for e in statement.value.elts
        )
    return False


def _check_functions(src: Source) -> set[str]:
    """Functions of this module or imported from the project that only refuse: each statement
    an ``if ...: raise`` (a docstring aside)."""
    trees = [src.tree, *(tree for _, tree in _imported(src))]
    found = set()
    for tree in trees:
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                body = [s for s in node.body if not _is_docstring(s)]
                if body and all(isinstance(s, ast.If) and _refuses(s.body[-1]) for s in body):
                    found.add(node.name)
    return found


def weaker_permission(src: Source) -> Found:
    """A route's dependency swapped for another of the same kind (FastAPI: a parameter typed
    ``CurrentUser`` given ``MaybeUser``, a ``Depends(current_user)`` given another provider of
    a user); a Flask view's decorator removed, or swapped for another the module uses."""
    aliases = _dependency_aliases(src)
    for function in src.functions():
        for arg in [*function.args.args, *function.args.kwonlyargs]:
            if isinstance(arg.annotation, ast.Name) and arg.annotation.id in aliases:
                kinds = aliases[arg.annotation.id][0]
                for other, (other_kinds, where) in sorted(aliases.items()):
                    if other != arg.annotation.id and kinds & other_kinds:
                        yield (
                            arg.annotation,
                            f"gives `{arg.arg}` `{other}`",
                            _with_import(src, src.replaced(arg.annotation, other), other, where),
                        )
        views = [d for d in function.decorator_list if _is_route(d)]
        others = [d for d in function.decorator_list if not _is_route(d)]
        if not views:
            continue
        used = {src.text_of(d) for f in src.functions() for d in f.decorator_list
                if not _is_route(d)}  # fmt: skip
        for decorator in others:
            start = src.starts[decorator.lineno - 1]
            end = src.starts[(decorator.end_lineno or decorator.lineno)]
            yield decorator, f"drops `@{src.short(decorator)}`", src.splice(start, end, "")
            for swap in sorted(used - {src.text_of(decorator)}):
                yield decorator, f"uses `@{swap}` instead", src.replaced(decorator, swap)


def _is_route(decorator: ast.expr) -> bool:
    return isinstance(decorator, ast.Call) and call_name(decorator) in ROUTES


def _dependency_aliases(src: Source) -> dict[str, tuple[set[str], str]]:
    """``Name = Annotated[T, Depends(...)]`` of this module and the project modules it imports
    from: name -> (the names in T, the module to import it from, "" for this one)."""
    found: dict[str, tuple[set[str], str]] = {}
    for module, tree in [("", src.tree), *_imported(src)]:
        for node in tree.body:
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
                continue
            target, value = node.targets[0], node.value
            if not (isinstance(target, ast.Name) and isinstance(value, ast.Subscript)):
                continue
            if "Annotated" not in names_in(value.value) or not isinstance(value.slice, ast.Tuple):
                continue
            kind, *extras = value.slice.elts
            if any("Depends" in names_in(e) or "Security" in names_in(e) for e in extras):
                found[target.id] = (names_in(kind) - {"None"}, module)
    return found


def _with_import(src: Source, text: str, name: str, module: str) -> str:
    """The mutated module able to use ``name``: imported after the last import when it comes
    from another module (FastAPI reads the annotations as the routes are declared)."""
    if not module or f"import {name}" in src.text:
        return text
    at = src.after_imports()
    return Source(text).splice(at, at, f"\nfrom {module} import {name}")


def _imported(src: Source) -> list[tuple[str, ast.Module]]:
    """The project modules this one imports from, each with its tree."""
    return [(module, parsed(path.read_text())) for module, path in project_imports(src.tree)]


def widen_states(src: Source) -> Found:
    """A set of allowed states grows by one state of the same family: another member of the
    enum (``Status.PAID``), or a string the module uses for the same thing elsewhere (the
    states of a transitions table, the values compared with the same attribute)."""
    for node in ast.walk(src.tree):
        if isinstance(node, ast.Set | ast.Tuple | ast.List):
            for extra in _more_states(src, node):
                items = [src.text_of(e) for e in node.elts] + [extra]
                pair = {ast.Set: "{}", ast.Tuple: "()", ast.List: "[]"}[type(node)]
                open_, close = pair[0], pair[1]
                text = open_ + ", ".join(items) + ("," if open_ == "(" and len(items) == 1 else "")
                yield (
                    node,
                    f"also allows {extra} in `{src.short(node, 40)}`",
                    src.replaced(node, text + close),
                )
        elif (
            isinstance(node, ast.Compare)
            and len(node.ops) == 1
            and isinstance(node.ops[0], ast.Eq | ast.NotEq)
            and isinstance(node.comparators[0], ast.Constant)
            and isinstance(node.comparators[0].value, str)
            and isinstance(node.left, ast.Attribute)
        ):
            value = node.comparators[0].value
            test = "in" if isinstance(node.ops[0], ast.Eq) else "not in"
            for extra in sorted(_compared_with(src, node.left) - {value}):
                text = f"{src.text_of(node.left)} {test} ({value!r}, {extra!r})"
                yield (
                    node,
                    f"also allows {extra!r} in `{src.short(node, 40)}`",
                    src.replaced(node, text),
                )


def _more_states(src: Source, node: ast.Set | ast.Tuple | ast.List) -> list[str]:
    """The code of each state of the same family that the collection leaves out."""
    if _strings(node):
        family: set[str] = set()
        parent, statement = src.parents.get(node), _statement(src, node)
        if isinstance(parent, ast.Compare) and node in parent.comparators:
            family = _compared_with(src, parent.left)
        elif isinstance(statement, ast.Assign):
            family = {s for other in ast.walk(statement) if isinstance(other, ast.Set)
                      for s in _strings(other)}  # fmt: skip
        return [repr(s) for s in sorted(family - set(_strings(node)))]
    owners = {e.value.id for e in node.elts
              if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name)}  # fmt: skip
    if len(owners) != 1 or not all(isinstance(e, ast.Attribute) for e in node.elts):
        return []
    [owner] = owners
    present = {e.attr for e in node.elts}  # type: ignore[attr-defined]
    for tree in [src.tree, *(tree for _, tree in _imported(src))]:
        for cls in tree.body:
            if (
                isinstance(cls, ast.ClassDef)
                and cls.name == owner
                and any("Enum" in n for base in cls.bases for n in names_in(base))
            ):
                members = [t.id for s in cls.body if isinstance(s, ast.Assign)
                           for t in s.targets if isinstance(t, ast.Name)]  # fmt: skip
                return [f"{owner}.{m}" for m in members if m not in present]
    return []


def _strings(node: ast.Set | ast.Tuple | ast.List) -> list[str]:
    values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
    strings = [v for v in values if isinstance(v, str)]
    return strings if len(strings) == len(node.elts) else []


def _compared_with(src: Source, subject: ast.expr) -> set[str]:
    """The strings the module compares with, or gives to, an attribute of this name."""
    if not isinstance(subject, ast.Attribute):
        return set()
    name, found = subject.attr, set()
    for node in ast.walk(src.tree):
        left = node.left if isinstance(node, ast.Compare) else None
        if isinstance(left, ast.Attribute) and left.attr == name:
            for right in node.comparators:  # type: ignore[attr-defined]
                found |= {c.value for c in ast.walk(right) if isinstance(c, ast.Constant)}
        value = getattr(node, "value", None)
        if not isinstance(value, ast.Constant):
            continue
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Attribute) and t.attr == name for t in node.targets
        ):
            found.add(value.value)
        if isinstance(node, ast.keyword) and node.arg == name:
            found.add(value.value)
    return {f for f in found if isinstance(f, str)}


def _statement(src: Source, node: ast.AST) -> ast.AST | None:
    while node in src.parents and not isinstance(node, ast.stmt):
        node = src.parents[node]
    return node if isinstance(node, ast.stmt) else None


def _is_docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
