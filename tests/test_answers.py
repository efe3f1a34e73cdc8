"""Error answers in any dialect are read, never crash the harness, and refusals are generic."""

from __future__ import annotations

import pytest
import requests

from journeys.answers import ErrorBody, read_error
from journeys.checks import refused
from journeys.http import unexpected


@pytest.mark.parametrize(
    ("body", "code", "message", "field"),
    [
        ({"error": {"code": "cart_empty", "message": "Nothing to buy"}}, "cart_empty", "Nothing to buy", None),
        ({"error": {"code": "bad", "message": "m", "field": "email"}}, "bad", "m", "email"),
        ({"error": "Not Found"}, None, "Not Found", None),
        ({"error": "Conflict", "message": "Only 2 left.", "field": "quantity"}, "Conflict", "Only 2 left.", "quantity"),
        ({"detail": "Not authenticated"}, None, "Not authenticated", None),
        ({"detail": [{"type": "missing", "loc": ["body", "email"], "msg": "Field required"}]}, "missing", "Field required", "email"),
        ({"type": "https://x/out-of-stock", "title": "Out of stock", "detail": "2 left"}, "https://x/out-of-stock", "2 left", None),
        ({"code": 42, "message": "odd"}, "42", "odd", None),
        ("<html>Bad Gateway</html>", None, "<html>Bad Gateway</html>", None),
        ({"msg": "Cart is empty"}, None, "Cart is empty", None),
        ({"message": "Validation Failed", "errors": [{"field": "title"}]}, None, "Validation Failed", None),
        ({"errors": [{"status": "422", "code": "too_long", "title": "Too long", "detail": "At most 40", "source": {"pointer": "/data/attributes/name"}}]}, "too_long", "At most 40", "name"),
        ({"errors": [{"message": "Not allowed", "path": ["order", "cancel"], "extensions": {"code": "FORBIDDEN"}}], "data": None}, "FORBIDDEN", "Not allowed", "cancel"),
        ({"email": ["Enter a valid email address."], "name": ["This field is required."]}, None, "Enter a valid email address.", "email"),
        ({"errors": {"name": ["can't be blank"]}}, None, "can't be blank", "name"),
    ],
    ids=["journeys", "with field", "flask", "flask+message", "fastapi", "fastapi 422", "rfc9457", "code+message", "html", "flask-jwt msg", "github", "json:api", "graphql", "drf fields", "rails errors"],
)  # fmt: skip
def test_common_error_shapes_are_read(body, code, message, field) -> None:
    error = read_error(body)
    assert error is not None
    assert (error.code, error.message, error.field) == (code, message, field)


@pytest.mark.parametrize(
    "body", [None, "", [], {"items": []}, 3, {"name": "Nora", "bio": "x"}, {"errors": []}]
)
def test_a_body_with_no_error_reads_as_none(body) -> None:
    assert read_error(body) is None


def answer(
    status: int, content: bytes, content_type: str = "application/json"
) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = content
    response.headers["Content-Type"] = content_type
    response.request = requests.Request("POST", "http://127.0.0.1:1/orders").prepare()
    return response


def test_refused_accepts_any_readable_error_and_returns_it() -> None:
    error = refused(answer(404, b'{"error": "Not Found"}'), 404)
    assert isinstance(error, ErrorBody) and error.message == "Not Found"


def test_refused_checks_the_code_when_one_is_given() -> None:
    with pytest.raises(
        AssertionError,
        match=r"expected a refusal 409 'Gone', the service answered 409 Conflict: Only 2 left",
    ):
        refused(answer(409, b'{"error": "Conflict", "message": "Only 2 left."}'), 409, "Gone")


def test_a_refusal_that_says_nothing_fails_saying_so_and_how_to_read_another_shape() -> None:
    with pytest.raises(AssertionError, match="says nothing the target can read") as failed:
        refused(answer(400, b'{"oops": {"why": 1}}'), 400)
    assert '{"msg"}' in str(failed.value) and "JSON:API" in str(failed.value)
    assert "give the Target a read_error" in str(failed.value)


def test_an_unexpected_non_json_answer_is_described_not_crashed_on() -> None:
    error = unexpected("Paula", answer(502, b"<html>upstream down</html>", "text/html"), "201")
    assert "Paula's POST /orders answered 502 (<html>upstream down</html>); expected 201" in str(
        error
    )
    assert error.response.status_code == 502


def test_a_streamed_request_body_is_recorded_as_such_not_crashed_on() -> None:
    from journeys.answers import decode

    assert decode(x for x in [b"a"]) == "(a streamed body: generator, not recorded)"
