"""Factories per database: notes are written straight into the notes database; a user
exists in two services (accounts, and notes through its event), so it is made by
registering, and its factory says so."""

from __future__ import annotations

from typing import Any

import factory
from accounts.models import User
from notes.models import Note

from journeys import JourneysError, ModelFactory
from journeys.data import session_of


class NoteFactory(ModelFactory):
    class Meta:
        model = Note
        sqlalchemy_session_factory = session_of("notes")

    class Params:
        longest = factory.Trait(text=factory.LazyFunction(lambda: "n" * 500))

    text = factory.Faker("sentence", nb_words=6)


class UserFactory(ModelFactory):
    class Meta:
        model = User
        sqlalchemy_session_factory = session_of("accounts")

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        raise JourneysError(
            "a user exists in two services (accounts, and notes once the user.registered "
            "event reached it); a row written into the accounts database alone would leave "
            "notes without its author. Make one by registering: support.tasks.register(actor), "
            "or the step 'Given Nora has registered'."
        )
