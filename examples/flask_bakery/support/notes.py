"""What a customer remembers between steps, each note with its type."""

from __future__ import annotations

from typing import Any

from journeys.personas import Note

EMAIL = Note[str]("email")
PASSWORD = Note[str]("password", secret=True)
ORDER = Note[dict[str, Any]]("order")  # as the bakery answered when it was placed
