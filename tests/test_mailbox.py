"""The mail server stand-in and the bounded eventually, over a real SMTP connection."""

from __future__ import annotations

import smtplib
import threading
import time
from collections.abc import Iterator
from email.message import EmailMessage

import pytest

from journeys.eventually import eventually
from journeys.exceptions import NotYet
from journeys.mailbox import MailServer


@pytest.fixture
def server() -> Iterator[MailServer]:
    started = MailServer().start()
    yield started
    started.stop()


def send(server: MailServer, to: str, subject: str, body: str = "Thank you") -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "shop@example.com", to, subject
    message.set_content(body)
    with smtplib.SMTP(server.host, server.port, timeout=5) as client:
        client.send_message(message)


def test_a_mail_is_kept_with_its_envelope_subject_and_text(server: MailServer) -> None:
    send(server, "paula@example.com", "Your order 7", "37.00 EUR")
    send(server, "bob@example.com", "Welcome")
    [mail] = server.mails(to="paula@example.com")
    assert mail.sender == "shop@example.com"
    assert mail.subject == "Your order 7"
    assert "37.00 EUR" in mail.text
    assert len(server.mails()) == 2
    server.reset()
    assert server.mails() == []


def test_a_refused_mail_is_not_kept_and_the_sender_is_told(server: MailServer) -> None:
    server.refuses(times=1)
    with pytest.raises(smtplib.SMTPDataError) as refused:
        send(server, "paula@example.com", "Your order 7")
    assert refused.value.smtp_code == 451
    send(server, "paula@example.com", "Your order 7")  # the next one goes through
    assert len(server.mails()) == 1
    server.refuses(permanently=True)
    with pytest.raises(smtplib.SMTPDataError) as never:
        send(server, "paula@example.com", "Again")
    assert never.value.smtp_code == 550


def test_eventually_waits_for_a_late_mail_without_a_fixed_sleep(server: MailServer) -> None:
    timer = threading.Timer(0.2, send, (server, "paula@example.com", "Shipped"))
    timer.start()
    started = time.monotonic()

    def arrived() -> str:
        mails = server.mails(to="paula@example.com")
        assert mails, f"no mail yet; the server holds {len(server.mails())}"
        return mails[0].subject

    assert eventually(arrived, "Paula's mail", within=3) == "Shipped"
    assert time.monotonic() - started < 1.5  # as soon as it came, not after 3 s
    timer.join()


def test_eventually_says_what_it_saw_last_when_time_runs_out() -> None:
    seen = iter(range(1000))

    def never() -> None:
        raise AssertionError(f"count is {next(seen)}")

    started = time.monotonic()
    with pytest.raises(
        NotYet,
        match=r"the count: still not so after 0\.\d+ s \(\d+ looks\); last seen: count is \d+",
    ):
        eventually(never, "the count", within=0.2, every=0.05)
    assert 0.2 <= time.monotonic() - started < 1.0


def test_the_harness_serves_a_mail_server_for_the_target_on_the_port_asked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Target.mail_services: started by the harness, its URL in the wiring, ports fixed on ask."""
    from journeys.harness import Harness
    from journeys.settings import Settings
    from tests.test_shop_standalone import free_port

    port = free_port()
    harness = Harness(Settings(stand_in_ports=f"mail={port}", cache=str(tmp_path))).start()
    try:
        mail = harness.services["mail"]
        assert isinstance(mail, MailServer)
        assert harness.wiring is not None
        assert harness.wiring.services["mail"] == mail.url == f"smtp://127.0.0.1:{port}"
        send(mail, "paula@example.com", "Hello")
        assert [m.subject for m in mail.mails(to="paula@example.com")] == ["Hello"]
    finally:
        harness.stop()
