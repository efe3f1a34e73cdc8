"""What the shop accepts, in one place: every id, amount and text a request may carry.

Each bound comes from a column: ids and amounts are INTEGER on every backend (PostgreSQL's
is 32 bits), so anything beyond 2**31 - 1 is refused with 422 naming the field, never sent
to the database to fail there as a 500. Text is stripped before its length is checked, so
a name of spaces is empty, and a NUL character (which PostgreSQL cannot store) is refused.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

# The largest value an INTEGER column holds on every backend the shop supports.
MAX_INT = 2**31 - 1


# What the schema says of every text the shop takes: no NUL character (the validators below
# refuse it); a client reading the document knows before it sends one.
NO_NUL = {"pattern": "^[^\\x00]*$"}


def no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    return value


def no_nul_or_none(value: str | None) -> str | None:
    return None if value is None else no_nul(value)


# Path parameters: a product's or an order's id.
PathId = Annotated[int, Path(ge=1, le=MAX_INT, description="an id: 1 to 2147483647")]
# An id in a body.
BodyId = Annotated[int, Field(ge=1, le=MAX_INT)]
# A person's or a product's name: stripped, then 1 to 200 characters.
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(no_nul),
    Field(json_schema_extra=NO_NUL),
]
OptionalName = Annotated[
    str | None,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(no_nul_or_none),
    Field(json_schema_extra=NO_NUL),
]
Slug = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(no_nul),
    Field(json_schema_extra=NO_NUL),
]
Description = Annotated[
    str, Field(max_length=5000, json_schema_extra=NO_NUL), AfterValidator(no_nul)
]
OptionalDescription = Annotated[
    str | None, Field(max_length=5000, json_schema_extra=NO_NUL), AfterValidator(no_nul_or_none)
]
# Passwords are taken as typed (no stripping), without NUL.
Password = Annotated[
    str, Field(min_length=8, max_length=128, json_schema_extra=NO_NUL), AfterValidator(no_nul)
]
AnyPassword = Annotated[
    str, Field(max_length=128, json_schema_extra=NO_NUL), AfterValidator(no_nul)
]
Email = Annotated[str, Field(max_length=320, json_schema_extra=NO_NUL), AfterValidator(no_nul)]
Search = Annotated[
    str | None,
    Query(
        max_length=100,
        description="words, each in the name or the description",
        json_schema_extra=NO_NUL,
    ),
    AfterValidator(no_nul_or_none),
]
# A page's cursor, from the links of the page before: opaque, checked by shop.paging.
Cursor = Annotated[
    str | None,
    Query(
        max_length=600,
        description="from a page's links: where the page starts",
        json_schema_extra=NO_NUL,
    ),
    AfterValidator(no_nul_or_none),
]


def iso_day(value: object) -> object:
    """A day is written YYYY-MM-DD: not a number of seconds, which pydantic would also read."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("write the day as YYYY-MM-DD")
    return value


# A UTC day in a query, exactly as YYYY-MM-DD.
Day = Annotated[
    date | None,
    Query(description="a UTC day, YYYY-MM-DD; default: today"),
    BeforeValidator(iso_day),
]
