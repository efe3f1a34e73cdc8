"""What the services answer and what their databases hold, each read its own way."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from notes.models import Author, Note
from sqlalchemy import select

from journeys import Actor
from support import remembered


def notes_said(actor: Actor, whose: Actor) -> list[str]:
    """The texts the notes service lists for a member, oldest first."""
    answer = actor.call(
        "GET",
        f"/authors/{whose.recall(remembered.USER_ID)}/notes",
        service="notes",
        expect=(200, 404),
    )
    return [note["text"] for note in answer.json()] if answer.status_code == 200 else []


def notes_stored(dbs: Any, whose: Actor) -> list[str]:
    query = (
        select(Note.text)
        .where(Note.author_id == whose.recall(remembered.USER_ID))
        .order_by(Note.id)
    )
    return [row["text"] for row in dbs["notes"].rows(query)]


def bio_said(actor: Actor, whose: Actor, service: str) -> str:
    path = "/users/{}" if service == "accounts" else "/authors/{}"
    answer = actor.call(
        "GET", path.format(whose.recall(remembered.USER_ID)), service=service, expect=200
    )
    return str(answer.json()["bio"])


def bio_stored(dbs: Any, whose: Actor, service: str) -> str | None:
    table = User if service == "accounts" else Author
    rows = dbs[service].rows(select(table.bio).where(table.id == whose.recall(remembered.USER_ID)))
    return rows[0]["bio"] if rows else None


def members_named(dbs: Any, name: str) -> dict[str, int]:
    """How many users (accounts) and authors (notes) bear this name."""
    return {
        "accounts": len(dbs["accounts"].rows(select(User.id).where(User.name == name))),
        "notes": len(dbs["notes"].rows(select(Author.id).where(Author.name == name))),
    }
