"""The shop's Then checks: each compares the expectation with the API and with the database."""

from __future__ import annotations

from datetime import date
from typing import Any

from journeys.checks import agree, documents_agree, unchanged
from journeys.checks import refused as journeys_refused
from journeys.database import ScenarioDatabase
from journeys.personas import Actor
from journeys.tables import singulars
from support import notes, questions, staff, tasks


def order_is(actor: Actor, db: ScenarioDatabase, status: str, total_cents: int) -> dict[str, Any]:
    placed = actor.recall(notes.ORDER)
    api = tasks.order(actor, placed["id"]).json()
    row = questions.order_row(db, placed["id"])
    lines = questions.lines_of(db, placed["id"])
    agree("order status", status, api=api["status"], database=row["status"])
    agree("order total (cents)", total_cents, api=api["total_cents"], database=row["total_cents"])
    agree(
        "order total = sum of its lines (cents)",
        total_cents,
        lines_in_database=sum(line["quantity"] * line["unit_price_cents"] for line in lines),
    )
    return dict(api)


def order_lines_are(
    actor: Actor, db: ScenarioDatabase, expected: list[tuple[int, str, int]]
) -> None:
    """expected: (quantity, product name, unit price in cents) per line, in any order."""
    placed = actor.recall(notes.ORDER)
    api = tasks.order(actor, placed["id"]).json()["lines"]
    stored = questions.lines_of(db, placed["id"])
    want = sorted(expected, key=lambda line: line[1])
    agree(
        "order lines (quantity, product, unit price in cents)",
        want,
        api=sorted(
            ((x["quantity"], x["product_name"], x["unit_price_cents"]) for x in api),
            key=lambda line: line[1],
        ),
        database=sorted(
            ((x["quantity"], x["product_name"], x["unit_price_cents"]) for x in stored),
            key=lambda line: line[1],
        ),
    )


def stock_left(actor: Actor, db: ScenarioDatabase, product: str, quantity: int) -> None:
    api = tasks.find_product(actor, product)
    agree(
        f"stock of {api['name']}",
        quantity,
        api=api["stock"],
        database=questions.stock(db, api["name"]),
    )


def cart_holds(actor: Actor, db: ScenarioDatabase, expected: dict[str, int]) -> None:
    """expected: {product name: quantity}; an empty dict means an empty cart."""
    api = {item["product_name"]: item["quantity"] for item in tasks.cart(actor)["items"]}
    stored = questions.cart_contents(db, actor.recall(notes.EMAIL))
    agree(f"{actor.name}'s cart", expected, api=api, database=stored)


def cart_total(actor: Actor, db: ScenarioDatabase, total_cents: int) -> None:
    api = tasks.cart(actor)
    agree(
        f"{actor.name}'s cart total (cents)",
        total_cents,
        api=api["total_cents"],
        sum_of_api_lines=sum(item["line_total_cents"] for item in api["items"]),
        database=questions.cart_value(db, actor.recall(notes.EMAIL)),
    )


def has_orders(actor: Actor, db: ScenarioDatabase, count: int) -> list[dict[str, Any]]:
    api = tasks.orders(actor)
    stored = questions.orders_of(db, actor.recall(notes.EMAIL))
    agree(f"number of {actor.name}'s orders", count, api=len(api), database=len(stored))
    agree(
        f"{actor.name}'s order ids",
        sorted(o["id"] for o in api),
        database=sorted(o["id"] for o in stored),
    )
    return api


def orders_newest_first(
    actor: Actor, db: ScenarioDatabase, expected: list[tuple[int, str]]
) -> None:
    """Each order of one line, newest first, by the API; the same orders by the database
    (newest first: by id, as they were placed)."""
    listed = has_orders(actor, db, len(expected))
    shown = [[(line["quantity"], line["product_name"]) for line in o["lines"]] for o in listed]
    wanted = [[(n, tasks.find_product(actor, name)["name"])] for n, name in expected]
    agree(f"{actor.name}'s orders, newest first", wanted, api=shown)
    stored = sorted(questions.orders_of(db, actor.recall(notes.EMAIL)), key=lambda o: -o["id"])
    agree(f"{actor.name}'s order ids, newest first", [o["id"] for o in stored],
          api=[o["id"] for o in listed])  # fmt: skip


