"""Registering and signing in."""

from behave import given, step, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from journeys.checks import agree, refused
from support import arrange, bad_input, checks, notes, questions, tasks


@given("{who:Persona} is a registered shopper")
def step_registered_shopper(context, who):
    arrange.registered_shopper(context.cast.actor(who))


@when("{who:Persona} registers as a shopper")
def step_register(context, who):
    actor = context.cast.actor(who)
    tasks.register(actor)
    agree(f"{actor.name}'s registration (HTTP status)", 201, api=actor.last_answer().status_code)


@when("{who:Persona} tries to register with {whose:Persona} email address")
def step_register_taken_email(context, who, whose):
    owner = context.cast.actor(whose)
    tasks.register(context.cast.actor(who), email=owner.recall(notes.EMAIL))


@when("{who:Persona} signs in")
def step_sign_in(context, who):
    tasks.signed_in(context.cast.actor(who))


@when("{who:Persona} signs in with {whose:Persona} email address in capitals")
def step_sign_in_capitals(context, who, whose):
    actor = context.cast.own(who, whose)
    tasks.sign_in(actor, email=actor.recall(notes.EMAIL).upper())


@when("{who:Persona} signs in with a wrong password")
def step_sign_in_wrong_password(context, who):
    actor = context.cast.actor(who)
    tasks.sign_in(actor, password=actor.recall(notes.PASSWORD) + "-wrong")


@then("{who:Persona} can sign in with {whose:Persona} email address and password")
def step_can_sign_in(context, who, whose):
    actor = context.cast.own(who, whose)
    agree("signing in (HTTP status)", 200, api=tasks.sign_in(actor).status_code)
    [account] = questions.accounts_with_email(context.db, actor.recall(notes.EMAIL))
    assert actor.recall(notes.PASSWORD) not in account["password_hash"], "password stored in clear"


@then("the shop greets {who:Persona} by {whose:Persona} full name")
def step_greeted_by_name(context, who, whose):
    actor = context.cast.own(who, whose)
    checks.full_name_is(actor, context.db, actor.recall(notes.FULL_NAME))


@then("{who:Persona} is told the email address is already taken")
def step_told_email_taken(context, who):
    refused(context.cast.actor(who).last_answer(), 409, "email_taken")


@then("the shop has exactly one account for {whose:Persona} email address")
def step_one_account(context, whose):
    owner = context.cast.actor(whose)
    accounts = questions.accounts_with_email(context.db, owner.recall(notes.EMAIL))
    agree(
        "accounts with that email address",
        [owner.recall(notes.FULL_NAME)],
        database=[a["full_name"] for a in accounts],
    )


@then("{who:Persona} is told {whose:Persona} email address or password is wrong")
def step_told_wrong_credentials(context, who, whose):
    refused(context.cast.own(who, whose).last_answer(), 401, "invalid_credentials")


@then("{who:Persona} is not signed in")
def step_not_signed_in(context, who):
    refused(tasks.profile(context.cast.actor(who)), 401, "not_authenticated")


@step("someone tries {times:Count} wrong passwords for {whose:Persona} account")
def step_guess_passwords(context, times, whose):
    owner = context.cast.actor(whose)
    bad_input.guess_passwords(context.cast.visitor(), owner.recall(notes.EMAIL), times)


@when("someone tries a wrong password for {count:Count} different accounts")
def step_guess_many_accounts(context, count):
    visitor = context.cast.visitor()
    for number in range(count):
        bad_input.guess_passwords(visitor, f"nobody-{number}@example.com", 1)


@when("{who:Persona} signs in with {whose:Persona} password")
def step_sign_in_own_password(context, who, whose):
    tasks.sign_in(context.cast.own(who, whose))


@then("{who:Persona} is told to wait before trying again")
def step_told_to_wait(context, who):
    answer = context.cast.actor(who).last_answer()
    refused(answer, 429, "too_many_attempts")
    retry_after = answer.headers.get("Retry-After", "")
    assert retry_after.isdigit() and int(retry_after) > 0, f"Retry-After: {retry_after!r}"
