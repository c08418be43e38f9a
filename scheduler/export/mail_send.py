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
those not reached. A reason caused by the settings names the key to change.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage

PLACE = "secrets.toml [smtp]"
KEYS = ("host", "port", "starttls", "user", "password", "sender", "timeout")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    sender: str
    port: int = 587
    starttls: bool = True
    user: str | None = None
    password: str | None = None
    timeout: float = 20.0


class _Refused(Exception):
    """The connection cannot carry any message; the text says why, for everyone in the batch."""


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
    for key in section:
        if key not in KEYS:
            problems.append(f"{PLACE} {key}: not a setting of sending; expected one of {', '.join(KEYS)}")
    if problems or host is None or sender is None:
        return None, problems
    assert isinstance(port, int) and isinstance(starttls, bool) and isinstance(timeout, int | float)
    return SmtpSettings(host, sender, port, starttls, user, password, float(timeout)), []


def send_messages(
    settings: SmtpSettings,
    messages: Mapping[str, EmailMessage],
    going: Callable[[str], bool] | None = None,
    gone: Callable[[str, str | None], None] | None = None,
) -> dict[str, str]:
    """Sends every message (keyed by person); returns, for each one that did not go, why.

    `going(person)` is asked right before a message goes (False: leave it, someone else has it);
    `gone(person, why)` is told each outcome as it happens (why None: the server took it)."""
    failed: dict[str, str] = {}

    def outcome(person: str, why: str | None) -> None:
        if why is not None:
            failed[person] = why
        if gone is not None:
            gone(person, why)

    if not messages:
        return failed
    try:
        connection = _connect(settings)
    except _Refused as refused:
        for person in messages:
            outcome(person, str(refused))
        return failed
    broken: str | None = None
    for person, message in messages.items():
        if broken is not None:  # the rest wait for a retry
            outcome(person, broken)
        elif going is None or going(person):
            why, lost = _send(connection, settings, message)
            outcome(person, why)
            broken = why if lost else None
    try:
        connection.quit()
    except (OSError, smtplib.SMTPException):
        connection.close()
    return failed


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open connection, secured and logged in as the settings ask; `_Refused` with the reason."""
    where = _where(settings)
    try:
        connection = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    except (OSError, smtplib.SMTPException) as error:
        hint = f"; check {PLACE} host and port"
        if settings.port == 465:
            hint = f"; port 465 expects TLS from the first byte: use port 587 with {PLACE} starttls = true"
        raise _Refused(f"the server {where} could not be reached ({_why(error)}){hint}") from None
    try:
        _secure(connection, settings)
        if settings.user:
            _log_in(connection, settings)
    except _Refused:
        connection.close()
        raise
    except (OSError, smtplib.SMTPException) as error:
        connection.close()
        raise _Refused(f"the server {where} refused the connection ({_why(error)})") from None
    return connection


def _secure(connection: smtplib.SMTP, settings: SmtpSettings) -> None:
    if not settings.starttls:
        return
    where = _where(settings)
    connection.ehlo_or_helo_if_needed()
    if not connection.has_extn("starttls"):
        raise _Refused(
            f"the server {where} does not offer STARTTLS, which {PLACE} starttls = true asks for: nothing "
            "was sent unencrypted (set starttls = false only for a server on a trusted network)"
        )
    try:
        code, reply = connection.starttls(context=ssl.create_default_context())
    except ssl.SSLCertVerificationError as error:
        raise _Refused(
            f"the certificate of the server {where} could not be verified ({error.verify_message}): "
            f"{PLACE} host must be the name the certificate is made out to"
        ) from None
    if code != 220:  # smtplib goes on unencrypted after a refused STARTTLS: we do not
        text = reply.decode(errors="replace")
        raise _Refused(f"the server {where} refused STARTTLS ({code} {text}): nothing was sent unencrypted")


def _log_in(connection: smtplib.SMTP, settings: SmtpSettings) -> None:
    where, user = _where(settings), settings.user
    connection.ehlo_or_helo_if_needed()
    if not connection.has_extn("auth"):
        secure = "" if settings.starttls else f" (many servers offer it only with {PLACE} starttls = true)"
        raise _Refused(f"the server {where} offers no login, which {PLACE} user asks for{secure}")
    try:
        connection.login(user or "", settings.password or "")
    except smtplib.SMTPAuthenticationError as error:
        raise _Refused(
            f"the server {where} refused the login of {PLACE} user {user!r} ({_why(error)}): check user "
            "and password"
        ) from None


def _send(connection: smtplib.SMTP, settings: SmtpSettings, message: EmailMessage) -> tuple[str | None, bool]:
    """Sends one message: why it did not go (None: it went), and whether the connection is lost."""
    closed = f"the server {_where(settings)} closed the connection or timed out"
    try:  # a message built without a sender goes from the settings' sender
        connection.send_message(message, from_addr=None if message["From"] else settings.sender)
        return None, False
    except smtplib.SMTPServerDisconnected as error:
        return f"{closed} ({_why(error)})", True
    except smtplib.SMTPException as error:  # (an OSError too, so caught first)
        if connection.sock is None:  # a 421: the server is closing, smtplib closed its end
            return f"{closed} ({_why(error)})", True
        return _refused(error), False
    except OSError as error:
        return f"{closed} ({_why(error)})", True


def _refused(error: smtplib.SMTPException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return f"the server refused the address ({_why(error)})"
    if isinstance(error, smtplib.SMTPSenderRefused):
        if error.smtp_code == 530:  # "must issue STARTTLS first", "authentication required"
            check = f"check {PLACE} starttls, user and password"
            return f"the server would not take messages ({_why(error)}): {check}"
        return f"the server refused the sender {error.sender!r} ({_why(error)}): check {PLACE} sender"
    return f"the server refused the message ({_why(error)})"


def _where(settings: SmtpSettings) -> str:
    return f"{settings.host}:{settings.port}"


def _why(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [f"{code} {text.decode(errors='replace')}" for code, text in error.recipients.values()]
        return "; ".join(codes)
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else ""
        return f"{error.smtp_code} {text}".strip()
    return str(error) or type(error).__name__
