"""Shoppers with realistic names and a known password (kept by the persona that owns them)."""

from __future__ import annotations

import re
import unicodedata

import factory
from sqlalchemy import select

from journeys.data import ModelFactory, current_session
from shop.models import User
from shop.security import Passwords
from support.target import SETTINGS

_passwords = Passwords(SETTINGS)


def email_local_part(full_name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", full_name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", ".", ascii_name.lower()).strip(".") or "shopper"


class UserFactory(ModelFactory):
    class Meta:
        model = User

    class Params:
        password = factory.Faker("password", length=14)
        staff = factory.Trait(role="staff")

    full_name = factory.Faker("name")
    # The sequence keeps emails unique within a scenario whatever names Faker draws.
    email = factory.LazyAttributeSequence(
        lambda o, n: f"{email_local_part(o.full_name)}.{n}@example.com"
    )
    password_hash = factory.LazyAttribute(lambda o: _passwords.hash(o.password))


def shopper(email: str) -> User:
    """The stored shopper with this email, for factories that build on a persona."""
    user = current_session().scalars(select(User).where(User.email == email.lower())).first()
    if user is None:
        raise LookupError(f"no shopper with the email {email!r}: register the persona first")
    return user
