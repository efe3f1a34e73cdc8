"""The catalog: what the shop sells, browsing and searching."""

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from factories.catalog import (
    PRODUCT_COLUMNS,
    CategoryFactory,
    ProductFactory,
    stock_catalog,
    withdraw,
)
from journeys.checks import agree, refused
from journeys.tables import names, records
from support import notes, questions, tasks

ADDED = "Aardvark Mug"  # what the warehouse adds while a shopper reads: sorts first


@given("the shop sells these products:")
def step_shop_sells(context):
    """Products made by the factories from a table (product, category, price, stock)."""
    stock_catalog(records(context.table, PRODUCT_COLUMNS, required=["product"]))


@given("the shop also sells {count:Count} other products in the {category} category")
def step_shop_sells_more(context, count, category):
    """That many more products in a category, made by the factories."""
    ProductFactory.create_batch(count, category=CategoryFactory(name=category))


@given("the shop also sells a {product} in the {category} category")
def step_shop_sells_one_more(context, product, category):
    """One more product, in a category made now if the shop has none of that name."""
    ProductFactory(name=product, category=CategoryFactory(name=category))


@when("{who:Persona} looks at the shop's categories")
def step_look_at_categories(context, who):
    """Reads the list of categories; the persona keeps their names."""
    tasks.look_at_categories(context.cast.actor(who))


@then("{who:Persona} sees the categories {expected}, in that order")
def step_sees_categories(context, who, expected):
    """The categories are listed as the database sorts them by name, these in this order."""
    shown = context.cast.actor(who).recall(notes.SEEN)
    agree("categories shown, in order", questions.category_names(context.db), api=shown)
    wanted = names(expected)  # among any others the shop holds (reference rows)
    agree("these categories, in order", wanted, api=[c for c in shown if c in wanted])


@given(
    'the shop also sells {count:Count} other products in the {category} category, all called "{name}"'
)
def step_shop_sells_namesakes(context, count, category, name):
    """That many more products of one name in a category: ties on the name a pager sorts by."""
    ProductFactory.create_batch(count, category=CategoryFactory(name=category), name=name)


@when("{who:Persona} browses the {category} category")
def step_browse(context, who, category):
    """Reads the first page of a category over HTTP; the persona keeps what it saw."""
    tasks.browse_category(context.cast.actor(who), category)


@when("{who:Persona} browses the {category} category page by page")
def step_browse_pages(context, who, category):
    """Reads the first page of a category, then each next page its links lead to."""
    tasks.browse_all_pages(context.cast.actor(who), category)


@when("{who:Persona} opens the first page of the {category} category")
def step_first_page(context, who, category):
    """Reads the first page of a category; the persona keeps it and its links."""
    tasks.open_first_page(context.cast.actor(who), category)


@when("{who:Persona} follows the next pages to the end")
def step_follow_pages(context, who):
    """Follows each page's next link until the last page."""
    tasks.follow_to_the_end(context.cast.actor(who))


@when("{who:Persona} goes back a page")
def step_back_a_page(context, who):
    """Follows the previous-page link of the page the persona is on."""
    tasks.follow_link(context.cast.actor(who), "prev")


@when("{who:Persona} asks for what lies between the ends of her first and second pages")
def step_between_pages(context, who):
    """Asks for the page after the first page's last product and before the second's."""
    tasks.page_between_page_ends(context.cast.actor(who), 1, 2)


@when("{who:Persona} asks for the second page counted from her first page's next link")
def step_page_from_link(context, who):
    """Follows the first page's next link with page=2 added."""
    tasks.page_from_link(context.cast.actor(who), 2)


@then("{who:Persona} sees her second page without its last product")
def step_second_page_but_last(context, who):
    """The page last asked is the second page read, less its last product."""
    actor = context.cast.actor(who)
    agree("the products between", actor.recall(notes.PAGES)[1][:-1], api=actor.recall(notes.SHOWN))


@then("{who:Persona} sees her third page again")
def step_third_page_again(context, who):
    """The page last asked is the third page read, product for product."""
    actor = context.cast.actor(who)
    agree(
        "the page counted from the link",
        actor.recall(notes.PAGES)[2],
        api=actor.recall(notes.SHOWN),
    )


@when("the warehouse adds {count:Count} {category} products whose names come first")
def step_products_added_first(context, count, category):
    """Products that sort before all others ("Aardvark Mug 1"...), made by the factories."""
    kind = CategoryFactory(name=category)
    for number in range(1, count + 1):
        ProductFactory(name=f"{ADDED} {number}", category=kind)


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


@when("the warehouse takes the first {count:Count} products {who:Persona} saw off sale")
def step_seen_taken_off_sale(context, count, who):
    """The first products of the persona's first page are taken off sale (factories)."""
    for shown in context.cast.actor(who).recall(notes.PAGES)[0][:count]:
        withdraw(shown.name)


@then("{who:Persona} sees {count:Count} products on a single page")
def step_single_page(context, who, count):
    """The persona browsed one page, of that many products, with no link to another."""
    actor = context.cast.actor(who)
    agree("products per page", [count], api=[len(page) for page in actor.recall(notes.PAGES)])
    agree(
        "links of the only page", {"next": None, "prev": None}, api=actor.recall(notes.PAGE_LINKS)
    )


@then("{who:Persona} sees the first page again")
def step_first_page_again(context, who):
    """The last page the persona read is the first page, product for product."""
    pages = context.cast.actor(who).recall(notes.PAGES)
    agree("the page gone back to", pages[0], api=pages[-1])
    agree(
        "links of the first page (prev)",
        None,
        api=context.cast.actor(who).recall(notes.PAGE_LINKS)["prev"],
    )


@then("{who:Persona} has seen no product twice, and every {category} product there when she began")
def step_seen_once_while_added(context, who, category):
    """The products there from the start, each seen once and in order (names may repeat)."""
    seen = [shown for page in context.cast.actor(who).recall(notes.PAGES) for shown in page]
    there = questions.products_shown(context.db, category=category)
    agree(
        f"{category} products there from the start, in order",
        [shown for shown in there if not shown.name.startswith(ADDED)],
        api=[shown for shown in seen if not shown.name.startswith(ADDED)],
    )


@then("{who:Persona} has seen every {category} product exactly once")
def step_seen_all_once(context, who, category):
    """Across the pages, each product of the category appeared exactly once."""
    seen = [shown for page in context.cast.actor(who).recall(notes.PAGES) for shown in page]
    stored = questions.products_shown(context.db, category=category)
    agree(f"{category} products over all pages, in order", stored, api=seen)


@then("{who:Persona} is told the product does not exist")
def step_told_no_product(context, who):
    """The answer was 404 product_not_found."""
    refused(context.cast.actor(who).last_answer(), 404, "product_not_found")
