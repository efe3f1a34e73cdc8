"""How many shoppers looked at a product: looking, and what the warehouse sees."""

from datetime import UTC, datetime, time

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from journeys.checks import agree
from journeys.concurrency import at_once
from support import arrange, questions, staff, tasks


@given("it is {hour:d}:{minute:d} UTC")
def step_clock_at(context, hour, minute):
    """Moves every thread's clock (the service's too) to that time today, with time-machine."""
    import time_machine  # imported by the runs that move the clock (it brings in pytest)

    moment = datetime.combine(datetime.now(UTC).date(), time(hour, minute), tzinfo=UTC)
    traveller = time_machine.travel(moment, tick=True)
    traveller.start()
    context.add_cleanup(traveller.stop)


@given("{count:Count} shoppers have signed up")
def step_shoppers_signed_up(context, count):
    """That many registered shoppers (factories); they are now 'they'."""
    arrange.crowd(context.cast, f"{count} shoppers", [])


@when("{who:Persona} looks at the {product} {times:Count} times")
@when("{who:Persona} looks at the {product} {times:Count} time")
def step_look(context, who, product, times):
    """Opens the product's page that many times, signed in."""
    tasks.look_at(tasks.signed_in(context.cast.actor(who)), product, times)


@when("a visitor looks at the {product} {times:Count} times")
def step_visitor_looks(context, product, times):
    """Opens the product's page that many times, not signed in."""
    tasks.look_at(context.cast.visitor(), product, times)


@when("they each look at the {product} twice, all at the same moment")
def step_look_together(context, product):
    """Every shopper of the group opens the product's page twice, all at the same moment."""
    crowd = [tasks.signed_in(actor) for actor in context.cast.group for _ in (1, 2)]
    product_id = tasks.find_product(context.cast.visitor(), product)["id"]
    at_once(crowd, lambda actor: tasks.look_up_product(actor, product_id))


@then("{who:Persona} sees {count:Count} shoppers viewed the {product} today")
@then("{who:Persona} sees {count:Count} shopper viewed the {product} today")
def step_viewers_today(context, who, count, product):
    """The staff answer and the database agree: that many shoppers viewed it today."""
    seen = staff.viewers(context.cast.actor(who), questions.product_id(context.db, product))
    agree("shoppers who viewed it today", count, api=seen["today"],
          database=questions.viewers(context.db, product, today=True))  # fmt: skip


@then(
    "{who:Persona} sees {count:Count} shopper viewed the {product} today, and {days:Count} "
    "shopper-days in all"
)
def step_viewers_days(context, who, count, product, days):
    """The staff answer and the database agree on today's viewers and all shopper-days."""
    seen = staff.viewers(context.cast.actor(who), questions.product_id(context.db, product))
    agree("shoppers who viewed it today", count, api=seen["today"],
          database=questions.viewers(context.db, product, today=True))  # fmt: skip
    agree("shopper-days over all days", days, api=seen["all_days"],
          database=questions.viewers(context.db, product, today=False))  # fmt: skip
