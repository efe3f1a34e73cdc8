"""The service under test, served in-process on a real loopback socket.

In-process, so the harness can hand the app the scenario's connection; on a real socket, so
every call crosses HTTP exactly as a client's would.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import uvicorn

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class SerialisedApp:
    """One request at a time, and its last byte only once the app has returned.

    A scenario's requests share one database connection, which cannot serve two at once.
    Holding back the final body until the app call is over means a client that has its
    answer knows the app is done with the connection.
    """

    def __init__(
        self, app: Callable[..., Awaitable[None]], when: Callable[[], bool] = lambda: True
    ) -> None:
        self.app = app
        self.when = when  # asked per request: a scenario under a committing strategy says no
        self._lock: asyncio.Lock | None = None

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.when():
            await self.app(scope, receive, send)
            return
        if self._lock is None:
            self._lock = asyncio.Lock()  # created on the server's own event loop
        async with self._lock:
            held: list[Message] = []

            async def send_all_but_last(message: Message) -> None:
                if message["type"] == "http.response.body" and not message.get("more_body"):
                    held.append(message)
                else:
                    await send(message)

            try:
                await self.app(scope, receive, send_all_but_last)
            finally:
                for message in held:
                    await send(message)


class _Server(uvicorn.Server):
    """uvicorn's server, stopped at once: its loop looks for ``should_exit`` every 0.1 s and
    its shutdown waits 0.1 s for connections, which made every run 0.2 s longer."""

    _loop: asyncio.AbstractEventLoop | None = None
    _wake: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        counter = 0
        while not await self.on_tick(counter):  # on_tick also keeps the Date header fresh
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), 0.1)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self.server_state.connections or self.server_state.tasks:
            await super().shutdown(sockets)  # a client still connected: uvicorn's own way
            return
        for server in self.servers:
            server.close()
        for server in self.servers:
            await server.wait_closed()

    def exit_now(self) -> None:
        self.should_exit = True
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake.set)


class LiveServer:
    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        self.host = host.strip("[]")  # [::1] as in a URL, or ::1
        self.port = port
        self.url = ""
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self, timeout: float = 10.0) -> str:
        # IPPROTO_TCP explicitly: uvicorn then sets TCP_NODELAY, and keep-alive requests do
        # not pay ~44 ms each to Nagle and delayed ACKs (measured, see shared/FACTS.md).
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET  # ::1 works too
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError as exc:
            sock.close()
            raise RuntimeError(
                f"journeys: cannot listen on {self.host}:{self.port} ({exc.strerror}). "
                "Set port=0 (the default) to take any free port."
            ) from None
        self.port = sock.getsockname()[1]
        host = f"[{self.host}]" if family == socket.AF_INET6 else self.host
        self.url = f"http://{host}:{self.port}"
        config = uvicorn.Config(
            self.app, log_level="warning", access_log=False, lifespan="off", ws="none"
        )
        self._server = _Server(config)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [sock]},
            name="journeys-server",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"journeys: the service did not start on {self.url}.")
            time.sleep(0.005)
        return self.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.exit_now()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = self._thread = None
