"""Mail that is not really sent, told apart from mail that is.

Without EMAIL_URL the site writes its e-mails to the console (portal/settings.py). They
never reach anyone, so the apps record them as "not sent (console)" (`delivers()`), and the
console copy leaves out the addresses and the body: the default log is no place for
applicants' names, e-mails and phones.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends import console, dummy
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string

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


def absolute_url(path):
    """The site's own address of `path`, for links in e-mails (settings.SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_headers(url):
    """RFC 8058 one-click unsubscribe: a POST of "List-Unsubscribe=One-Click" to `url` is
    enough (mail providers send it from their "Unsubscribe" button, without a browser)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def render_message(template, context, to, *, html_template=None, reply_to=None, headers=None):
    """An e-mail from templates: `template` gives the subject (its first line) and the plain
    text; `html_template`, when given, an HTML alternative of the same text.

    Every message the site sends has a plain-text part, the site's From and a Reply-To that
    reaches people (REPLY_TO_EMAIL) unless `reply_to` names another address.
    """
    subject, _blank, text = render_to_string(template, context).strip().partition("\n")
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to or [settings.REPLY_TO_EMAIL],
        headers=headers,
    )
    if html_template:
        message.attach_alternative(render_to_string(html_template, context), "text/html")
    return message


class SendPendingEmailsCommand(BaseCommand):
    """The shape of every app's `send_*_emails` command, for a timer or by hand.

    `send_pending(max_attempts)` sends what has not gone out yet (each message at most once)
    and returns (complete, failed). A failure is reported on stderr but the command still
    succeeds: the failed e-mails are on the admin dashboard, and a timer that keeps failing
    for a mail server that is down would only bury that in the scheduler's logs."""

    what = ""  # what the counts are of, for the summary line: "applications"

    def send_pending(self, max_attempts):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=20,
            help="Leave alone e-mails that have failed this many times (default 20).",
        )

    def handle(self, *args, max_attempts, **options):
        complete, failed = self.send_pending(max_attempts)
        what = self.what.capitalize()
        self.stdout.write(f"{what}: e-mails complete for {complete}, still failing for {failed}.")
        if failed:
            self.stderr.write(f"Some e-mails failed: see the log and the {self.what} in admin.")
