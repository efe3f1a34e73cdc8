"""A mail server stand-in: a real SMTP server on loopback (aiosmtpd) that keeps what it is
sent, so a scenario can say "Paula receives an order confirmation".

The harness-side twin of journeys/stubs.py for mail: started once, ``reset()`` before each
scenario, and able to refuse mail (a temporary 451 or a permanent 550) for the failure
scenarios. Mails are kept parsed (``email.message.EmailMessage``) with their envelope.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from journeys.exceptions import MissingExtra
from journeys.messages import Seen

try:
    from aiosmtpd.controller import Controller
except ImportError:  # an optional part: only targets that send mail need it
    raise MissingExtra("A mail server stand-in", "aiosmtpd", "mail") from None


@dataclass(frozen=True)
class Mail:
    sender: str
    recipients: tuple[str, ...]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"] or "")

    @property
    def text(self) -> str:
        body = self.message.get_body(preferencelist=("plain", "html"))
        return body.get_content() if body is not None else ""


class MailServer:
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port  # 0: any free port
        self._mails: list[Mail] = []
        self._reported = 0  # mails already handed to the report
        self._refusals: list[str] = []  # SMTP replies for the next DATA commands
        self._lock = threading.Lock()
        self._controller: Any = None

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    def start(self) -> MailServer:
        if not self.port:  # aiosmtpd checks its server by connecting to the port it was given
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
                probe.bind((self.host, 0))
                self.port = probe.getsockname()[1]
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def reset(self) -> None:
        with self._lock:
            self._mails.clear()
            self._refusals.clear()
            self._reported = 0

    def refuses(self, times: int = 1, permanently: bool = False) -> None:
        """The next ``times`` mails are refused: 451 (try again later) or 550 (never)."""
        reply = "550 5.7.1 mailbox unavailable" if permanently else "451 4.3.0 try again later"
        with self._lock:
            self._refusals += [reply] * times

    def mails(self, to: str | None = None) -> list[Mail]:
        """The mails kept so far, in arrival order; only those to ``to`` if given."""
        with self._lock:
            return [m for m in self._mails if to is None or to in m.recipients]

    def new_mails(self) -> list[Seen]:
        """Mails received since the last call, as the report shows them."""
        with self._lock:
            new, self._reported = self._mails[self._reported :], len(self._mails)
        return [
            Seen("mail", m.subject, f"From: {m.sender}\nTo: {', '.join(m.recipients)}\n\n{m.text}")
            for m in new
        ]

    def _receive(self, envelope: Any) -> str:
        with self._lock:
            if self._refusals:
                return self._refusals.pop(0)
            message = message_from_bytes(envelope.content, policy=policy.default)
            assert isinstance(message, EmailMessage)
            self._mails.append(Mail(envelope.mail_from, tuple(envelope.rcpt_tos), message))
        return "250 OK"


class _Handler:
    def __init__(self, server: MailServer) -> None:
        self.server = server

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        return self.server._receive(envelope)
