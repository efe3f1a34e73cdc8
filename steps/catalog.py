"""The catalog: what the shop sells, browsing and searching."""

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from factories.catalog import PRODUCT_COLUMNS, CategoryFactory, ProductFactory, stock_catalog
from journeys.checks import agree, refused
from journeys.tables import names, records
from support import notes, questions, tasks


@given("the shop sells these products:")
def step_shop_sells(context):
    """Products made by the factories from a table (product, category, price, stock)."""
    stock_catalog(records(context.table, PRODUCT_COLUMNS, required=["product"]))


@given("the shop also sells {count:Count} other products in the {category} category")
def step_shop_sells_more(context, count, category):
    """That many more products in a category, made by the factories."""
    ProductFactory.create_batch(count, category=CategoryFactory(name=category))


@when("{who:Persona} browses the {category} category")
def step_browse(context, who, category):
    """Reads the first page of a category over HTTP; the persona keeps what it saw."""
    tasks.browse_category(context.cast.actor(who), category)


@when("{who:Persona} browses the {category} category page by page")
def step_browse_pages(context, who, category):
    """Reads every page of a category; the persona keeps the pages."""
    actor = context.cast.actor(who)
    actor.remember(notes.PAGES, tasks.browse_all_pages(actor, category))


@when('{who:Persona} searches the catalog for "{term}"')
def step_search(context, who, term):
    """Searches the catalog for a term; the persona keeps what it saw."""
    tasks.search(context.cast.actor(who), term)


@when("{who:Persona} looks up a product the shop does not sell")
def step_look_up_missing(context, who):
    """Asks for a product id the database does not hold."""
    tasks.look_up_product(context.cast.actor(who), questions.unused_product_id(context.db))


@then("{who:Persona} sees {products}, in that order")
def step_sees_in_order(context, who, products):
    """What the persona saw is these products in this order, as the database has them."""
    actor = context.cast.actor(who)
    stored = questions.product_names(context.db, **actor.recall(notes.LOOKED_FOR))
    agree(
        "products shown, in order", names(products), api=actor.recall(notes.SEEN), database=stored
    )


@then(
    "{who:Persona} sees {first:Count} products on the first page and {second:Count} on the second"
)
def step_page_sizes(context, who, first, second):
    """The pages the persona browsed held these numbers of products."""
    pages = context.cast.actor(who).recall(notes.PAGES)
    agree("products per page", [first, second], api=[len(page) for page in pages])


@then("{who:Persona} has seen every {category} product exactly once")
def step_seen_all_once(context, who, category):
    """Across the pages, each product of the category appeared exactly once."""
    seen = [name for page in context.cast.actor(who).recall(notes.PAGES) for name in page]
    stored = questions.product_names(context.db, category=category)
    agree(f"{category} products over all pages, in order", stored, api=seen)


@then("{who:Persona} is told the product does not exist")
def step_told_no_product(context, who):
    """The answer was 404 product_not_found."""
    refused(context.cast.actor(who).last_answer(), 404, "product_not_found")
