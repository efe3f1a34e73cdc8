"""The rule across the two databases, checked after every scenario once the system settled."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from notes.models import Author
from sqlalchemy import select

from journeys import Invariant


def authors_match_users(dbs: Any, baseline: Any) -> list[dict[str, Any]]:
    users = {row["id"]: row for row in dbs["accounts"].rows(select(User.id, User.name, User.bio))}
    return [
        author
        for author in dbs["notes"].rows(select(Author.id, Author.name, Author.bio))
        if (user := users.get(author["id"])) is None
        or (user["name"], user["bio"]) != (author["name"], author["bio"])
    ]


INVARIANTS = (
    Invariant(
        "authors_match_users",
        "Every author the notes service knows is a user of the accounts service, with the "
        "same name and bio",
        authors_match_users,
    ),
)
