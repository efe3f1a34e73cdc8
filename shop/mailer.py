"""Mail out over SMTP, with errors that say whether trying again can help."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import urlsplit


class MailRefused(Exception):
    """The mail did not go out: ``permanent`` (a 5xx) or worth another try (4xx, no answer)."""

    def __init__(self, reason: str, permanent: bool) -> None:
        super().__init__(reason)
        self.permanent = permanent


@dataclass(frozen=True)
class Mailer:
    url: str  # smtp://host:port
    sender: str = "shop@example.test"
    timeout_seconds: float = 5.0

    def send(self, to: str, subject: str, text: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message.set_content(text)
        where = urlsplit(self.url)
        try:
            with smtplib.SMTP(
                where.hostname or "", where.port or 25, timeout=self.timeout_seconds
            ) as smtp:
                smtp.send_message(message)
        except smtplib.SMTPResponseException as exc:
            said = exc.smtp_error
            said = said.decode(errors="replace") if isinstance(said, bytes) else said
            reason = f"{exc.smtp_code} {said}"
            raise MailRefused(reason, permanent=exc.smtp_code >= 500) from None
        except smtplib.SMTPRecipientsRefused as exc:
            raise MailRefused(f"recipient refused: {exc.recipients}", permanent=True) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise MailRefused(
                f"the mail server could not be reached ({exc})", permanent=False
            ) from None


def money(cents: int, currency: str) -> str:
    """37.00 EUR: how an amount in cents reads in an email."""
    return f"{cents // 100}.{cents % 100:02d} {currency}"
