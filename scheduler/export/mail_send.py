"""Sending a publication's messages over SMTP, with the settings staff put in `.streamlit/secrets.toml`:

    [smtp]
    host = "smtp.example.org"
    port = 587              # default 587
    starttls = true         # default true
    user = "protocol"       # leave out when the server needs no login
    password = "..."
    sender = "Protocol office <protocol@example.org>"

One connection for the batch; each message either goes or is reported with the reason it did not (the
server refused the address, refused the message, closed or timed out), so that a retry can send only to
those not reached.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage

PLACE = "secrets.toml [smtp]"


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    sender: str
    port: int = 587
    starttls: bool = True
    user: str | None = None
    password: str | None = None
    timeout: float = 20.0


def smtp_settings(section: Mapping[str, object] | None) -> tuple[SmtpSettings | None, list[str]]:
    """The settings in the [smtp] section (None without one), or what is wrong with it, each located."""
    if not section:
        return None, []
    problems = []

    def text(key: str, required: bool = False) -> str | None:
        value = section.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                problems.append(f"{PLACE} {key}: missing; expected a text")
            return None
        if not isinstance(value, str):
            problems.append(f"{PLACE} {key}: {value!r}; expected a text")
            return None
        return value.strip()

    host, sender = text("host", True), text("sender", True)
    user, password = text("user"), text("password")
    port = section.get("port", 587)
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        problems.append(f"{PLACE} port: {port!r}; expected a whole number from 1 to 65535")
    starttls = section.get("starttls", True)
    if not isinstance(starttls, bool):
        problems.append(f"{PLACE} starttls: {starttls!r}; expected true or false")
    timeout = section.get("timeout", 20.0)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout <= 300:
        problems.append(f"{PLACE} timeout: {timeout!r}; expected seconds, more than 0 and at most 300")
    if problems or host is None or sender is None:
        return None, problems
    assert isinstance(port, int) and isinstance(starttls, bool) and isinstance(timeout, int | float)
    return SmtpSettings(host, sender, port, starttls, user, password, float(timeout)), []


def send_messages(settings: SmtpSettings, messages: Mapping[str, EmailMessage]) -> dict[str, str]:
    """Sends every message (keyed by person); returns, for each one that did not go, why."""
    failed: dict[str, str] = {}
    where = f"{settings.host}:{settings.port}"
    try:
        connection = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    except (OSError, smtplib.SMTPException) as error:
        return {person: f"the server {where} could not be reached ({_why(error)})" for person in messages}
    try:
        if settings.starttls:
            connection.starttls(context=ssl.create_default_context())
        if settings.user:
            connection.login(settings.user, settings.password or "")
    except (OSError, smtplib.SMTPException) as error:
        connection.close()
        return {person: f"the server {where} refused the connection ({_why(error)})" for person in messages}
    broken: str | None = None
    for person, message in messages.items():
        if broken is not None:
            failed[person] = broken
            continue
        try:  # a message built without a sender goes from the settings' sender
            connection.send_message(message, from_addr=None if message["From"] else settings.sender)
        except smtplib.SMTPRecipientsRefused as error:
            failed[person] = f"the server refused the address ({_why(error)})"
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            broken = f"the server {where} closed the connection or timed out ({_why(error)})"
            failed[person] = broken
        except smtplib.SMTPException as error:
            failed[person] = f"the server refused the message ({_why(error)})"
    try:
        connection.quit()
    except (OSError, smtplib.SMTPException):
        connection.close()
    return failed


def _why(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [f"{code} {text.decode(errors='replace')}" for code, text in error.recipients.values()]
        return "; ".join(codes)
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else ""
        return f"{error.smtp_code} {text}".strip()
    return str(error) or type(error).__name__
