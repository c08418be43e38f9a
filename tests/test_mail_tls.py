"""Sending over STARTTLS and with a login, to a real aiosmtpd server with a certificate made here; settings
the server does not meet give a reason naming what to change, and nothing goes out unencrypted."""

import datetime
import email
import ipaddress
import ssl
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from scheduler.export.mail_send import SmtpSettings, send_messages
from tests.app_support import free_port
from tests.test_mail_send import SENDER, publication

__all__ = ["publication"]  # the fixture, imported for pytest

USER, PASSWORD = "protocol", "correct horse battery staple"


class SecureInbox:
    """Keeps what it receives, with whether the session was encrypted and who logged in."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes, bool, bytes | None]] = []

    async def handle_DATA(self, server, session, envelope):
        login = session.auth_data if session.authenticated else None
        self.received.append((list(envelope.rcpt_tos), envelope.content, session.ssl is not None, login))
        return "250 Message accepted"


def authenticator(server, session, envelope, mechanism, auth_data):
    right = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=right, handled=False, auth_data=auth_data.login if right else None)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    today = datetime.datetime.now(datetime.UTC)
    made = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(today - datetime.timedelta(days=1))
        .not_valid_after(today + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert, key_file = folder / "server.pem", folder / "server.key"
    cert.write_bytes(made.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert, key_file


def server(handler, certificate=None, **options) -> Controller:
    if certificate is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*certificate)
        options["tls_context"] = context
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    return controller


def settings(port: int, **changes) -> SmtpSettings:
    return SmtpSettings("127.0.0.1", SENDER, port, **({"starttls": True, "timeout": 10} | changes))


def test_a_server_that_requires_starttls_gets_every_message_encrypted(publication, certificate, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # the test's certificate is the one trusted
    handler = SecureInbox()
    controller = server(handler, certificate, require_starttls=True)
    try:
        _plan, sent = publication
        assert send_messages(settings(controller.port), sent) == {}
    finally:
        controller.stop()
    assert len(handler.received) == len(sent)
    assert all(encrypted for _to, _content, encrypted, _login in handler.received)
    message = email.message_from_bytes(handler.received[0][1], policy=policy.default)
    assert message["To"].addresses[0].addr_spec == handler.received[0][0][0]


def test_a_certificate_not_trusted_stops_the_sending_with_the_reason(publication, certificate, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0].with_name("nothing-trusted.pem")))
    handler = SecureInbox()
    controller = server(handler, certificate, require_starttls=True)
    try:
        _plan, sent = publication
        failed = send_messages(settings(controller.port), sent)
    finally:
        controller.stop()
    assert handler.received == []
    assert set(failed) == set(sent)
    assert set(failed.values()) == {
        f"the certificate of the server 127.0.0.1:{controller.port} could not be verified (self-signed "
        "certificate): secrets.toml [smtp] host must be the name the certificate is made out to"
    }


def test_a_server_without_starttls_gets_nothing_when_the_settings_ask_for_it(publication):
    handler = SecureInbox()
    controller = server(handler)
    try:
        _plan, sent = publication
        failed = send_messages(settings(controller.port), sent)
    finally:
        controller.stop()
    assert handler.received == []
    assert set(failed.values()) == {
        f"the server 127.0.0.1:{controller.port} does not offer STARTTLS, which secrets.toml [smtp] "
        "starttls = true asks for: nothing was sent unencrypted (set starttls = false only for a server "
        "on a trusted network)"
    }


def test_a_server_that_requires_starttls_refuses_plain_sending_with_a_reason(publication, certificate):
    handler = SecureInbox()
    controller = server(handler, certificate, require_starttls=True)
    try:
        _plan, sent = publication
        failed = send_messages(settings(controller.port, starttls=False), sent)
    finally:
        controller.stop()
    assert handler.received == []
    assert set(failed.values()) == {
        "the server would not take messages (530 Must issue a STARTTLS command first): check "
        "secrets.toml [smtp] starttls, user and password"
    }


def test_a_login_goes_over_starttls_and_a_wrong_password_is_named(publication, certificate, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    handler = SecureInbox()
    controller = server(handler, certificate, authenticator=authenticator, auth_required=True)
    try:
        _plan, sent = publication
        first = dict(list(sent.items())[:2])
        assert send_messages(settings(controller.port, user=USER, password=PASSWORD), first) == {}
        assert [(encrypted, login) for _to, _c, encrypted, login in handler.received] == [
            (True, b"protocol")
        ] * 2
        failed = send_messages(settings(controller.port, user=USER, password="wrong"), first)
        assert set(failed.values()) == {
            f"the server 127.0.0.1:{controller.port} refused the login of secrets.toml [smtp] user "
            "'protocol' (535 5.7.8 Authentication credentials invalid): check user and password"
        }
        assert len(handler.received) == 2
    finally:
        controller.stop()


def test_a_login_asked_of_a_server_that_offers_none_is_named(publication):
    handler = SecureInbox()
    controller = server(handler)
    try:
        _plan, sent = publication
        failed = send_messages(settings(controller.port, starttls=False, user=USER, password=PASSWORD), sent)
    finally:
        controller.stop()
    assert handler.received == []
    assert set(failed.values()) == {
        f"the server 127.0.0.1:{controller.port} offers no login, which secrets.toml [smtp] user asks for "
        "(many servers offer it only with secrets.toml [smtp] starttls = true)"
    }
