"""A real SMTP server (aiosmtpd) on a free port of 127.0.0.1, for the mail tests.

Messages are kept raw, as the server received them. Recipients whose address contains
"bounce" are refused with a permanent error, and while `down` is set every message gets a
temporary one: the failures the site must record and retry.
"""

import email
import email.policy
import socket

import pytest


class Recorder:
    def __init__(self):
        self.messages = []  # (envelope recipients, raw bytes)
        self.down = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.down:
            return "451 4.3.0 Try again later"
        if "bounce" in address:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"

    def parsed(self):
        return [
            email.message_from_bytes(raw, policy=email.policy.default)
            for _rcpt, raw in self.messages
        ]

    def to(self, address):
        return [
            email.message_from_bytes(raw, policy=email.policy.default)
            for rcpt, raw in self.messages
            if address in rcpt
        ]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """The site's mail goes to a real SMTP server started for the test."""
    try:
        from aiosmtpd.controller import Controller
    except ImportError as error:  # pragma: no cover - installed with the dev requirements
        pytest.skip(f"aiosmtpd is not installed: {error}")
    recorder = Recorder()
    port = _free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    try:
        controller.start()
    except Exception as error:
        pytest.skip(f"the SMTP server could not start: {error}")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield recorder
    controller.stop()
