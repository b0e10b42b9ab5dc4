"""Mail that is not really sent, told apart from mail that is.

Without EMAIL_URL the site writes its e-mails to the console (portal/settings.py). They
never reach anyone, so the apps record them as "not sent (console)" (`delivers()`), and the
console copy leaves out the addresses and the body: the default log is no place for
applicants' names, e-mails and phones.
"""

import logging

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends import console, dummy

logger = logging.getLogger(__name__)


def delivers(connection=None):
    """False when the configured backend only writes mail down (console, file) or drops it."""
    connection = connection or get_connection()
    return not isinstance(connection, console.EmailBackend | dummy.EmailBackend)


class ConsoleBackend(console.EmailBackend):
    """The console backend without personal data: one line per message, its subject only.

    With DEBUG on (`make dev`) the whole message is written, as Django's backend does.
    """

    def write_message(self, message):
        if settings.DEBUG:
            super().write_message(message)
            return
        recipients = len(message.recipients())
        self.stream.write(
            f"E-mail not sent (console backend; set EMAIL_URL to send mail): "
            f"“{message.subject}” to {recipients} recipient(s)\n"
        )
