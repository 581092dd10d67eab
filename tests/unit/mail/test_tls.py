"""The two encrypted ways to a mail server, with a login: STARTTLS on smtp:// and TLS from the start on smtps://,
against aiosmtpd on 127.0.0.1 with a certificate made for the test (trusted through ASSESSMENT_SMTP_CAFILE).
A server without STARTTLS gets nothing: the message waits, with the reason."""

from __future__ import annotations

import ipaddress
import ssl
from datetime import UTC, datetime, timedelta

import pytest
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from assessment.mail import mail_settings, send_pass
from tests.smtp_server import SmtpTestServer

from .conftest import BASE_URL
from .test_sender import PEOPLE, invite, messages


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1: (its PEM file, a server context using it)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return str(folder / "cert.pem"), context


def login(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=(auth_data.login, auth_data.password) == (b"hr", b"p@ss word"), handled=False)


def settings_for(url: str, cafile: str):
    return mail_settings({"ASSESSMENT_SMTP_URL": url, "ASSESSMENT_SMTP_CAFILE": cafile,
                          "ASSESSMENT_MAIL_FROM": "hr@example.com", "ASSESSMENT_BASE_URL": BASE_URL})


@pytest.mark.parametrize("scheme", ["smtp", "smtps"])
def test_encrypted_and_signed_in(sqlite_store, certificate, scheme):
    cafile, context = certificate
    # aiosmtpd cannot tell that a connection is TLS from the start, so it is told not to hold back AUTH.
    options = {"tls_context": context, "require_starttls": True} if scheme == "smtp" \
        else {"ssl_context": context, "auth_require_tls": False}
    smtp = SmtpTestServer(authenticator=login, **options).start()
    try:
        invite(sqlite_store, PEOPLE[:1])
        wrong = send_pass(sqlite_store, settings_for(f"{scheme}://hr:wrong@127.0.0.1:{smtp.port}", cafile))
        assert wrong.sent == 0 and "535" in wrong.stopped, "a refused login keeps the message queued"
        later = datetime.now(UTC) + timedelta(hours=1)
        right = settings_for(f"{scheme}://hr:p%40ss%20word@127.0.0.1:{smtp.port}", cafile)
        assert send_pass(sqlite_store, right, now=later).sent == 1
        assert smtp.received[0].rcpt_tos == ("ann@example.com",)
    finally:
        smtp.stop()


def test_a_server_without_starttls_gets_nothing(sqlite_store, certificate):
    smtp = SmtpTestServer().start()  # plain SMTP only
    try:
        invite(sqlite_store, PEOPLE[:1])
        result = send_pass(sqlite_store, settings_for(f"smtp://127.0.0.1:{smtp.port}", certificate[0]))
        assert result.sent == 0 and "STARTTLS" in result.stopped
        assert smtp.received == [] and messages(sqlite_store)[0].state == "queued"
    finally:
        smtp.stop()
