"""Every error the shop answers is JSON: ``{"error": {"code", "message", "field"?, ...}}``.

``code`` is for machines (stable, snake_case), ``message`` for people.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger("shop")
# What FastAPI answers (400) for a body it cannot decode at all.
BODY_UNREADABLE = "There was an error parsing the body"


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None
    details: dict[str, Any] | None = None
    errors: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    """Every error the shop answers, in its OpenAPI document too."""

    error: ErrorDetail


_REASONS = {
    401: "Not signed in, or the token is not valid (with WWW-Authenticate)",
    402: "The card was declined",
    403: "Signed in, but not allowed",
    404: "Not found (or not the caller's)",
    409: "The request conflicts with the current state",
    413: "The body is too large",
    422: "The request is not valid; `field` names the part at fault",
    429: "Too many failed sign-ins; wait as Retry-After says",
    500: "An error nobody expected; nothing was changed",
    502: "The payment provider answered something unreadable",
    503: "A part the shop needs (its database, storage, cache or payment provider) is "
    "unavailable; try again",
}


def refusals(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The error answers a route documents, each with the shop's error body."""
    return {code: {"model": ErrorResponse, "description": _REASONS[code]} for code in codes}


class ShopError(Exception):
    status_code = 400

    def __init__(
        self,
        code: str,
        message: str,
        *,
        field: str | None = None,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.details = details
        self.headers = headers

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field is not None:
            error["field"] = self.field
        if self.details:
            error["details"] = self.details
        return {"error": error}


class NotFound(ShopError):
    status_code = 404


class Conflict(ShopError):
    status_code = 409


class Invalid(ShopError):
    status_code = 422


class Forbidden(ShopError):
    status_code = 403


class PaymentRequired(ShopError):
    status_code = 402


class BadGateway(ShopError):
    status_code = 502


class ServiceUnavailable(ShopError):
    status_code = 503


class Unauthorized(ShopError):
    status_code = 401

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message, headers={"WWW-Authenticate": 'Bearer realm="shop"'})


def _field_name(loc: tuple[Any, ...]) -> str:
    # ("body", "quantity") -> "quantity"; ("query", "page") -> "page"; ("body",) -> "body"
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) if parts else str(loc[0]) if loc else "request"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ShopError)
    async def _shop_error(_request: Request, exc: ShopError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(OperationalError)
    async def _database_down(_request: Request, exc: OperationalError) -> JSONResponse:
        logger.warning("database unavailable: %s", exc.orig)
        message = "The shop's database could not do this; the request did not complete. Try again."
        body = {"error": {"code": "database_unavailable", "message": message}}
        return JSONResponse(body, status_code=503, headers={"Retry-After": "1"})

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problem = _body_problem(request, exc)
        if problem is not None:
            return JSONResponse({"error": {**problem, "field": "body"}}, status_code=422)
        errors = [
            {"field": _field_name(tuple(e.get("loc", ()))), "message": e.get("msg", "invalid")}
            for e in exc.errors()
        ]
        first = errors[0] if errors else {"field": "request", "message": "invalid request"}
        body = {
            "error": {
                "code": "validation_error",
                "message": f"{first['field']}: {first['message']}",
                "field": first["field"],
                "errors": errors,
            }
        }
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and exc.detail == BODY_UNREADABLE:  # not UTF-8, say
            problem = {"code": "malformed_json", "message": "The body is not valid JSON text."}
            return JSONResponse({"error": {**problem, "field": "body"}}, status_code=422)
        code = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}.get(
            exc.status_code, "http_error"
        )
        body: dict[str, Any] = {"error": {"code": code, "message": str(exc.detail)}}
        headers = dict(exc.headers or {})
        if exc.status_code == 413:
            body["error"]["field"] = "body"
        if exc.status_code == 405:  # every method of the path, not only the first route's
            headers["Allow"] = ", ".join(_methods_of(request))
        return JSONResponse(body, status_code=exc.status_code, headers=headers)


def _methods_of(request: Request) -> list[str]:
    """The methods the shop's document gives the request's path (routers hide their routes)."""
    path = request.url.path
    methods: set[str] = set()
    for template, item in request.app.openapi()["paths"].items():
        if re.fullmatch(re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)), path):
            methods |= {m.upper() for m in item if m in HTTP_METHODS}
    return sorted(methods)


HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _body_problem(request: Request, exc: RequestValidationError) -> dict[str, str] | None:
    """A body that is not JSON at all gets its own code, rather than a field named '30'."""
    content_type = request.headers.get("content-type", "")
    has_body = any(tuple(e.get("loc", ()))[:1] == ("body",) for e in exc.errors())
    if has_body and content_type and "json" not in content_type:
        return {
            "code": "unsupported_content_type",
            "message": f"Send JSON (Content-Type: application/json), not {content_type}.",
        }
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            return {
                "code": "malformed_json",
                "message": f"The body is not valid JSON: {error.get('msg', 'decode error')}.",
            }
    return None


class LimitBody:
    """Refuses a body over the limit with a JSON 413: a declared one before it is read, a
    chunked one (no Content-Length) as soon as it passes the limit. The answer closes the
    connection, since the rest of the body was never read; the client opens a new one."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", ())).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        if length is not None:
            await self.app(scope, receive, send)
            return
        seen = 0

        async def counted() -> Any:  # a chunked body: count it as it arrives
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:  # answered as a declared one (the handler above)
                    raise StarletteHTTPException(
                        413, f"The body is over {self.max_bytes} bytes.", CLOSE
                    )
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope: Any, receive: Any, send: Any) -> None:
        body = {
            "error": {
                "code": "body_too_large",
                "field": "body",
                "message": f"The body is over {self.max_bytes} bytes.",
            }
        }
        await JSONResponse(body, status_code=413, headers=CLOSE)(scope, receive, send)


# The rest of a refused body is never read, so the connection cannot carry another request.
CLOSE = {"Connection": "close"}


class CatchAll:
    """The last line: an error no handler expected becomes a JSON 500 the client can read,
    and the connection stays usable (an exception escaping the app makes the server drop
    it, and the client's next request on it fails with a reset)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Any) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:
            logger.exception("unexpected error answering %s %s", scope["method"], scope["path"])
            if started:
                raise  # half an answer went out: only closing the connection is honest
            body = {"error": {"code": "internal_error", "message": "Something went wrong on "
                              "our side; nothing was changed. Please try again."}}  # fmt: skip
            await JSONResponse(body, status_code=500)(scope, receive, send)
