"""Reading a service's own OpenAPI document as real ones come: JSON or YAML, a servers entry
with a path (``/api``, ``https://api.example.com/v1``, ``{scheme}://host/{base}``), and the
team's committed list of mismatches it accepts for now, each with its reason."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from journeys.exceptions import HarnessError


def parse_document(text: str, where: str) -> dict[str, Any]:
    """A JSON or YAML OpenAPI document; an error says which, and where, it could not read."""
    try:
        document = json.loads(text)
    except ValueError:
        import yaml  # PyYAML comes with openapi-core (extra 'contracts')

        try:
            document = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise HarnessError(
                f"the OpenAPI document {where!r} is neither JSON nor YAML ({exc}). Correct "
                "it, or Target.openapi."
            ) from None
    if not isinstance(document, dict) or "paths" not in document:
        raise HarnessError(
            f"the document {where!r} is not an OpenAPI document (no 'paths'). Correct "
            "Target.openapi (a file, or the path the service serves its document on)."
        )
    return document


def base_path(document: dict[str, Any]) -> str:
    """The path of the document's first server ("" for none or "/"), variables filled with
    their defaults: where its operations' paths start."""
    servers = document.get("servers") or [{"url": "/"}]
    server = servers[0]
    url = server.get("url", "/")
    for name, variable in (server.get("variables") or {}).items():
        url = url.replace("{" + name + "}", str(variable.get("default", "")))
    path = urlsplit(url).path if "://" in url else url
    return re.sub(r"/+$", "", path)


@dataclass
class Accepted:
    """A breach the team accepts for now: its operation, and optionally its status and a
    piece of its message; its reason is required."""

    operation: str
    reason: str
    status: str = ""
    contains: str = ""
    seen: int = 0

    def covers(self, breach: str) -> bool:
        name, _, rest = breach.partition(" -> ")
        status = rest.split(":", 1)[0]
        return (
            name == self.operation
            and (not self.status or status == self.status)
            and self.contains in breach
        )

    def describe(self) -> str:
        status = f" -> {self.status}" if self.status else ""
        contains = f" containing {self.contains!r}" if self.contains else ""
        return f"{self.operation}{status}{contains} ({self.reason})"


def read_accepted(where: str) -> list[Accepted]:
    """The ``[[accepted]]`` entries of a TOML file; each names its operation and its reason."""
    try:
        entries = tomllib.loads(Path(where).read_text()).get("accepted", [])
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise HarnessError(
            f"cannot read the accepted contract mismatches {where!r}: {exc}. Correct the "
            "file (or Target.openapi_accepted)."
        ) from None
    found = []
    for number, entry in enumerate(entries, start=1):
        if not entry.get("operation") or not entry.get("reason"):
            raise HarnessError(
                f'{where}: accepted mismatch {number} needs an operation ("GET /users/{{id}}") '
                "and a reason (why it is accepted for now)."
            )
        found.append(
            Accepted(
                operation=entry["operation"],
                reason=entry["reason"],
                status=str(entry.get("status", "")),
                contains=entry.get("contains", ""),
            )
        )
    return found
