"""What happened inside the shop while a shopper acted: its trace (@tracing scenarios)."""

from behave import then

from support import traces


@then("her checkout asked the payment provider {times:d} times and was charged once")
def step_provider_asked(context, times):
    """The checkout's trace holds that many calls to the provider, one of them charged."""
    traces.provider_asked(context.run, times, "her checkout")


@then("her checkout asked the payment provider once and was charged once")
def step_provider_asked_once(context):
    """The checkout's trace holds one call to the provider, and it charged."""
    traces.provider_asked(context.run, 1, "her checkout")


@then("her checkout called no outside service but the payment provider")
def step_only_provider(context):
    """The checkout's trace holds no service but the shop and the payment provider."""
    traces.called_only(context.run, "her checkout", "the payment provider")


@then("her checkout called no outside service")
def step_no_outside(context):
    """The checkout's trace holds the shop's spans alone."""
    traces.called_only(context.run, "her checkout")