def one_order_of_many(actor: Actor, db: ScenarioDatabase, refused: int | None) -> None:
    """Of the checkouts the actor sent at once, one placed the order stored and ``refused``
    were told the cart is empty; ``None``: none placed a paid order."""
    answers = actor.recall(notes.CHECKOUT_ANSWERS)
    placed = [a.json()["id"] for a in answers if a.status_code in (200, 201)]
    stored = questions.orders_of(db, actor.recall(notes.EMAIL))
    if refused is None:
        paid = [o["id"] for o in stored if o["status"] == "paid"]
        agree("checkouts that placed a paid order", [], api=placed, database=paid)
        return
    agree("the order placed", [o["id"] for o in stored], api=placed)
    others = [a for a in answers if a.status_code not in (200, 201)]
    for answer in others:
        journeys_refused(answer, 409, "cart_empty")
    agree("checkouts told the cart is empty", refused, api=len(others))


def order_matches_database(actor: Actor, db: ScenarioDatabase) -> None:
    """What the shop said at checkout, and says now, is what it stored: field by field."""
    placed = actor.recall(notes.ORDER)
    documents_agree(
        f"{actor.name}'s order",
        "database",
        questions.order_document(db, placed["id"]),
        api_at_checkout=placed,
        api_now=tasks.order(actor, placed["id"]).json(),
    )


def order_status(actor: Actor, db: ScenarioDatabase, status: str) -> None:
    placed = actor.recall(notes.ORDER)
    api = tasks.order(actor, placed["id"]).json()
    agree(
        "order status",
        status,
        api=api["status"],
        database=questions.order_row(db, placed["id"])["status"],
    )


def failure_reason(actor: Actor, db: ScenarioDatabase) -> str:
    """Why the actor's order failed, as the API and the database say (they must agree)."""
    placed = actor.recall(notes.ORDER)
    api = tasks.order(actor, placed["id"]).json()["failure_reason"]
    stored = questions.order_row(db, placed["id"])["failure_reason"]
    agree("the order's failure reason", api, database=stored)
    return str(api)


def stock_put_back(db: ScenarioDatabase, product: str, quantity: int) -> None:
    """The ledger booked ``quantity`` of the product back on the shelf."""
    agree(
        f"{product} put back on the shelf (ledger)",
        quantity,
        database=questions.put_back(db, product),
    )


def full_name_is(actor: Actor, db: ScenarioDatabase, full_name: str) -> None:
    """The shop knows the shopper by this name: what it answers, and what it stored."""
    [stored] = questions.accounts_with_email(db, actor.recall(notes.EMAIL))
    answer = tasks.profile(tasks.signed_in(actor)).json()
    agree("full name", full_name, api=answer["full_name"], database=stored["full_name"])


def emails_about_order(
    recipient: Actor, owner: Actor, db: ScenarioDatabase, mails: list[Any], count: int
) -> None:
    """The mails to the recipient about the owner's order, as the mail server received them
    and as the shop recorded them sent, are both ``count``."""
    order_id = owner.recall(notes.ORDER)["id"]
    about = [m for m in mails if m.subject.startswith(f"Order {order_id} ")]
    email = recipient.recall(notes.EMAIL)
    agree(
        f"emails to {email} about order {order_id}",
        count,
        mail_server=len(about),
        database=questions.emails_recorded(db, email, order_id),
    )


