"""Product photos: staff add them, shoppers see them, deleting a product takes them along."""

from behave import given, then, when

import journeys.vocabulary  # noqa: F401  (registers {who:Persona})
from support import checks, images, tasks


@given("{who:Persona} has added {count:Count} photos of the {product}")
def step_has_added(context, who, count, product):
    """That many photos added over HTTP, as staff."""
    actor = context.cast.actor(who)
    for _ in range(count):
        images.add_photo(actor, tasks.product_ref(actor, product), expect=201)


@when("{who:Persona} adds a photo of the {product}")
def step_adds_photo(context, who, product):
    """Adds a photo over HTTP, as staff; the shop must keep it."""
    actor = context.cast.actor(who)
    images.add_photo(actor, tasks.product_ref(actor, product), expect=201)


@when("{who:Persona} tries to add a photo of the {product}")
def step_tries_photo(context, who, product):
    """Tries to add a photo, noting first everything the shop holds."""
    actor = checks.note_holdings(context.cast.actor(who), context.run)
    images.add_photo(actor, tasks.product_ref(actor, product))


@when("{who:Persona} tries to add {upload} to the {product}")
def step_tries_upload(context, who, upload, product):
    """Sends this upload (a photo of a kind and size, or something else) as this persona."""
    actor = context.cast.actor(who)
    images.add_photo(actor, tasks.product_ref(actor, product), upload)


@when("{who:Persona} deletes the {product}")
def step_deletes(context, who, product):
    """Deletes a product over HTTP, as staff; the shop must do it."""
    actor = context.cast.actor(who)
    images.delete_product(actor, tasks.product_ref(actor, product), expect=204)


@when("{who:Persona} tries to delete the {product}")
def step_tries_delete(context, who, product):
    """Tries to delete a product, noting first everything the shop holds."""
    actor = checks.note_holdings(context.cast.actor(who), context.run)
    images.delete_product(actor, tasks.product_ref(actor, product))


@then(
    "{who:Persona} sees {count:Count} photo of the {product}, exactly as {sender:Persona} sent it"
)
@then(
    "{who:Persona} sees {count:Count} photos of the {product}, exactly as {sender:Persona} sent them"
)
def step_sees_photos(context, who, count, product, sender):
    """The shopper is shown these photos byte for byte as sent, and exactly those are stored."""
    images.photos_shown(context.cast.actor(who), context.cast.actor(sender), context.run,
                        product, count)  # fmt: skip


@then("{who:Persona} is shown none of {sender:Persona} photos of the {product}")
def step_shown_none(context, who, sender, product):
    """The shopper gets 404 for the product's photo list and for each photo the sender added."""
    images.photos_hidden(context.cast.actor(who), context.cast.actor(sender), product)


@then("{who:Persona} cannot add one more photo of the {product}")
def step_no_more(context, who, product):
    """One more photo is refused (409), and nothing more is stored."""
    images.refused_when_full(context.cast.actor(who), context.run, product)


@then("{who:Persona}'s photo is {outcome}")
def step_photo_outcome(context, who, outcome):
    """Kept (stored whole, record and file) or refused for the reason given (nothing stored)."""
    images.outcome_is(context.cast.actor(who), context.run, outcome)


@then("the {product} is gone, with its photos")
def step_gone_with_photos(context, product):
    """No product record, no photo record, no file in its storage folder."""
    images.deleted_with_photos(context.run, product)
