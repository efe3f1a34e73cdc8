"""Every HTTP exchange of a scenario, recorded through one requests response hook.

The record (who, which step, method, URL, status, timing, headers, bodies) is what a report
needs to explain a failure without a rerun. Credentials are masked as they are recorded.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

import requests

from journeys.answers import (
    CONTRACT_ATTRIBUTE,
    ERROR_ATTRIBUTE,
    ErrorReader,
    decode,
    error_of,
    read_error,
)
from journeys.exceptions import UnexpectedResponse
from journeys.queries import REQUEST_HEADER, QueryLog, Statement
from journeys.secrets import mask_body, mask_headers, mask_text
from journeys.tracing.context import parent_of, traceparent


@dataclass
class Exchange:
    request_id: str | None
    actor: str
    step: str | None
    method: str
    url: str
    status: int
    elapsed_ms: float
    request_headers: dict[str, str]
    request_body: Any
    response_headers: dict[str, str]
    response_body: Any
    # The SQL the service ran to answer this request.
    queries: list[Statement] = field(default_factory=list)
    # What the OpenAPI document says of the answer: [] valid, None no document.
    contract: list[str] | None = None
    # The trace the request started (its traceparent's), with the tracing setting on.
    trace_id: str | None = None

    def summary(self) -> str:
        return f"{self.method} {self.url} -> {self.status} ({self.elapsed_ms:.1f} ms)"


@dataclass
class Recorder:
    exchanges: list[Exchange] = field(default_factory=list)
    step: str | None = None
    queries: QueryLog | None = None
    read_error: ErrorReader = read_error
    contract: Any = None  # journeys.contracts.Contract, when the target has a document
    # A system's services' documents by their base URL: each answer checked by its own.
    contracts: list[tuple[str, Any]] = field(default_factory=list)
    # Messages and mails of the scenario: (step, journeys.broker.Seen).
    messages: list[tuple[str | None, Any]] = field(default_factory=list)
    # With the tracing setting on, each request carries a traceparent: one trace per step.
    tracing: bool = False
    traced: list[tuple[str | None, str, str]] = field(default_factory=list)  # step, trace, span
    _sent: int = 0
    _traces: dict[str | None, str] = field(default_factory=dict)
    _collected: set[str] = field(default_factory=set)

    def next_request_id(self) -> str:
        self._sent += 1
        return str(self._sent)

    def traceparent(self) -> str:
        """A W3C traceparent for the next request: the step's trace, a span id of its own."""
        trace = self._traces.setdefault(self.step, secrets.token_hex(16))
        span = secrets.token_hex(8)
        self.traced.append((self.step, trace, span))
        return traceparent(trace, span)

    def traced_in(self, step: str | None) -> list[tuple[str, str]]:
        """(trace id, span id) of each request the step sent."""
        return [(trace, span) for at, trace, span in self.traced if at == step]

    def take_traced(self, step: str | None) -> list[tuple[str, str]]:
        """Those of the step's requests whose spans nobody collected yet (a step that runs
        steps of its own, behave's ``execute_steps``, has them collected there)."""
        fresh = [sent for sent in self.traced_in(step) if sent[1] not in self._collected]
        self._collected.update(span for _, span in fresh)
        return fresh

    def hook_for(self, actor: str) -> Any:
        def record(response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
            request = response.request
            body = decode(response.content)
            error = self._error(body) if response.status_code >= 400 else None
            setattr(response, ERROR_ATTRIBUTE, error)
            contract = self._contract_for(response.url or "")
            failing, problems = contract.check(response) if contract is not None else (None, None)
            setattr(response, CONTRACT_ATTRIBUTE, failing)
            request_id = str(request.headers.get(REQUEST_HEADER, "")) or None
            self.exchanges.append(
                Exchange(
                    request_id=request_id,
                    actor=actor,
                    step=self.step,
                    method=request.method or "",
                    url=request.url or "",
                    status=response.status_code,
                    elapsed_ms=response.elapsed.total_seconds() * 1000,
                    request_headers=mask_headers(request.headers),
                    request_body=mask_body(decode(request.body)),
                    response_headers=mask_headers(response.headers),
                    response_body=mask_body(body),
                    queries=self.queries.of_request(request_id) if self.queries else [],
                    contract=problems,
                    trace_id=_trace_of(request.headers.get("traceparent")),
                )
            )

        return record

    def _contract_for(self, url: str) -> Any:
        for base, contract in self.contracts:
            if url.startswith(base + "/") or url == base:
                return contract
        return None if self.contracts else self.contract

    def _error(self, body: Any) -> Any:
        try:
            return self.read_error(body)
        except Exception:
            return read_error(body)

    def in_step(self, step: str) -> list[Exchange]:
        return [e for e in self.exchanges if e.step == step]

    def messages_in(self, step: str) -> list[Any]:
        return [seen for at, seen in self.messages if at == step]


def unexpected(actor: str, response: requests.Response, expected: str) -> UnexpectedResponse:
    """The step expected another status: say who asked what, and what the service said."""
    error = error_of(response)
    said = str(error) if error else _short(response.text)
    request = response.request
    return UnexpectedResponse(
        mask_text(
            f"{actor}'s {request.method} {request.path_url} answered "
            f"{response.status_code} ({said}); expected {expected}"
        ),
        response,
    )


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def _trace_of(header: str | bytes | None) -> str | None:
    parent = parent_of(header)
    return parent[0] if parent else None
