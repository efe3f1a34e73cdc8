"""The catalog cache: what shoppers see after a change, and a cache that is down."""

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from journeys.checks import agree
from journeys.tables import cents, names, quantities
from support import checks, questions, staff, tasks


@given("{who:Persona} has looked at the {product} and the {category} category")
def step_has_looked(context, who, product, category):
    """Reads the product's page and the category's first page (so the cache holds them)."""
    checks.shown_product(context.cast.actor(who), context.db, product, category)


@given(
    "{who:Persona} will look at the {product} and the {category} category while the next "
    "change is being saved"
)
def step_will_look_meanwhile(context, who, product, category):
    """Right after the shop's next cache forget, the persona reads the product and its category."""
    actor = context.cast.actor(who)
    product_id = questions.product_id(context.db, product)
    context.run.cache.after_next_delete(
        lambda: tasks.look_at_product_and_category(actor, product_id, category)
    )


@given("the cache is down")
def step_cache_down(context):
    """Every call the shop makes to its cache fails, until the scenario ends."""
    context.run.cache.go_down()


@when("{who:Persona} changes the price of a {product} to {price}")
def step_change_price(context, who, product, price):
    """Changes a product's price over HTTP, as staff."""
    agree("the change (HTTP status)", 200,
          api=staff.change_price(context.cast.actor(who), product, cents(price)).status_code)  # fmt: skip


@when('{who:Persona} renames the {product} "{new_name}"')
def step_rename(context, who, product, new_name):
    """Renames a product over HTTP, as staff."""
    agree("the change (HTTP status)", 200,
          api=staff.rename_product(context.cast.actor(who), product, new_name).status_code)  # fmt: skip


@when("{who:Persona} receives {quantity:Count} more {product}")
def step_receive(context, who, quantity, product):
    """Books a receipt of stock over HTTP, as staff."""
    agree("the receipt (HTTP status)", 200,
          api=staff.receive_stock(context.cast.actor(who), product, quantity).status_code)  # fmt: skip


@when("{who:Persona} takes the {product} off sale")
def step_off_sale(context, who, product):
    """Takes a product off sale over HTTP, as staff."""
    agree("the change (HTTP status)", 200,
          api=staff.take_off_sale(context.cast.actor(who), product).status_code)  # fmt: skip


@when("{who:Persona} adds a {product} at {price} to the {category} category")
def step_add(context, who, product, price, category):
    """Adds a product over HTTP, as staff."""
    answer = staff.add_product(context.cast.actor(who), product, category, cents(price))
    agree("adding (HTTP status)", 201, api=answer.status_code)


@when("{who:Persona} orders {items}")
def step_orders(context, who, items):
    """Puts the items in the cart and checks out, over HTTP."""
    tasks.place_order(context.cast.actor(who), quantities(items))


@then("{who:Persona} sees the {product} at {price}, on its page and in the {category} category")
def step_sees_price(context, who, product, price, category):
    """The product's page and its category page show this name and price, as stored."""
    shown = checks.shown_product(context.cast.actor(who), context.db, product, category)
    agree(f"the {product}'s price (cents), page and category", [cents(price)] * 2,
          api=[shown["page"]["price_cents"], shown["listed"]["price_cents"]])  # fmt: skip


@then(
    "{who:Persona} sees {quantity:Count} {product} left, on its page and in the {category} category"
)
def step_sees_stock(context, who, quantity, product, category):
    """The product's page and its category page show this stock, as stored."""
    shown = checks.shown_product(context.cast.actor(who), context.db, product, category)
    agree(f"the {product}'s stock, page and category", [quantity] * 2,
          api=[shown["page"]["stock"], shown["listed"]["stock"]])  # fmt: skip


@then(
    "{who:Persona} is told the {product} does not exist, and the {category} category does not list it"
)
def step_sees_gone(context, who, product, category):
    """The product's page answers 404 and its category page leaves it out."""
    checks.product_gone(context.cast.actor(who), context.db, product, category)


@then("{who:Persona} sees {products} in the {category} category")
def step_sees_listed(context, who, products, category):
    """The category's first page lists these products, in this order."""
    agree(f"the {category} category", names(products),
          api=tasks.browse_category(context.cast.actor(who), category))  # fmt: skip


@then("the shop's health says its cache is unavailable")
def step_health_degraded(context):
    """/health answers that the cache is unavailable and the shop answers from the database."""
    health = tasks.health(context.cast.visitor())
    agree("health", ("degraded", "unavailable: answering from the database"),
          api=(health["status"], health["cache"]))  # fmt: skip
