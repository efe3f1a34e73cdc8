"""The integration operators of ``journeys mutate``: each plants its bug, and nothing else."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from journeys.mutation.operators import OPERATORS, changes
from journeys.mutation.outcomes import Mutant, accept, table
from tests.conftest import REPO

MODULE = textwrap.dedent(
    '''
    from decimal import Decimal

    from fastapi import Depends
    from sqlalchemy import and_, or_, select, update

    TRANSITIONS = {"ship": ({"paid"}, "shipped"), "cancel": ({"pending", "paid"}, "cancelled")}
    CurrentUser = Annotated[User, Depends(current_user)]
    MaybeUser = Annotated[User | None, Depends(optional_user)]
    Session = Annotated[Session, Depends(get_db)]


    def staff_only(user):
        """Refuses everyone but staff."""
        if user.role != "staff":
            raise Forbidden("staff only")


    def orders(db, user: CurrentUser, status):
        query = select(Order).where(Order.user_id == user.id, Order.status == status)
        query = query.where(Order.hidden.is_(False))
        return db.scalars(query.order_by(Order.created_at.desc(), Order.id))


    def after(query, name, product_id):
        return query.where(or_(Product.name > name, and_(Product.name == name, Product.id > product_id)))


    def take(db, product_id, quantity):
        cart = db.scalar(select(Cart).with_for_update(of=Cart))
        db.execute(
            update(Product)
            .where(Product.id == product_id, Product.stock >= quantity)
            .values(stock=Product.stock - quantity)
        )
        cache.incr(f"sold:{product_id}:{day}")
        gateway.charge(amount_cents=10, key=str(order.payment_key))


    def ship(db, user, order, unit_price_cents, quantity):
        staff_only(user)
        if order.status not in {"paid"}:
            raise Conflict("not paid")
        order.total_cents = unit_price_cents * quantity + order.shipping_cents
        order.tax = Decimal("0.2") * order.total_cents
        order.status = "shipped"
        db.commit()
        cache.forget([order.id])
        if not cache.invalidate(order.id):
            raise Unavailable()
    '''
)

EXPECTED = {
    "drop-filter": [
        "drops `Order.user_id == user.id`", "drops `Order.status == status`",
        "drops `.where(Order.hidden.is_(False))`", "drops `Product.id > product_id`",
        "drops `and_(Product.name == name, Product.id > product_id)`",
        "drops `Product.stock >= quantity`",
    ],
    "drop-sort-key": ["sorts without `Order.id`", "sorts `Order.created_at` ascending"],
    "drop-lock": ["reads without `with_for_update()`"],
    "read-then-write": ["reads `Product.stock` first, then writes `stock`"],
    "drop-key-part": ["keys without `product_id`", "keys without `day`",
                      "sends no key instead of `str(order.payment_key)`"],
    "drop-guard": ['drops the guard `if user.role != "staff"`', "drops the check `staff_only(user)`",
                   'drops the guard `if order.status not in {"paid"}`'],
    "weaker-permission": ["gives `user` `MaybeUser`"],
    "widen-states": ["also allows 'pending' in `{\"paid\"}`", "also allows 'shipped' in `{\"paid\"}`"],
    "float-money": ["computes `unit_price_cents * quantity` in floating point",
                    "uses float instead of Decimal"],
    "commit-early": ["drops the commit", 'commits before `order.status = "shipped"`'],
    "drop-forget": ["drops `cache.forget([order.id])`", "skips `cache.invalidate(order.id)`"],
}  # fmt: skip


@pytest.mark.parametrize("operator", [o.name for o in OPERATORS])
def test_each_operator_plants_its_bugs_and_the_module_still_compiles(operator: str) -> None:
    made = changes("m.py", MODULE, [operator])
    described = [c.change for c in made]
    for expected in EXPECTED[operator]:
        assert expected in described, described
    for change in made:
        compile(change.source, "m.py", "exec")
        # Only the changed lines differ: before and after them, the module is as written.
        before, after = MODULE.splitlines(), change.source.splitlines()
        assert before[: change.line - 1] == after[: change.line - 1] or operator in (
            "weaker-permission"  # it adds an import of the weaker dependency at the top
        )
        tail = len(before) - change.last
        assert before[len(before) - tail :] == after[len(after) - tail :]


def test_the_bugs_read_as_a_developer_would_write_them() -> None:
    made = {c.change: c.source for c in changes("m.py", MODULE)}
    assert "select(Order).where(Order.status == status)" in made["drops `Order.user_id == user.id`"]
    assert 'cache.incr(f"sold::{day}")' in made["keys without `product_id`"]
    assert "db.scalar(select(Cart))" in made["reads without `with_for_update()`"]
    money = made["computes `unit_price_cents * quantity` in floating point"]
    assert "int(((unit_price_cents) / 100 * (quantity)) * 100)" in money
    # ... which is the bug: 0.29 * 100 is 28.999..., and int() keeps 28
    assert int(((29) / 100 * (1)) * 100) == 28
    read = made["reads `Product.stock` first, then writes `stock`"]
    assert (
        'values(stock=db.scalar(__import__("sqlalchemy").select(Product.stock)'
        ".where(Product.id == product_id)) - quantity)" in read
    )
    wider = made["also allows 'pending' in `{\"paid\"}`"]
    assert '"ship": ({"paid", \'pending\'}, "shipped")' in wider
    early = made['commits before `order.status = "shipped"`']
    assert '    db.commit()\n    order.status = "shipped"\n' in early


def test_a_weaker_dependency_from_another_module_is_imported(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "deps.py").write_text(
        "CurrentUser = Annotated[User, Depends(current_user)]\n"
        "MaybeUser = Annotated[User | None, Depends(optional_user)]\n"
        "DB = Annotated[Session, Depends(get_db)]\n"
    )
    module = (
        "from app.deps import DB, CurrentUser\n\n\ndef mine(db: DB, user: CurrentUser):\n    pass\n"
    )
    [change] = changes("app/views.py", module, ["weaker-permission"])
    assert change.change == "gives `user` `MaybeUser`"  # a user of another kind, never a DB
    assert change.source.startswith(
        "from app.deps import DB, CurrentUser\nfrom app.deps import MaybeUser\n"
    )


def test_a_flask_view_loses_or_swaps_its_decorator() -> None:
    module = textwrap.dedent(
        """
        @bp.post("/loaves")
        @roles_required("baker")
        def add_loaf():
            pass

        @bp.get("/basket")
        @login_required
        def basket():
            pass
        """
    )
    made = [c.change for c in changes("views.py", module, ["weaker-permission"])]
    assert made == [
        'drops `@roles_required("baker")`',
        "uses `@login_required` instead",
        "drops `@login_required`",
        'uses `@roles_required("baker")` instead',
    ]


def test_a_state_from_the_same_enum_widens_a_test() -> None:
    module = textwrap.dedent(
        """
        class Status(StrEnum):
            PENDING = "pending"
            PAID = "paid"
            SHIPPED = "shipped"

        def ship(order):
            if order.status not in (Status.PAID,):
                raise Conflict()
        """
    )
    made = [c.change for c in changes("m.py", module, ["widen-states"])]
    assert made == [
        "also allows Status.PENDING in `(Status.PAID,)`",
        "also allows Status.SHIPPED in `(Status.PAID,)`",
    ]


def test_every_operator_is_documented_with_its_example() -> None:
    page = (REPO / "docs" / "guide" / "mutation.md").read_text()
    assert "<!-- generated: mutation-operators -->" in page
    spec = importlib.util.spec_from_file_location("docs_hooks", REPO / "docs" / "hooks.py")
    assert spec is not None and spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    rows = hooks.mutation_operators().splitlines()[2:]
    assert [row.split("|")[1].strip(" `") for row in rows] == [o.name for o in OPERATORS]
    for operator, row in zip(OPERATORS, rows, strict=True):
        assert operator.does in row and operator.breaks in row


def test_an_accepted_integration_survivor_is_recognised_by_its_change(tmp_path: Path) -> None:
    accepted = tmp_path / "mutants.toml"
    accepted.write_text(
        '[[survivor]]\nmodule = "m.py"\noperator = "drop-filter"\ncode = "q.where(a, b)"\n'
        'change = "drops `b`"\nreason = "b is always true here"\n'
    )
    lost = [
        Mutant("m.py", 3, "drop-filter", "survived", "", code="q.where(a, b)", change=c)
        for c in ("drops `a`", "drops `b`")
    ]
    judged = accept(lost, accepted)
    assert [m.reason for m in judged] == ["", "b is always true here"]
    text = table(judged)
    assert "| drop-filter | 2 | 0 | 0 | 2 |" in text  # the table by operator
    assert "accepted: m.py:3 (drop-filter) drops `b`" in text


def test_a_module_of_which_no_mutant_was_made_has_its_row_and_is_named() -> None:
    made = [Mutant("m.py", 3, "drop-filter", "killed", "", code="q.where(a)", change="drops `a`")]
    text = table(made, ["m.py", "plain.py"])
    assert "| m.py | 1 | 1 |" in text
    assert "| plain.py | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | - |" in text
    assert "no mutant made of: plain.py (nothing in them the operators change)" in text
    assert "no mutant made of" not in table(made, ["m.py"])


def test_only_the_modules_a_change_touched(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "b.py").write_text("y = 1\n")
    git("add", ".")
    git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "one")
    (tmp_path / "b.py").write_text("y = 2\n")
    run = subprocess.run(
        [sys.executable, "-m", "journeys", "mutate", "--operators", "integration", "a.py",
         "--changed-since", "HEAD"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "none of these modules changed since HEAD" in run.stdout
    run = subprocess.run(
        [sys.executable, "-m", "journeys", "mutate", "--operators", "integration", "nowhere/"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 2
    assert "nowhere/: no such file or folder here" in run.stderr


def test_a_weaker_dependency_runs_the_scenarios_a_dependency_refused(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A visitor refused by ``current_user`` never runs the route's body: the scenarios of the
    body alone would miss what the route does once given ``MaybeUser``."""
    from journeys.mutation.integration import _scenarios

    monkeypatch.chdir(tmp_path)
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "deps.py").write_text(
        "CurrentUser = Annotated[User, Depends(current_user)]\n"
        "MaybeUser = Annotated[User | None, Depends(optional_user)]\n"
    )
    module = "from app.deps import CurrentUser\n\n\n@router.get('/me')\ndef me(\n    user: CurrentUser,\n):\n    return user\n"
    (tmp_path / "app" / "views.py").write_text(module)
    [change] = changes("app/views.py", module, ["weaker-permission"])
    known = {
        "lines": {"app/views.py": {"4": ["features/me.feature:5"], "8": ["features/me.feature:5"]}},
        "raises": {"app/deps.py": ["features/visitors.feature:9"], "app/other.py": ["x:1"]},
        "originals": {"app/views.py": module},
    }
    assert _scenarios(known, "app/views.py", change) == [
        "features/me.feature:5",
        "features/visitors.feature:9",
    ]


