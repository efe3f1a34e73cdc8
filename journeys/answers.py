"""Reading a service's error answers, whatever their shape.

Services say "no" in many dialects: ``{"error": {"code": ..., "message": ...}}``,
``{"error": "Not Found"}``, FastAPI's and DRF's ``{"detail": ...}``, Flask-JWT-Extended's
``{"msg": ...}``, RFC 9457 problem details, JSON:API's and GraphQL's ``{"errors": [...]}``,
DRF's ``{"field": ["..."]}``, plain text. ``read_error`` understands the common ones; a
Target whose service speaks another gives its own reader (``Target.read_error``). A body that
is not JSON never breaks a step.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests

# Set on each recorded response by the recorder, with the target's reader.
ERROR_ATTRIBUTE = "journeys_error"
# ... and what the target's OpenAPI document says is wrong with it (None: no document).
CONTRACT_ATTRIBUTE = "journeys_contract"


@dataclass(frozen=True)
class ErrorBody:
    code: str | None
    message: str | None
    field: str | None = None
    # The error object as the service sent it, for details a step wants to check.
    raw: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.raw[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.raw.get(key, default)

    def __str__(self) -> str:
        return ": ".join(str(p) for p in (self.code, self.message) if p) or "(no message)"


ErrorReader = Callable[[Any], "ErrorBody | None"]


def read_error(body: Any) -> ErrorBody | None:
    """An error in one of the common shapes; None when the body says nothing readable."""
    if isinstance(body, str):
        text = body.strip()
        return ErrorBody(None, text[:500]) if text else None
    if not isinstance(body, dict):
        return None
    error = body.get("error")
    if isinstance(error, dict):
        return _from(error, ("code", "type", "name"), ("message", "detail", "description"))
    if isinstance(error, str):  # {"error": "Not Found"} or {"error": "x", "message": "..."}
        message = body.get("message") or body.get("description") or body.get("detail")
        if isinstance(message, str):
            return ErrorBody(error, message, _text(body.get("field")), body)
        return ErrorBody(None, error, None, body)
    detail = body.get("detail")
    if "title" in body or ("type" in body and detail is not None):  # RFC 9457 problem details
        return ErrorBody(
            _text(body.get("type")), _text(detail) or _text(body.get("title")), None, body
        )
    if isinstance(detail, str):  # FastAPI's HTTPException
        return ErrorBody(None, detail, None, body)
    if isinstance(detail, list) and detail and isinstance(detail[0], dict):  # FastAPI 422
        first = detail[0]
        where = first.get("loc")
        return ErrorBody(
            _text(first.get("type")),
            _text(first.get("msg")),
            str(where[-1]) if isinstance(where, list) and where else None,
            body,
        )
    if "message" in body or "msg" in body or "code" in body:  # Flask-JWT-Extended: {"msg"}
        return _from(body, ("code", "status"), ("message", "msg"))
    errors = body.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return _first_of_many(errors[0], body)  # JSON:API, GraphQL
    fields = errors if isinstance(errors, dict) else body
    if fields and all(_texts(v) for v in fields.values()):  # DRF, Rails: {"name": ["..."]}
        field, said = next(iter(fields.items()))
        return ErrorBody(None, said[0], str(field), body)
    return None


# The shapes read_error knows, for a refusal it cannot read.
SHAPES = (
    '{"error": {"code", "message"}}, {"error": "..."}, {"detail": "..."} and FastAPI\'s 422 '
    'list, RFC 9457 problem details, {"message"} or {"msg"} with {"code"}, {"errors": '
    '[{...}]} (JSON:API, GraphQL), {"field": ["..."]} (DRF, Rails) and plain text'
)


def _first_of_many(first: Mapping[str, Any], body: Mapping[str, Any]) -> ErrorBody:
    """The first of a list of errors: JSON:API's code/status, title/detail and source,
    GraphQL's message, extensions.code and path."""
    extensions = first.get("extensions")
    code = first.get("code") or (extensions.get("code") if isinstance(extensions, dict) else None)
    message = first.get("detail") or first.get("message") or first.get("title")
    source = first.get("source")
    where: Any = None
    if isinstance(source, dict):
        where = (source.get("pointer") or source.get("parameter") or "").rsplit("/", 1)[-1]
    elif isinstance(first.get("path"), list) and first["path"]:
        where = first["path"][-1]
    return ErrorBody(_text(code or first.get("status")), _text(message), _text(where) or None, body)


def _texts(value: Any) -> bool:
    """A list of messages (a field's, in DRF's and Rails' validation errors)."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def error_of(response: requests.Response) -> ErrorBody | None:
    """The error in a response, read with the target's reader when journeys recorded it."""
    if hasattr(response, ERROR_ATTRIBUTE):
        found: ErrorBody | None = getattr(response, ERROR_ATTRIBUTE)
        return found
    return read_error(decode(response.content))


def decode(body: Any) -> Any:
    """JSON when it parses, text otherwise, None when empty: never raises."""
    if body is None or body == b"" or body == "":
        return None
    if not isinstance(body, bytes | str):  # a generator or a file, sent as a stream
        return f"(a streamed body: {type(body).__name__}, not recorded)"
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    try:
        return json.loads(text)
    except ValueError:
        return text


def _from(error: Mapping[str, Any], codes: tuple[str, ...], messages: tuple[str, ...]) -> ErrorBody:
    code = next((_text(error[k]) for k in codes if error.get(k) is not None), None)
    message = next((_text(error[k]) for k in messages if error.get(k) is not None), None)
    return ErrorBody(code, message, _text(error.get("field")), error)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
