"""Every error the shop answers is JSON: ``{"error": {"code", "message", "field"?, ...}}``.

``code`` is for machines (stable, snake_case), ``message`` for people.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


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
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}.get(
            exc.status_code, "http_error"
        )
        body: dict[str, Any] = {"error": {"code": code, "message": str(exc.detail)}}
        if exc.status_code == 413:
            body["error"]["field"] = "body"
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


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
    """Refuses a declared body over the limit with a JSON 413, before reading it. A chunked
    body without a Content-Length is not limited here (FastAPI's own limiter answers in
    plain text, so it is not used)."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            length = dict(scope.get("headers", ())).get(b"content-length", b"0")
            if length.isdigit() and int(length) > self.max_bytes:
                body = {
                    "error": {
                        "code": "body_too_large",
                        "field": "body",
                        "message": f"The body is over {self.max_bytes} bytes.",
                    }
                }
                await JSONResponse(body, status_code=413)(scope, receive, send)
                return
        await self.app(scope, receive, send)
