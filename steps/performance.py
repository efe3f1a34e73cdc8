"""Query budgets: how many database queries a page of the shop may cost."""

from behave import given, then

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from factories.carts import put_in_cart
from factories.catalog import ProductFactory
from factories.orders import place_orders
from journeys.queries import does_not_grow, within_budget
from support import notes, tasks


def _queries_to(context, actor, ask):
    """The database queries the shop ran to answer what ``ask`` asked as this actor."""
    ask(actor)
    return context.run.queries.of_response(actor.last_answer())


@given("the shop sells {count:Count} products")
def step_shop_sells_n(context, count):
    """That many products, made by the factories."""
    ProductFactory.create_batch(count)


@given("{who:Persona} has placed {count:Count} order")
def step_has_placed_orders(context, who, count):
    """That many orders for the persona, made by the factories."""
    place_orders(context.cast.actor(who).recall(notes.EMAIL), count)


@given("{who:Persona} has a cart with {count:Count} product")
def step_has_products_in_cart(context, who, count):
    """A cart holding that many products for the persona, made by the factories."""
    put_in_cart(context.cast.actor(who).recall(notes.EMAIL), count)


@then("showing a page of the catalog takes at most {budget:Count} database queries")
def step_catalog_budget(context, budget):
    """A catalog page, built afresh, costs the service at most that many SQL statements."""
    _uncached(context)
    page = tasks.catalog_page(context.cast.visitor())
    within_budget("a page of the catalog", context.run.queries.of_response(page), budget)


@then(
    "showing a page of the catalog takes no more database queries once the shop sells {count:Count} more products"
)
def step_catalog_does_not_grow(context, count):
    """A catalog page, built afresh, costs no more SQL statements with that many more products."""
    _uncached(context)
    before = context.run.queries.of_response(tasks.catalog_page(context.cast.visitor()))
    ProductFactory.create_batch(count)
    _uncached(context)
    after = context.run.queries.of_response(tasks.catalog_page(context.cast.visitor()))
    does_not_grow("a page of the catalog", before, after, f"the shop sells {count} more products")


@then("showing {whose:Persona} latest order takes at most {budget:Count} database queries")
def step_order_budget(context, whose, budget):
    """Showing the persona's latest order costs at most that many SQL statements."""
    actor = context.cast.actor(whose)
    latest = tasks.orders(actor)[0]
    answer = tasks.order(actor, latest["id"])
    within_budget(f"{actor.name}'s order", context.run.queries.of_response(answer), budget)


@then(
    "listing {whose:Persona} orders takes no more database queries once {who:Persona} has placed {count:Count} more orders"
)
def step_orders_do_not_grow(context, whose, who, count):
    """The persona's order list costs no more SQL statements with more orders."""
    actor = context.cast.own(whose, who)  # "her orders ... once she has placed"
    before = _queries_to(context, actor, tasks.orders)
    place_orders(actor.recall(notes.EMAIL), count)
    after = _queries_to(context, actor, tasks.orders)
    does_not_grow(f"{actor.name}'s order list", before, after, f"{count} more orders")


@then("showing {whose:Persona} cart takes at most {budget:Count} database queries")
def step_cart_budget(context, whose, budget):
    """Showing the persona's cart costs at most that many SQL statements."""
    actor = context.cast.actor(whose)
    within_budget(f"{actor.name}'s cart", _queries_to(context, actor, tasks.cart), budget)


@then(
    "showing {whose:Persona} cart takes no more database queries once it holds {count:Count} more products"
)
def step_cart_does_not_grow(context, whose, count):
    """Showing the cart costs no more SQL statements with more products in it."""
    actor = context.cast.actor(whose)
    before = _queries_to(context, actor, tasks.cart)
    put_in_cart(actor.recall(notes.EMAIL), count)
    after = _queries_to(context, actor, tasks.cart)
    does_not_grow(f"{actor.name}'s cart", before, after, f"{count} more products")


def _uncached(context):
    """What a page costs to build is measured with the shop's cache empty."""
    if context.run.cache is not None:
        context.run.cache.flush()
