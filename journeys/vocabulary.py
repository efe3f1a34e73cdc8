"""Typed placeholders for step patterns.

``{who:Persona}`` matches only a capitalised name, its possessive or a pronoun, so a loose
placeholder cannot swallow half a sentence ("she is told her" is no persona).
"""

from __future__ import annotations

from behave import register_type
from parse import with_pattern

# A capitalised name in any Latin script (Paula, Zoë, Łukasz), its possessive, or a pronoun.
PERSONA = r"[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]+(?:'s)?|[Ss]he|[Hh]e|[Tt]hey|[Hh]er|[Hh]is|[Tt]heir"


@with_pattern(PERSONA)
def parse_persona(text: str) -> str:
    return text


@with_pattern(r"\d+")
def parse_count(text: str) -> int:
    return int(text)


register_type(Persona=parse_persona, Count=parse_count)