def sales_shown(actor: Actor, db: ScenarioDatabase, expected: dict[str, tuple[int, int]]) -> None:
    """Product name -> (units, revenue in cents) sold today, in the order the report lists
    them (by name): by the report and the database."""
    report = tasks.sales_report(actor)
    # A list, not a dict: a product listed twice (another day's row let in) must show.
    shown = [(p["product_name"], p["units"], p["revenue_cents"]) for p in report["products"]]
    stored = questions.sales_recorded(db, date.fromisoformat(report["day"]))
    agree(
        "sales today, in the report's order (product, units, revenue in cents)",
        [(name, *figures) for name, figures in expected.items()],
        report=shown,
        database=sorted((name, *figures) for name, figures in stored.items()),
    )


def audit_log(reader: Actor, db: ScenarioDatabase, **about: str | int) -> list[dict[str, Any]]:
    """The audit log as staff read it over HTTP (or the part ``about`` one kind of thing, or
    one thing); it must be what the database holds."""
    api = staff.audit_log(reader, **about)
    agree("reading the audit log (HTTP status)", 200, api=api.status_code)
    entries = [dict(e) for e in api.json()]
    fields = ("id", "actor_email", "action", "subject_kind", "subject_id", "before", "after")
    stored = [e for e in questions.audit_log(db) if all(e[k] == v for k, v in about.items())]
    agree(
        "audit entries, newest first",
        [{k: e[k] for k in fields} for e in stored],
        api=[{k: e[k] for k in fields} for e in entries],
    )
    return entries


def shown_product(
    actor: Actor, db: ScenarioDatabase, product: str, category: str
) -> dict[str, dict[str, Any]]:
    """The product as its page shows it and as its category's first page lists it; both must
    be what the database holds (name, price, stock)."""
    product_id = questions.product_id(db, singular_name(db, product))
    page = tasks.look_up_product(actor, product_id)
    agree(f"the {product}'s page (HTTP status)", 200, api=page.status_code)
    tasks.browse_category(actor, category)
    listed = [i for i in actor.last_answer().json()["items"] if i["id"] == product_id]
    agree(f"the {product} in the {category} category", 1, api=len(listed))
    stored = questions.product_row(db, product_id)
    fields = ("name", "price_cents", "stock")
    for source, shown in (("its page", page.json()), ("its category", listed[0])):
        agree(f"the {product} on {source}", {k: stored[k] for k in fields},
              api={k: shown[k] for k in fields})  # fmt: skip
    return {"page": page.json(), "listed": listed[0]}


def product_gone(actor: Actor, db: ScenarioDatabase, product: str, category: str) -> None:
    """The product's page answers 404 and its category's first page leaves it out."""
    product_id = questions.product_id(db, singular_name(db, product))
    agree(f"the {product}'s page (HTTP status)", 404,
          api=tasks.look_up_product(actor, product_id).status_code)  # fmt: skip
    tasks.browse_category(actor, category)
    ids = [i["id"] for i in actor.last_answer().json()["items"]]
    agree(f"the {product} listed in the {category} category", False, api=product_id in ids)


def singular_name(db: ScenarioDatabase, product: str) -> str:
    """'Blue Mugs' or 'Blue Mug': the name the database holds."""
    for candidate in singulars(product):
        if questions.product_exists(db, candidate):
            return candidate
    raise LookupError(f"the database has no product {product!r}")


def note_holdings(actor: Actor, run: Any) -> Actor:
    """Before an attempt that may have to change nothing: everything the shop holds."""
    actor.remember(notes.HELD_BEFORE, _records_and_files(run))
    return actor


def as_before(actor: Actor, run: Any, product: str) -> None:
    """Every record and every stored file is as the actor's last attempt found them (the
    cache is left out: reading a page fills it; the cache invariant judges what it holds)."""
    unchanged(f"after {actor.name}'s attempt on the {product}, the shop's records and files",
              actor.recall(notes.HELD_BEFORE), _records_and_files(run))  # fmt: skip


def _records_and_files(run: Any) -> dict[str, Any]:
    return {part: held for part, held in run.holdings().items() if part != "cache"}
