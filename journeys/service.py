"""How the harness reaches the service: an app it serves in-process, or a URL.

- ASGI (FastAPI, Starlette...) and WSGI (Flask, Django...) apps are built around the
  harness's sessions and served on a real loopback socket, so every call crosses HTTP.
- A service already running (another process, any language) is reached by its URL; the
  harness then only checks that it answers.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import requests

from journeys.exceptions import HarnessError, MissingExtra
from journeys.queries import TagRequests
from journeys.server import LiveServer, SerialisedApp

INTERFACES = ("auto", "asgi", "wsgi")


def interface_of(app: Any, declared: str = "auto") -> str:
    """'asgi' for an app called as (scope, receive, send) coroutine, else 'wsgi'."""
    if declared != "auto":
        return declared
    call = app if inspect.isfunction(app) or inspect.ismethod(app) else type(app).__call__
    return "asgi" if inspect.iscoroutinefunction(call) else "wsgi"


def is_factory(found: Any) -> bool:
    """A plain function callable with no argument (``create_app(config=None)``) makes an
    app; an app itself needs its call's arguments (WSGI two, ASGI three)."""
    if not inspect.isfunction(found) or inspect.iscoroutinefunction(found):
        return False
    try:
        inspect.signature(found).bind()
    except TypeError:
        return False
    return True


def app_from(found: Any) -> Any:
    """The app ``found`` is, or the one it makes when it is a factory (called with no
    argument, as ``flask --app 'module:create_app()'`` and ``uvicorn --factory`` do)."""
    return found() if is_factory(found) else found


def as_asgi(app: Any, declared: str = "auto") -> Any:
    if interface_of(app, declared) == "asgi":
        return app
    try:
        from a2wsgi import WSGIMiddleware
    except ImportError:
        raise MissingExtra("Serving a WSGI app", "a2wsgi", "wsgi") from None
    # One worker thread: requests are serialised anyway under rollback, and a WSGI app's
    # thread-local state (Flask's contexts) stays on one thread.
    return WSGIMiddleware(app, workers=1)


def serve(
    app: Any, declared: str, serialise: Callable[[], bool], host: str, port: int
) -> LiveServer:
    if is_factory(app):
        name = getattr(app, "__name__", "it")
        raise HarnessError(
            f"make_app returned {name}, a function that takes no argument: a factory that "
            f"makes the app, not the app. Return {name}() (or journeys.service.app_from({name}))."
        )
    asgi: Any = SerialisedApp(TagRequests(as_asgi(app, declared)), serialise)
    server = LiveServer(asgi, host, port)
    try:
        server.start()
    except RuntimeError as exc:
        raise HarnessError(str(exc).removeprefix("journeys: ")) from None
    return server


def reach(base_url: str, timeout: float) -> str:
    """The running service's URL, once it answers at all (any status will do)."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HarnessError(
            f"base_url={base_url!r} is not an http(s) URL; write it like http://127.0.0.1:8000."
        )
    url = base_url.rstrip("/")
    try:
        requests.get(url + "/", timeout=timeout)
    except requests.RequestException as exc:
        raise HarnessError(
            f"cannot reach the service at {url} ({type(exc).__name__}). Start it first, or "
            "correct JOURNEYS_BASE_URL (unset it to serve the target's app in-process)."
        ) from None
    return url
