"""The notes system's steps: one or two calls each, into support/ and factories/."""

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  ({who:Persona}, {n:Count})
from factories import NoteFactory
from journeys import agree, published, refused
from support import questions, remembered, tasks

OPERATOR = "Olga"  # who works the notes service's switches


@given("{who:Persona} has registered")
@when("{who:Persona} registers")
def step_registers(context, who):
    """Registers with the accounts service under the persona's name, and signs in."""
    tasks.register(context.cast.actor(who)).raise_for_status()


@when("{who:Persona} tries to register under {whose:Persona} name")
def step_register_taken(context, who, whose):
    """Registers under the name another persona registered with."""
    tasks.register(context.cast.actor(who), name=context.cast.actor(whose).recall(remembered.NAME))


@given('{who:Persona} has written the note "{text}"')
@when('{who:Persona} writes the note "{text}"')
def step_writes(context, who, text):
    """Writes a note through the notes service; it must be accepted."""
    tasks.write_note(context.cast.actor(who), text).raise_for_status()


@when('{who:Persona} tries to write the note "{text}"')
def step_tries_to_write(context, who, text):
    """Writes a note through the notes service, whatever the answer."""
    tasks.write_note(context.cast.actor(who), text)


@when("{who:Persona} tries to write a note of {length:Count} characters")
def step_note_of_length(context, who, length):
    """A note of exactly that many characters."""
    tasks.write_note(context.cast.actor(who), "n" * length)


@given("{who:Persona} has {count:Count} notes already")
def step_has_notes(context, who, count):
    """Notes written straight into the notes database by the factories."""
    NoteFactory.create_batch(count, author_id=context.cast.actor(who).recall(remembered.USER_ID))


@when('{who:Persona} changes {whose:Persona} bio to "{bio}"')
def step_changes_bio(context, who, whose, bio):
    """Changes the persona's own bio through the accounts service."""
    tasks.change_bio(context.cast.own(who, whose), bio)


@given("the notes service has stopped reading account events")
def step_reader_stopped(context):
    """The operator pauses the notes service's consumer; resumed at the end in any case."""
    operator = context.cast.offstage(OPERATOR)
    tasks.switch_reader(operator, running=False)
    context.add_cleanup(tasks.switch_reader, operator, running=True)


@when("the notes service reads account events again")
def step_reader_back(context):
    """The operator resumes the consumer: the events waiting are read."""
    tasks.switch_reader(context.cast.offstage(OPERATOR), running=True)


@given("the notes service reads account events slowly")
def step_reader_slow(context):
    """Each event takes the consumer 0.3 s: the system is eventually consistent."""
    operator = context.cast.offstage(OPERATOR)
    tasks.switch_reader(operator, running=True, delay=0.3)
    context.add_cleanup(tasks.switch_reader, operator, running=True)


@then('{who:Persona} notes are "{texts}"')
def step_notes_are(context, who, texts):
    """The member's notes, by the notes service and by its database, oldest first."""
    member, wanted = context.cast.actor(who), texts.split('", "')
    agree(
        f"{member.name}'s notes",
        wanted,
        api=questions.notes_said(context.cast.spotlight, member),
        notes_database=questions.notes_stored(context.run.dbs, member),
    )


@then("{who:Persona} has {count:Count} notes")
def step_note_count(context, who, count):
    """How many notes the member has, by the notes service and by its database."""
    member = context.cast.actor(who)
    agree(
        f"how many notes {member.name} has",
        count,
        api=len(questions.notes_said(context.cast.spotlight, member)),
        notes_database=len(questions.notes_stored(context.run.dbs, member)),
    )


@then('both services say {whose:Persona} bio is "{bio}"')
def step_bios_agree(context, whose, bio):
    """Four witnesses: each service's answer and each service's database."""
    member, asker = context.cast.actor(whose), context.cast.spotlight
    agree(
        f"{member.name}'s bio",
        bio,
        accounts_api=questions.bio_said(asker, member, "accounts"),
        accounts_database=questions.bio_stored(context.run.dbs, member, "accounts"),
        notes_api=questions.bio_said(asker, member, "notes"),
        notes_database=questions.bio_stored(context.run.dbs, member, "notes"),
    )


@then("an event announced {who:Persona} to the other services")
def step_announced(context, who):
    """The accounts service published a user.registered event naming the member."""
    published(context.run, "user.registered", context.cast.actor(who).recall(remembered.NAME))


@then("{who:Persona} is told the notes service does not know {whose:Persona} yet")
def step_told_unknown(context, who, whose):
    """Refused 401 as a member the notes service has not heard of, naming her user."""
    error = refused(context.cast.actor(who).last_answer(), 401, "unknown_author")
    member = context.cast.actor(whose).recall(remembered.USER_ID)
    agree("the member the refusal names", True, message=f"user {member} " in error.message)


@then("{who:Persona} is told a note holds 1 to 500 characters")
def step_told_length(context, who):
    """Refused 422, saying how long a note may be."""
    refused(context.cast.actor(who).last_answer(), 422, "invalid_text")


@then("{who:Persona} is told the name is taken")
def step_told_taken(context, who):
    """Refused 409: the name belongs to another member."""
    refused(context.cast.actor(who).last_answer(), 409)


@then("one member bears {whose:Persona} name in each service")
def step_one_member(context, whose):
    """Exactly one user (accounts) and one author (notes) bear the name."""
    name = context.cast.actor(whose).recall(remembered.NAME)
    agree(
        f"members named {name}",
        {"accounts": 1, "notes": 1},
        databases=questions.members_named(context.run.dbs, name),
    )
