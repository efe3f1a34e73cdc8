"""The sales report (features/sales/report.feature)."""

from behave import given, then

import journeys.vocabulary  # noqa: F401  (registers {who:Persona} and {n:Count})
from factories.sales import sold_days_ago
from journeys.tables import cents
from support import arrange, checks, notes, tasks


@given("{who:Persona} works in the office")
def step_office(context, who):
    """A staff account made by the factories."""
    arrange.registered_shopper(context.cast.actor(who), staff=True)


@given("{who:Persona} bought {quantity:Count} {product} yesterday")
def step_bought_yesterday(context, who, quantity, product):
    """A paid order of yesterday, counted in yesterday's sales (made by the factories)."""
    sold_days_ago(context.cast.actor(who).recall(notes.EMAIL), product, quantity)


@then("{who:Persona} sees {quantity:Count} {product} sold today for {amount}")
def step_sold_today(context, who, quantity, product, amount):
    """Today's sales of the product, by the report and the database (no other product)."""
    actor = context.cast.actor(who)
    name = tasks.find_product(actor, product)["name"]
    checks.sales_shown(actor, context.db, {name: (quantity, cents(amount))})


@then("{who:Persona} sees these sales today:")
def step_sales_table(context, who):
    """Today's sales per product (units, revenue), by the report and the database."""
    actor = context.cast.actor(who)
    expected = {
        tasks.find_product(actor, row["product"])["name"]: (
            int(row["units"]),
            cents(row["revenue"]),
        )
        for row in context.table
    }
    checks.sales_shown(actor, context.db, expected)


@then("{who:Persona} sees nothing sold today")
def step_nothing_sold(context, who):
    """Today's sales report is empty, and so is the database's record of it."""
    checks.sales_shown(context.cast.actor(who), context.db, {})
