"""Each concurrency guard of the shop is held by a scenario of shoppers acting at once: take
it out of a copy of the shop and the scenario fails. Races and deadlocks need a database
with row locks: SQLite takes its write lock when a transaction begins (the shop asks for
BEGIN IMMEDIATE), so checkouts there run one after another and cannot race or deadlock;
those two guards are proven on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BehaveProject, database_url
from tests.test_rules_are_guarded import failed_scenarios, failing_without, with_shop_copy

ON_POSTGRES = (database_url() or "").startswith("postgresql")
# Two racers do not always meet in the few milliseconds between a read and its write; ten
# always have (10 orders for the last 3, on this machine).
LAST_ITEMS = {"Ten shoppers for the last three"}

# what is taken out -> (file, original text, broken text, scenarios that must fail, needs PG)
MUTATIONS = {
    "a read-then-write stock update": (
        "shop/inventory.py",
        """    result = db.execute(
        update(Product)
        .where(Product.id == product_id, Product.stock >= quantity)
        .values(stock=Product.stock - quantity)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False""",
        """    product = db.get(Product, product_id)
    if product.stock < quantity:
        return False
    product.stock = product.stock - quantity
    db.flush()""",
        LAST_ITEMS,
        True,
    ),
    "no idempotency key on checkout": (
        "shop/orders.py",
        "    if key is not None and (earlier := _order_for_key(db, user, key)) is not None:",
        "    key = None\n    if False:",
        {"Paula's checkout is sent twice at the same moment"},
        False,
    ),
    "stock taken in the cart's order": (
        "shop/orders.py",
        "for item in sorted(cart.items, key=lambda item: item.product_id)",
        "for item in cart.items",
        {"Carts holding the same products in opposite orders check out together"},
        True,
    ),
}


@pytest.fixture
def shop_project(project: BehaveProject) -> BehaveProject:
    return with_shop_copy(project, ("orders/concurrency.feature",))


def test_the_copied_shop_passes_as_it_is(shop_project: BehaveProject, tmp_path: Path) -> None:
    guards = {name for *_, names, _postgres in MUTATIONS.values() for name in names}
    assert failed_scenarios(shop_project, tmp_path / "report.json", *guards) == set()


@pytest.mark.parametrize("taken_out", list(MUTATIONS))
def test_taking_a_guard_out_fails_its_scenario(
    shop_project: BehaveProject, tmp_path: Path, taken_out: str
) -> None:
    path, original, broken, guards, needs_postgres = MUTATIONS[taken_out]
    if needs_postgres and not ON_POSTGRES:
        pytest.skip("SQLite runs checkouts one after another: no race, no deadlock to show")
    failed = failing_without(shop_project, tmp_path / "report.json", path, original, broken, guards)
    assert guards <= failed, f"still passing without the guard: {sorted(guards - failed)}"