@pytest.mark.slow  # the whole suite: pytest -m slow
def test_the_flask_bakery_gets_its_integration_mutants_and_its_tree_is_untouched() -> None:
    """The operators know nothing of the shop: on the Flask example they find its queries,
    guards, commits and money, and the scenarios the survivors asked for kill them."""
    bakery = REPO / "examples" / "flask_bakery"
    before = subprocess.run(["git", "status", "--porcelain", "."], cwd=bakery,
                            capture_output=True, text=True).stdout  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "JOURNEYS_DATABASE_URL"}
    run = subprocess.run(
        [sys.executable, "-m", "journeys", "mutate", "--operators", "integration",
         "bakery/views.py", "--seconds", "400"],
        cwd=bakery, capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    [row] = [line for line in run.stdout.splitlines() if line.startswith("| bakery/views.py |")]
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert int(cells[1]) == sum(int(c) for c in cells[2:9]) > 20  # every mutant has a verdict
    operators = {line.split("|")[1].strip() for line in run.stdout.splitlines()
                 if line.startswith("| ") and not line.startswith("| operator")}  # fmt: skip
    assert {"drop-filter", "drop-guard", "commit-early", "float-money"} <= operators
    survivors = [line for line in run.stdout.splitlines() if line.startswith("survived: ")]
    # Every survivor got its scenario (baskets that must not mix, a Bap at 0.29, each
    # refusal of features/refusals/): the bakery kills every integration mutant.
    assert survivors == [], survivors
    assert cells[2] == cells[1]  # all killed
    assert subprocess.run(["git", "status", "--porcelain", "."], cwd=bakery,
                          capture_output=True, text=True).stdout == before  # fmt: skip


def test_a_mutant_no_scenario_runs_is_judged_by_the_also_command_alone(tmp_path: Path) -> None:
    """Start-up code (settings, migrations) runs before any scenario: --also (the project's
    own tests of it) is its only judge; without it the mutant is 'not run by any scenario'."""
    from journeys.mutation.integration import _try
    from journeys.mutation.source import Change

    (tmp_path / "settings.py").write_text("LIMIT = 1\n")
    change = Change("drop-guard", 1, 1, "sets LIMIT to 2", "LIMIT = 2\n")
    check = "python -c 'import settings, sys; sys.exit(settings.LIMIT != 1)'"
    far = 10**12  # no deadline

    def judge(also: str) -> str:
        return _try(tmp_path, "settings.py", change, [], 60, also, far)

    assert judge("") == "not run by any scenario"
    assert judge(check) == "killed"
    assert judge("true") == "survived"
    assert (tmp_path / "settings.py").read_text() == "LIMIT = 1\n"  # put back each time
