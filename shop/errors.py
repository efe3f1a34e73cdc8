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
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
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
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        body = {"error": {"code": code, "message": str(exc.detail)}}
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)
