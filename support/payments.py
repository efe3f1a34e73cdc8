"""The payment provider, as scenarios program it: behaviours in business words, and a record
of what the shop sent it. Like a real gateway it honours idempotency keys: a repeated key
returns the first charge or refund instead of making another, and a key used again for a
different refund is refused (400), as Stripe refuses a key reused with other parameters."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from werkzeug import Request, Response

from journeys.stubs import OutsideService

SERVICE = "payment_gateway"
# Test timing (see support.target.SETTINGS): one attempt may take this long, and is retried
# twice. 0.1 s proves the rule as well as the shop's real 5 s does, and keeps the timeout
# scenario under 0.5 s; an approving stand-in answers in a few milliseconds.
SHOP_WAITS_SECONDS = 0.1


@dataclass
class Attempt:
    key: str | None
    body: dict[str, Any]


@dataclass
class PaymentProvider:
    service: OutsideService
    attempts: list[Attempt] = field(default_factory=list)
    charges: dict[str, dict[str, Any]] = field(default_factory=dict)  # by idempotency key
    refunds: list[dict[str, Any]] = field(default_factory=list)
    _refunds_by_key: dict[str, dict[str, Any]] = field(default_factory=dict)
    _ids: Any = field(default_factory=lambda: itertools.count(1))
    # What the scenario saw of the shop while a charge waited for the provider's decision.
    seen_meanwhile: Any = None
    _looked: bool = False

    # -- behaviours -------------------------------------------------------------------------

    def approves(self) -> None:
        self._on_charge(lambda request, body: self._approve(request, body))

    def declines_card_of(self, email: str, reason: str = "insufficient funds") -> None:
        def decide(request: Request, body: dict[str, Any]) -> Response:
            if body.get("customer") == email:
                return _json({"status": "declined", "reason": reason}, 402)
            return self._approve(request, body)

        self._on_charge(decide)

    def is_slower_than_the_shop_waits(self) -> None:
        def slowly(request: Request, body: dict[str, Any]) -> Response:
            self.service.delay(SHOP_WAITS_SECONDS * 4)
            return self._approve(request, body)

        self._on_charge(slowly)

    def looks_before_deciding(self, look: Callable[[], Any]) -> None:
        """Approves, but the first charge waits while ``look`` runs: what the shop holds in
        the middle of a payment is kept in ``seen_meanwhile``. A look slower than the shop
        waits makes it try again, and that attempt is approved at once (same key)."""

        def decide(request: Request, body: dict[str, Any]) -> Response:
            if not self._looked:
                self._looked = True
                self.seen_meanwhile = look()
            return self._approve(request, body)

        self._on_charge(decide)

    def fails_then_approves(self, failures: int, status: int = 503) -> None:
        def flaky(request: Request, body: dict[str, Any]) -> Response:
            if len(self.attempts) <= failures:
                return _json({"error": f"failing with {status}"}, status)
            return self._approve(request, body)

        self._on_charge(flaky)

    def is_down(self) -> None:
        self.service.go_down()

    def answers_garbage(self) -> None:
        self._on_charge(
            lambda _request, _body: Response(
                "<html><body>502 Bad Gateway (upstream)</body></html>",
                status=200,
                content_type="text/html",
            )
        )

    def answers_oddly(self, answer: Any) -> None:
        """Answers a charge with JSON that is not an approval or a refusal."""
        self._on_charge(lambda _request, _body: _json(answer, 200))

    def cannot_refund(self, answer: Any, status: int) -> None:
        """Refunds fail: every refund is answered this way (an error, or an odd answer)."""
        self.service.on("POST", "/refunds", lambda _request: _json(answer, status))

    # -- what it saw ------------------------------------------------------------------------

    def approved_charges(self) -> list[dict[str, Any]]:
        return list(self.charges.values())

    def keys_used(self) -> set[str | None]:
        return {attempt.key for attempt in self.attempts}

    # -- the wire ---------------------------------------------------------------------------

    def _on_charge(self, decide: Any) -> None:
        def charge(request: Request) -> Response:
            body = json.loads(request.get_data() or b"{}")
            self.attempts.append(Attempt(request.headers.get("Idempotency-Key"), body))
            return decide(request, body)

        self.service.on("POST", "/charges", charge)

    def _approve(self, request: Request, body: dict[str, Any]) -> Response:
        key = request.headers.get("Idempotency-Key") or f"no-key-{next(self._ids)}"
        if key not in self.charges:  # idempotent: the same key never charges twice
            self.charges[key] = {"id": f"ch_{next(self._ids)}", "status": "approved", **body}
        return _json(self.charges[key], 201)

    def _refund(self, request: Request) -> Response:
        body = json.loads(request.get_data() or b"{}")
        key = request.headers.get("Idempotency-Key") or f"no-key-{next(self._ids)}"
        first = self._refunds_by_key.get(key)
        if first is None:
            self.refunds.append(body)
            first = self._refunds_by_key[key] = {
                "id": f"re_{next(self._ids)}", "status": "refunded", **body
            }  # fmt: skip
        elif any(first.get(name) != value for name, value in body.items()):
            return _json({"error": f"idempotency key {key!r} was used for another refund"}, 400)
        return _json(first, 201)


def _json(body: Any, status: int) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json")


def provider(services: Mapping[str, OutsideService]) -> PaymentProvider:
    controller = services[SERVICE].controller
    assert isinstance(controller, PaymentProvider), "prepare() sets the provider up"
    return controller


def prepare(services: Mapping[str, OutsideService]) -> None:
    """Every scenario starts with a provider that approves payments and refunds."""
    service = services[SERVICE]
    service.controller = PaymentProvider(service)
    service.controller.approves()
    service.on("POST", "/refunds", service.controller._refund)
