"""Outside services the target calls (a payment gateway...), as real HTTP servers on loopback.

Each is a pytest-httpserver ``HTTPServer`` (threaded) started by the harness, wired to the
target through its settings, reset before every scenario, and programmed by the scenario's
steps. A service can go down (its port then refuses connections) and comes back on the same
port at the next reset. Handlers that must be slow wait on ``delay()``, which returns as soon
as the scenario ends, so no scenario leaves a sleeping request behind.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from journeys.answers import decode
from journeys.exceptions import HarnessError, MissingExtra
from journeys.http import Exchange
from journeys.secrets import mask_body, mask_headers
from journeys.tracing.stand_ins import span_of_call

try:
    from pytest_httpserver import HTTPServer
    from werkzeug import Request, Response
except ImportError:  # an optional part: only targets with outside services need it
    raise MissingExtra("A stand-in for an outside service", "pytest-httpserver", "stubs") from None

Handler = Callable[[Request], Response]


class _Server(HTTPServer):
    """Stops in 50 ms, not werkzeug's default 0.5 s: a stand-in stops at every run's end and
    whenever a scenario takes it down."""

    def thread_target(self) -> None:
        assert self.server is not None
        self.server.serve_forever(poll_interval=0.05)


class OutsideService:
    def __init__(self, name: str, host: str = "127.0.0.1", port: int = 0) -> None:
        self.name = name
        self.host = host
        self.port = port  # 0: any free port; a fixed one for a service run by URL
        self.controller: Any = None  # the target's programming object for this service
        self._server: HTTPServer | None = None
        self._release = threading.Event()
        self._busy = 0
        self._busy_lock = threading.Lock()
        self._recorded = 0
        self._routes: dict[tuple[str, str], Handler] = {}  # this scenario's programming
        self._dispatching: set[tuple[str, str]] = set()  # routes the server hands to it
        self.spans: Any = None  # with tracing on, the run's SpanCollector: a span per call

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def is_up(self) -> bool:
        return self._server is not None and self._server.is_running()

    def start(self) -> None:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
        server = _Server(host=self.host, port=self.port, threaded=True)
        try:
            server.start()
        except OSError as exc:
            raise HarnessError(
                f"the stand-in for {self.name} cannot listen on {self.host}:{self.port} "
                f"({exc.strerror}): another process holds the port. Stop it, or choose "
                "another port in the stand_in_ports setting (and configure the service)."
            ) from None
        server.no_handler_status_code = 501  # an unprogrammed call stands out
        self._server, self.port, self._dispatching = server, server.port, set()

    def stop(self) -> None:
        self._release.set()
        if self._server is not None and self._server.is_running():
            self._server.stop()
        self._server = None

    def go_down(self) -> None:
        """From now until the next reset, connecting to the service is refused."""
        self._drain()
        if self._server is not None and self._server.is_running():
            self._server.stop()

    def reset(self) -> None:
        self._drain()
        if not self.is_up:
            self.start()
        assert self._server is not None
        # What it received goes; its routes stay on the server, each answering as
        # unprogrammed until a scenario programs it (re-adding them cost 0.05 ms a scenario).
        self._server.clear_log()
        self._server.clear_assertions()
        self._server.clear_handler_errors()
        self._release = threading.Event()
        self._recorded = 0
        self._routes = {}
        self.controller = None

    def on(self, method: str, path: str, handler: Handler) -> None:
        """Answer ``method path`` with ``handler``, replacing any earlier behaviour for it."""
        assert self._server is not None, f"{self.name} is not running"
        route = (method.upper(), path)
        if route not in self._dispatching:  # pytest-httpserver keeps the first that matches
            server = self._server

            def dispatch(request: Request) -> Response:
                with self._busy_lock:
                    self._busy += 1
                started = time.time_ns()
                try:
                    programmed = self._routes.get(route)
                    if programmed is None:  # programmed in an earlier scenario, not this one
                        return server.respond_nohandler(request)
                    response = programmed(request)
                    self._traced(request, started, response.status_code)
                    return response
                finally:
                    with self._busy_lock:
                        self._busy -= 1

            server.expect_request(path, method=method).respond_with_handler(dispatch)
            self._dispatching.add(route)
        self._routes[route] = handler

    def _traced(self, request: Request, started: int, status: int) -> None:
        if self.spans is None:
            return
        traceparent = request.headers.get("traceparent")
        made = span_of_call(
            self.name, request.method, request.path, traceparent, started, time.time_ns(), status
        )
        if made is not None:
            self.spans.add([made])

    def delay(self, seconds: float) -> None:
        """For a slow handler: wait, but no longer than the scenario lasts."""
        self._release.wait(seconds)

    def new_exchanges(self, step: str | None) -> list[Exchange]:
        """What the service received since the last call, as exchanges for the report."""
        if self._server is None:
            return []
        log = list(self._server.log)
        fresh, self._recorded = log[self._recorded :], len(log)
        return [_exchange(self.name, step, request, response) for request, response in fresh]

    def _drain(self, timeout: float = 5.0) -> None:
        self._release.set()  # slow handlers return now
        deadline = time.monotonic() + timeout
        while self._busy and time.monotonic() < deadline:
            time.sleep(0.01)


def _exchange(name: str, step: str | None, request: Request, response: Response) -> Exchange:
    return Exchange(
        request_id=None,
        actor=f"-> {name}",
        step=step,
        method=request.method,
        url=request.url,
        status=response.status_code,
        elapsed_ms=0.0,
        request_headers=mask_headers(request.headers),
        request_body=mask_body(decode(request.get_data())),
        response_headers=mask_headers(response.headers),
        response_body=mask_body(decode(response.get_data())),
    )
