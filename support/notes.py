"""What a shopper remembers between steps, each note with its type."""

from __future__ import annotations

from typing import Any, NamedTuple

import requests

from journeys.personas import Note

EMAIL = Note[str]("email")
PASSWORD = Note[str]("password", secret=True)
FULL_NAME = Note[str]("full name")
# The order as the shop answered at checkout (its id at least).
ORDER = Note[dict[str, Any]]("order")
# What a browse looked for ({"category": ...} or {"term": ...}), and the names it was shown.
LOOKED_FOR = Note[dict[str, str]]("looked for")
SEEN = Note[list[str]]("products seen")


class Shown(NamedTuple):
    """A product on a page as a shopper tells it apart: by name, and namesakes by their own
    page (the id its link carries), so a pager that swaps or repeats namesakes is seen."""

    name: str
    id: int


# The products of the page last read, and of every page read in order.
SHOWN = Note[list[Shown]]("products shown")
PAGES = Note[list[list[Shown]]]("catalog pages")
# The links of the last catalog page read: {"next": ..., "prev": ...}, each a path or None.
PAGE_LINKS = Note[dict[str, str | None]]("page links")
# The links of every page read, in order.
LINKS_SEEN = Note[list[dict[str, str | None]]]("links seen")
# Counts and snapshots taken before a step that must change nothing.
ACCOUNTS_BEFORE = Note[int]("accounts before")
CATALOG_BEFORE = Note[Any]("catalog before")
# One cart checked out several times at once: every answer.
CHECKOUT_ANSWERS = Note[list[requests.Response]]("checkout answers")
# Photos a staff member sent and the shop kept: the bytes, by image id.
PHOTOS_SENT = Note[dict[int, bytes]]("photos sent")
# Products drafted by this staff member (not in the catalog yet): id by name.
DRAFTS = Note[dict[str, int]]("drafts")
# Everything the shop held before an attempt that must change nothing (journeys holdings).
HELD_BEFORE = Note[dict[str, Any]]("held before")
# A token set on purpose (malformed, forged, expired) for the next attempt only.
TOKEN_HELD = Note[bool]("token held")
