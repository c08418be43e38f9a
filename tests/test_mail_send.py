"""Sending a publication's messages to a real SMTP server on this machine (aiosmtpd), read back."""

import email
import socket
import threading
from dataclasses import replace
from datetime import UTC, datetime
from email import policy

import pytest
from aiosmtpd.controller import Controller

from scheduler.export import publish
from scheduler.export.mail import messages
from scheduler.export.mail_send import SmtpSettings, send_messages, smtp_settings
from scheduler.io.load import load_plan_file
from scheduler.solver import greedy
from tests.app_support import free_port

SENDER = "Protocol office <protocol@office.test>"


class Inbox:
    """Keeps what it receives; refuses the addresses in `refused` at RCPT."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []
        self.refused: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"


@pytest.fixture()
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def publication():
    plan, problems = load_plan_file("data/conference-2024.json")
    assert plan is not None, problems
    plan = replace(
        plan, delegations=tuple(replace(d, email=f"{d.id.lower()}@delegation.test") for d in plan.delegations)
    )
    schedule = greedy(plan)
    record = publish(plan, schedule, None, datetime(2024, 6, 1, 9, 0, tzinfo=UTC))
    sent, _unreachable = messages(plan, schedule, None, record, sender=SENDER)
    return plan, sent


def test_each_message_arrives_once_and_a_refused_address_is_reported_then_retried_alone(inbox, publication):
    handler, port = inbox
    _plan, sent = publication
    handler.refused = {"fr@delegation.test"}
    settings = SmtpSettings("127.0.0.1", SENDER, port, starttls=False, timeout=10)

    failed = send_messages(settings, sent)
    assert failed == {"FR": "the server refused the address (550 5.1.1 No such mailbox)"}
    assert len(handler.received) == len(sent) - 1
    by_address = {}
    for recipients, content in handler.received:
        message = email.message_from_bytes(content, policy=policy.default)
        assert recipients == [message["To"].addresses[0].addr_spec]
        by_address[recipients[0]] = message
    assert len(by_address) == len(handler.received)  # nobody twice
    german = by_address["de@delegation.test"]
    assert german["From"].addresses[0].addr_spec == "protocol@office.test"
    assert "Neu: " in german.get_body(("plain",)).get_content()
    [calendar] = german.iter_attachments()
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_content().startswith("BEGIN:VCALENDAR")

    handler.refused = set()
    handler.received.clear()
    assert send_messages(settings, {person: sent[person] for person in failed}) == {}
    assert [recipients for recipients, _ in handler.received] == [["fr@delegation.test"]]
    french = email.message_from_bytes(handler.received[0][1], policy=policy.default)
    assert "Nouveau: " in french.get_body(("plain",)).get_content()


def test_a_server_that_does_not_answer_leaves_everyone_not_reached(publication):
    _plan, sent = publication
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(listener.accept()[0]), daemon=True).start()
    try:
        port = listener.getsockname()[1]
        failed = send_messages(SmtpSettings("127.0.0.1", SENDER, port, starttls=False, timeout=1), sent)
    finally:
        for connection in held:
            connection.close()
        listener.close()
    assert set(failed) == set(sent)
    reached = f"the server 127.0.0.1:{port} could not be reached ("
    hint = "timed out); check secrets.toml [smtp] host and port"
    assert all(why.startswith(reached) and why.endswith(hint) for why in failed.values())


def test_a_closed_port_leaves_everyone_not_reached(publication):
    _plan, sent = publication
    port = free_port()
    failed = send_messages(SmtpSettings("127.0.0.1", SENDER, port, starttls=False, timeout=2), sent)
    assert set(failed) == set(sent)
    assert next(iter(failed.values())).startswith(f"the server 127.0.0.1:{port} could not be reached (")


def test_settings_are_read_with_defaults_and_bad_ones_located():
    assert smtp_settings(None) == (None, [])
    settings, problems = smtp_settings({"host": "smtp.example.org", "sender": SENDER})
    assert problems == [] and settings == SmtpSettings(
        "smtp.example.org", SENDER, 587, True, None, None, 20.0
    )
    settings, problems = smtp_settings({"host": "smtp.example.org", "port": "twenty-five", "starttls": "yes"})
    assert settings is None
    assert problems == [
        "secrets.toml [smtp] sender: missing; expected a text",
        "secrets.toml [smtp] port: 'twenty-five'; expected a whole number from 1 to 65535",
        "secrets.toml [smtp] starttls: 'yes'; expected true or false",
    ]
    settings, problems = smtp_settings({"host": "smtp.example.org", "sender": SENDER, "start_tls": False})
    assert settings is None  # a misspelt key would otherwise leave STARTTLS at its default unnoticed
    assert problems == [
        "secrets.toml [smtp] start_tls: not a setting of sending; expected one of host, port, starttls, "
        "user, password, sender, timeout"
    ]


class Choosy(Inbox):
    """Takes no message from the sender in `refused_sender`."""

    refused_sender = "protocol@office.test"

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address == self.refused_sender:
            return "553 5.7.1 Sender address not allowed"
        envelope.mail_from = address
        return "250 OK"


def test_a_refused_sender_is_named_with_its_setting(publication):
    handler = Choosy()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        _plan, sent = publication
        failed = send_messages(SmtpSettings("127.0.0.1", SENDER, controller.port, starttls=False), sent)
    finally:
        controller.stop()
    assert handler.received == []
    assert set(failed) == set(sent)
    assert set(failed.values()) == {
        "the server refused the sender 'protocol@office.test' (553 5.7.1 Sender address not allowed): check "
        "secrets.toml [smtp] sender"
    }
