"""The payment gateway, over HTTP: charges and refunds, with retries that never charge twice.

Every attempt for one payment carries the same Idempotency-Key, so a retry after a timeout
or a 5xx cannot create a second charge. A refused connection is not retried (the gateway is
down; the shopper should hear so at once), nor is an answer the shop cannot read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests

from shop import telemetry
from shop.settings import ShopSettings


class PaymentDeclined(Exception):
    """The gateway answered, and said no."""


class GatewayUnavailable(Exception):
    """No usable answer: refused, timed out or 5xx after the retries."""


class GatewayBadResponse(Exception):
    """The gateway answered something that is not a charge or a refusal."""


@dataclass(frozen=True)
class Charge:
    id: str


class PaymentGateway:
    def __init__(self, settings: ShopSettings, tracer: Any = None) -> None:
        self.base_url = settings.payment_gateway_url.rstrip("/")
        self.timeout = settings.payment_timeout_seconds
        self.retries = settings.payment_retries
        self.http = requests.Session()
        self.tracer = tracer  # OpenTelemetry's, when the shop is traced (shop/telemetry.py)

    def charge(
        self, *, amount_cents: int, currency: str, reference: str, customer: str, key: str
    ) -> Charge:
        body = {
            "amount_cents": amount_cents,
            "currency": currency,
            "reference": reference,
            "customer": customer,
        }
        answer = self._post("/charges", body, key)
        if answer.get("status") == "approved" and answer.get("id"):
            return Charge(id=str(answer["id"]))
        if answer.get("status") == "declined":
            raise PaymentDeclined(str(answer.get("reason") or "declined"))
        raise GatewayBadResponse(f"unexpected charge answer: {answer!r}"[:200])

    def refund(self, *, charge_id: str, amount_cents: int, key: str) -> None:
        answer = self._post("/refunds", {"charge_id": charge_id, "amount_cents": amount_cents}, key)
        if answer.get("status") != "refunded":
            raise GatewayBadResponse(f"unexpected refund answer: {answer!r}"[:200])

    def _post(self, path: str, body: dict[str, Any], key: str) -> dict[str, Any]:
        url = self.base_url + path
        last = "no attempt made"
        for _attempt in range(self.retries + 1):
            try:
                with telemetry.outgoing(self.tracer, "POST", url) as call:
                    response = self.http.post(
                        url,
                        json=body,
                        timeout=self.timeout,
                        headers={"Idempotency-Key": key} | call.headers,
                    )
                    call.answered(response.status_code)
            except requests.Timeout:
                last = f"no answer within {self.timeout:g} s"
                continue
            except requests.ConnectionError:  # refused: the gateway is down, say so at once
                raise GatewayUnavailable("cannot connect to the payment gateway") from None
            if response.status_code >= 500:
                last = f"it answered {response.status_code}"
                continue
            try:
                answer = response.json()
            except ValueError:
                raise GatewayBadResponse(
                    f"the gateway answered {response.status_code} with no JSON"
                ) from None
            if not isinstance(answer, dict):
                raise GatewayBadResponse("the gateway's answer is not a JSON object")
            return answer
        raise GatewayUnavailable(f"after {self.retries + 1} attempts, {last}")
