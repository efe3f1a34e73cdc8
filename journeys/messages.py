"""What a scenario's messages look like in its record: one ``Seen`` per message published,
consumed or mailed, kept per step beside the HTTP exchanges (``Recorder.messages``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Seen:
    what: str  # published | consumed | consumer died | mail
    kind: str  # the event's kind, or a mail's subject
    detail: str  # the body, or what the consumer did with it

    def line(self) -> str:
        return f"{self.what}: {self.kind}"
