"""Registering and signing in."""

from behave import given, step, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from journeys.checks import agree, refused
from support import arrange, bad_input, checks, notes, questions, tasks


@given("{who:Persona} is a registered shopper")
def step_registered_shopper(context, who):
    """An account made by the factories (fast); the persona keeps its email and password."""
    arrange.registered_shopper(context.cast.actor(who))


@when("{who:Persona} registers as a shopper")
def step_register(context, who):
    """Registers over HTTP with a fresh, realistic identity the persona keeps."""
    actor = context.cast.actor(who)
    tasks.register(actor)
    agree(f"{actor.name}'s registration (HTTP status)", 201, api=actor.last_answer().status_code)


@when("{who:Persona} tries to register with {whose:Persona} email address")
def step_register_taken_email(context, who, whose):
    """Registers over HTTP with the email address another persona already uses."""
    owner = context.cast.actor(whose)
    tasks.register(context.cast.actor(who), email=owner.recall(notes.EMAIL))


@when("{who:Persona} tries to register with {whose:Persona} email address in capitals")
def step_register_taken_email_in_capitals(context, who, whose):
    """Registers over HTTP with another persona's email address, upper-cased."""
    owner = context.cast.actor(whose)
    tasks.register(context.cast.actor(who), email=owner.recall(notes.EMAIL).upper())


@when("{who:Persona} signs in")
def step_sign_in(context, who):
    """Signs in over HTTP with the persona's own email address and password."""
    tasks.signed_in(context.cast.actor(who))


@when("{who:Persona} signs in with {whose:Persona} email address in capitals")
def step_sign_in_capitals(context, who, whose):
    """Signs in with the persona's email address written in capitals."""
    actor = context.cast.own(who, whose)
    tasks.sign_in(actor, email=actor.recall(notes.EMAIL).upper())


@when("{who:Persona} signs in with a wrong password")
def step_sign_in_wrong_password(context, who):
    """Signs in with the persona's email address and a wrong password."""
    actor = context.cast.actor(who)
    tasks.sign_in(actor, password=actor.recall(notes.PASSWORD) + "-wrong")


@when("{who:Persona} signs in with an unregistered email address and {whose:Persona} password")
def step_sign_in_unregistered(context, who, whose):
    """Signs in as name@example.com (sorting before the other's address) with their password."""
    actor = context.cast.actor(who)
    tasks.sign_in(
        actor,
        email=f"{actor.name.lower()}@example.com",
        password=context.cast.actor(whose).recall(notes.PASSWORD),
    )


@then("{who:Persona} can sign in with {whose:Persona} email address and password")
def step_can_sign_in(context, who, whose):
    """Signing in with the persona's email address and password gives a token."""
    actor = context.cast.own(who, whose)
    agree("signing in (HTTP status)", 200, api=tasks.sign_in(actor).status_code)
    [account] = questions.accounts_with_email(context.db, actor.recall(notes.EMAIL))
    assert actor.recall(notes.PASSWORD) not in account["password_hash"], "password stored in clear"


@then("the shop greets {who:Persona} by {whose:Persona} full name")
def step_greeted_by_name(context, who, whose):
    """The signed-in profile shows the persona's full name, as stored."""
    actor = context.cast.own(who, whose)
    checks.full_name_is(actor, context.db, actor.recall(notes.FULL_NAME))


@then("{who:Persona} is told the email address is already taken")
def step_told_email_taken(context, who):
    """The registration was refused because the email address is taken."""
    refused(context.cast.actor(who).last_answer(), 409, "email_taken")


@then("the shop has exactly one account for {whose:Persona} email address")
def step_one_account(context, whose):
    """The database holds exactly one account for the persona's email address."""
    owner = context.cast.actor(whose)
    accounts = questions.accounts_with_email(context.db, owner.recall(notes.EMAIL))
    agree(
        "accounts with that email address",
        [owner.recall(notes.FULL_NAME)],
        database=[a["full_name"] for a in accounts],
    )


@then("{who:Persona} is told {whose:Persona} email address or password is wrong")
def step_told_wrong_credentials(context, who, whose):
    """The sign-in was refused as wrong email address or password."""
    refused(context.cast.own(who, whose).last_answer(), 401, "invalid_credentials")


@then("{who:Persona} is not signed in")
def step_not_signed_in(context, who):
    """The persona holds no token after the last answer."""
    refused(tasks.profile(context.cast.actor(who)), 401, "not_authenticated")


@step("someone tries {times:Count} wrong passwords for {whose:Persona} account")
def step_guess_passwords(context, times, whose):
    """Someone else signs in with wrong passwords for the persona's account."""
    owner = context.cast.actor(whose)
    bad_input.guess_passwords(context.cast.visitor(), owner.recall(notes.EMAIL), times)


@when("someone tries a wrong password for {count:Count} different accounts")
def step_guess_many_accounts(context, count):
    """One client tries a wrong password for that many different accounts."""
    visitor = context.cast.visitor()
    for number in range(count):
        bad_input.guess_passwords(visitor, f"nobody-{number}@example.com", 1)


@when("{who:Persona} signs in from another place")
def step_sign_in_elsewhere(context, who):
    """Signs in from another client address (127.0.0.2 on the loopback), as another place."""
    actor = context.cast.actor(who)
    tasks.move_to_another_place(actor)
    tasks.sign_in(actor)


@when("{who:Persona} signs in with {whose:Persona} password")
def step_sign_in_own_password(context, who, whose):
    """Signs in with the persona's right password, whatever came before."""
    tasks.sign_in(context.cast.own(who, whose))


@then("{who:Persona} is told to wait before trying again")
def step_told_to_wait(context, who):
    """The sign-in was refused as too many attempts, with how long to wait."""
    answer = context.cast.actor(who).last_answer()
    refused(answer, 429, "too_many_attempts")
    retry_after = answer.headers.get("Retry-After", "")
    assert retry_after.isdigit() and int(retry_after) > 0, f"Retry-After: {retry_after!r}"
