"""Who may do what (features/accounts/permissions.feature)."""

from behave import then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from journeys.checks import refused
from support import notes, permissions, tasks


def _about(context):
    """The Blue Mug and Paula's order: what the matrix's actions are about."""
    product_id = tasks.find_product(context.cast.visitor(), "Blue Mug")["id"]
    return product_id, context.cast.actor("Paula").recall(notes.ORDER)["id"]


@when("a visitor attempts to {action}")
def step_visitor_attempts(context, action):
    """A visitor, signed in as nobody, tries one action of the matrix."""
    context.answer = permissions.attempt(context.cast.visitor(), action, *_about(context))


@when("{who:Persona} attempts to {action}")
def step_attempts(context, who, action):
    """A signed-in shopper tries one action of the matrix."""
    actor = tasks.signed_in(context.cast.actor(who))
    permissions.attempt(actor, action, *_about(context))


@then("the visitor is asked to sign in")
def step_asked_to_sign_in(context):
    """The answer was 401 not_authenticated."""
    refused(context.answer, 401, "not_authenticated")


@then("{who:Persona} is told only staff may do that")
def step_staff_only(context, who):
    """The answer was 403 forbidden."""
    refused(context.cast.actor(who).last_answer(), 403, "forbidden")
