"""The integration operators: the bugs integration suites exist to catch, seeded one at a time.

cosmic-ray's operators change an operator or a constant; these change what a service asks of
its database, its cache and its callers, on the AST of any module (SQLAlchemy, FastAPI, Flask),
knowing nothing of the service. Each has a name, what it does, and the rule such a bug breaks
(printed beside a survivor), and an example (the docs show it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from journeys.mutation import queries, rules, writes
from journeys.mutation.source import Change, Source


@dataclass(frozen=True)
class Operator:
    name: str
    make: Callable[[Source], Iterator[tuple[object, str, str]]]
    does: str  # one line: what it changes
    breaks: str  # the rule such a bug breaks, in words
    example: tuple[str, str]  # a line before, and after


OPERATORS = [
    Operator("drop-filter", queries.drop_filter,
             "drops one condition of a where/filter/filter_by/and_/or_, each in turn",
             "a list or lookup shows only its owner's rows, of the product and status asked",
             ("select(Order).where(Order.id == order_id, Order.user_id == user.id)",
              "select(Order).where(Order.id == order_id)")),
    Operator("drop-sort-key", queries.drop_sort_key,
             "drops one key of an order_by, or its desc(): ties and the other direction",
             "a pager never repeats or skips a row, following its links both ways",
             ("query.order_by(Product.name, Product.id)", "query.order_by(Product.name)")),
    Operator("drop-lock", queries.drop_lock,
             "reads rows without with_for_update()",
             "two requests at once change a row one after the other, never both from one read",
             ("query.with_for_update(of=Cart)", "query")),
    Operator("read-then-write", queries.read_then_write,
             "an atomic UPDATE ... SET n = n - q made to read n first, then write",
             "two requests at once each count: no change is lost",
             ("values(stock=Product.stock - quantity)",
              "values(stock=db.scalar(select(Product.stock).where(Product.id == id)) - quantity)")),
    Operator("drop-key-part", queries.drop_key_part,
             "drops one part of a key (an f-string value, a tuple element, an idempotency key)",
             "a count, a cache entry or a retry belongs to its owner and its thing, not to all",
             ('cache.get(f"views:{product_id}:{day}")', 'cache.get(f"views::{day}")')),
    Operator("drop-guard", rules.drop_guard,
             "removes an if ...: raise/abort/return 4xx guard, or a call of a check",
             "what a rule refuses stays refused, to everyone it refuses",
             ('if user.role != "staff": raise Forbidden(...)', "pass")),
    Operator("weaker-permission", rules.weaker_permission,
             "gives a route a weaker dependency of the same kind, or drops/swaps a decorator",
             "each action of the permission matrix is refused to those it is not for",
             ("user: CurrentUser", "user: MaybeUser")),
    Operator("widen-states", rules.widen_states,
             "adds one state of the same family to a set of allowed states",
             "a state machine refuses every move it does not name, from every state",
             ('"ship": ({"paid"}, "shipped", "staff")',
              '"ship": ({"paid", "pending"}, "shipped", "staff")')),
    Operator("float-money", writes.float_money,
             "computes integer money in floating point and truncates it, or Decimal as float",
             "every amount is exact to the cent",
             ("line_total_cents = unit_price_cents * quantity",
              "line_total_cents = int(((unit_price_cents) / 100 * (quantity)) * 100)")),
    Operator("commit-early", writes.commit_early,
             "drops a commit, or moves it before the statement before it",
             "what an answer says happened is what the database keeps, all of it",
             ("outbox.order_event(db, ...); db.commit()",
              "db.commit(); outbox.order_event(db, ...)")),
    Operator("drop-forget", writes.drop_forget,
             "removes a call that makes a cache forget (forget, invalidate, evict, delete)",
             "what a page shows after a change is the change, not the cached past",
             ("cache.forget(product_ids)", "pass")),
]  # fmt: skip
BY_NAME = {o.name: o for o in OPERATORS}


def changes(module: str, text: str, names: list[str] | None = None) -> list[Change]:
    """Every integration mutant of a module's text, by the named operators (all by default),
    each a module that still compiles, without duplicates."""
    src = Source(text)
    found: list[Change] = []
    seen: set[str] = set()
    for operator in [BY_NAME[n] for n in names] if names else OPERATORS:
        for node, change, source in operator.make(src):
            if source in seen or source == text:
                continue
            try:
                compile(source, module, "exec")
            except SyntaxError:
                continue  # a splice that is not Python: never judged, never shown
            seen.add(source)
            line = node.lineno  # type: ignore[attr-defined]
            last = node.end_lineno or line  # type: ignore[attr-defined]
            found.append(Change(operator.name, line, last, change, source))
    return sorted(found, key=lambda c: (c.line, c.operator, c.change))
