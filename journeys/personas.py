"""Personas: each named actor of a scenario owns an HTTP session and typed notes.

Steps say "Paula", "she", "Paula's"; the cast resolves them to one actor per name for the
scenario, with the actor most recently named in the spotlight for pronouns. What an actor
knows is kept under ``Note`` keys that carry their type, as Screenplay's notes do:
``EMAIL = Note[str]("email")``; ``actor.recall(EMAIL)`` is then a ``str`` to a type checker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

import requests

from journeys import secrets
from journeys.answers import CONTRACT_ATTRIBUTE
from journeys.contracts import ContractViolation
from journeys.http import Recorder, unexpected
from journeys.queries import REQUEST_HEADER
from journeys.secrets import SECRET_FIELDS, mask_text

PRONOUNS = {"she", "he", "they", "her", "his", "their", "hers", "him", "them"}
T = TypeVar("T")


@dataclass(frozen=True)
class Note(Generic[T]):
    """A typed key for what an actor remembers; ``secret`` values are masked in reports."""

    name: str
    secret: bool = False

    def __str__(self) -> str:
        return self.name


class Actor:
    def __init__(
        self,
        name: str,
        base_url: str,
        recorder: Recorder | None,
        timeout: float,
        before_call: Callable[[], None] = lambda: None,
        http: requests.Session | None = None,
        urls: Mapping[str, str] | None = None,
    ) -> None:
        """``recorder`` None: nothing is recorded (a load run's users); ``http``: a session
        of the caller's, such as Locust's HttpSession (a requests.Session); ``urls``: a
        system's services by name, for ``call(..., service=name)``."""
        self.name = name
        self.urls = dict(urls or {})
        self.before_call = before_call
        self._notes: dict[Note[Any], Any] = {}
        self.base_url = base_url
        self.timeout = timeout
        self.recorder = recorder
        self.last_response: requests.Response | None = None
        self.http = http if http is not None else requests.Session()
        self.http.trust_env = False  # no proxies from the environment on loopback
        if recorder is not None:
            self.http.hooks["response"].append(recorder.hook_for(name))

    def call(
        self,
        method: str,
        path: str,
        *,
        expect: int | tuple[int, ...] | None = None,
        service: str | None = None,
        **kw: Any,
    ) -> requests.Response:
        """Call the service (in a system, the entry service, or the one named); with
        ``expect``, any other status fails the step with context."""
        base = self.base_url if service is None else self._url_of(service)
        kw.setdefault("timeout", self.timeout)
        self.before_call()  # the harness lets go of what it holds in the database
        headers = dict(kw.pop("headers", {}))
        if self.recorder is not None:
            headers[REQUEST_HEADER] = self.recorder.next_request_id()
            if self.recorder.tracing and "traceparent" not in headers:
                headers["traceparent"] = self.recorder.traceparent()
        response = self.http.request(method, base + path, headers=headers, **kw)
        self.last_response = response
        problems = getattr(response, CONTRACT_ATTRIBUTE, None)
        if problems:
            raise ContractViolation(mask_text(f"Contract violation: {'; '.join(problems)}"))
        wanted = (expect,) if isinstance(expect, int) else expect
        if wanted is not None and response.status_code not in wanted:
            raise unexpected(self.name, response, " or ".join(map(str, wanted)))
        return response

    def _url_of(self, service: str) -> str:
        if service not in self.urls:
            known = ", ".join(sorted(self.urls)) or "none: the target is one service"
            raise LookupError(
                f"{self.name} cannot call {service!r}: the system's services are {known}"
            )
        return self.urls[service]

    def remember(self, note: Note[T], value: T) -> T:
        if isinstance(value, str) and (note.secret or SECRET_FIELDS.search(note.name)):
            secrets.remember(value)  # masked in every report from now on
        self._notes[note] = value
        return value

    def recall(self, note: Note[T]) -> T:
        try:
            return cast(T, self._notes[note])
        except KeyError:
            known = ", ".join(sorted(n.name for n in self._notes)) or "nothing yet"
            raise LookupError(
                f"{self.name} has no note {note.name!r} (notes: {known}); "
                "a step that gives it one must come first."
            ) from None

    def knows(self, note: Note[Any]) -> bool:
        return note in self._notes

    def forget(self, note: Note[T]) -> T | None:
        return cast("T | None", self._notes.pop(note, None))

    def last_answer(self) -> requests.Response:
        if self.last_response is None:
            raise LookupError(f"{self.name} has not asked the service anything yet.")
        return self.last_response

    def close(self) -> None:
        self.http.close()

    def __repr__(self) -> str:
        return f"<Actor {self.name}>"


class Cast:
    def __init__(
        self,
        base_url: str,
        recorder: Recorder,
        timeout: float = 10.0,
        before_call: Callable[[], None] = lambda: None,
    ) -> None:
        self.base_url = base_url
        self.recorder = recorder
        self.timeout = timeout
        self.before_call = before_call
        self.urls: dict[str, str] = {}  # a system's services by name (journeys.system)
        self._actors: dict[str, Actor] = {}
        self._spotlight: Actor | None = None
        self._group: list[Actor] = []

    def actor(self, name: str) -> Actor:
        """'Paula', "Paula's", 'she', 'her': the same actor within a scenario."""
        key = name.strip()
        if key.endswith(("'s", "\u2019s")):  # typed or typographic apostrophe
            key = key[:-2]
        if key.lower() in PRONOUNS:
            if self._spotlight is None:
                raise LookupError(f"{name!r} refers to nobody: name a persona first.")
            return self._spotlight
        actor = self._actors.get(key)
        if actor is None:
            actor = self._actors[key] = self._new(key)
        self._spotlight = actor
        return actor

    def own(self, who: str, whose: str) -> Actor:
        """The actor ``who`` acting on what is their own ("Paula adds 2 mugs to her cart").

        ``whose`` must name the same actor; anyone else fails the step, so a step cannot say
        "Paula adds to Bob's cart" and quietly use Paula's.
        """
        actor = self.actor(who)
        owner = self.actor(whose)
        self._spotlight = actor
        if owner is not actor:
            raise LookupError(
                f"'{who} ... {whose}': this step acts on {actor.name}'s own things, not "
                f"{owner.name}'s; write it with {actor.name}'s own (her, his, their)."
            )
        return actor

    def gather(self, names: list[str]) -> list[Actor]:
        """'Paula and Bob', '10 shoppers': these actors are now 'they'."""
        self._group = [self.actor(name) for name in names]
        return self._group

    @property
    def group(self) -> list[Actor]:
        """The actors gathered last ('they all check out')."""
        if not self._group:
            raise LookupError("'they' refers to nobody: name the shoppers first")
        return list(self._group)

    def _new(self, name: str) -> Actor:
        return Actor(
            name, self.base_url, self.recorder, self.timeout, self.before_call, urls=self.urls
        )

    def visitor(self) -> Actor:
        """An anonymous visitor: never in the spotlight, so 'she' still means the persona."""
        return self.offstage("a visitor")

    def offstage(self, name: str) -> Actor:
        """An actor who works behind the scenes (an operator, a back office): never in the
        spotlight, so a step the story does not name them in leaves 'she' as it was."""
        if name not in self._actors:
            self._actors[name] = self._new(name)
        return self._actors[name]

    @property
    def spotlight(self) -> Actor:
        """The actor most recently named: the one a pronoun, or an answer, refers to."""
        if self._spotlight is None:
            raise LookupError("nobody has acted yet: name a persona first")
        return self._spotlight

    def dismiss(self) -> None:
        for actor in self._actors.values():
            actor.close()
        self._actors.clear()
        self._spotlight = None
        self._group = []
