"""The contact form's message to staff: sent after the message is stored, never instead.

A failure is recorded on the message (staff see it in admin and on the dashboard), and the
visitor is told the message was received, since it was: it is stored.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.mail import delivers
from pages.models import ContactMessage

logger = logging.getLogger(__name__)


def staff_message(message):
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(
            "pages/email/contact_staff.txt",
            {
                "message": message,
                "admin_url": settings.SITE_URL.rstrip("/")
                + reverse("admin:pages_contactmessage_change", args=[message.pk]),
            },
        ).strip()
    subject, _blank, body = text.partition("\n")
    return EmailMessage(
        subject=subject.strip(),
        body=body.strip() + "\n",
        to=list(settings.STAFF_NOTIFICATION_EMAILS),
        reply_to=[message.email],
    )


def send_staff_email(message):
    """E-mail staff about a stored message; the outcome is recorded on it. True when sent."""
    try:
        staff_message(message).send()
    except Exception as error:  # any failure of the mail system: SMTP, network, settings
        logger.error("Contact message %s: e-mail failed: %s", message.pk, type(error).__name__)
        message.email_status = ContactMessage.EmailStatus.FAILED
        message.email_error = f"{type(error).__name__}: {error}"
    else:
        message.email_status = (
            ContactMessage.EmailStatus.SENT if delivers() else ContactMessage.EmailStatus.CONSOLE
        )
        message.email_error = ""
    message.save(update_fields=["email_status", "email_error"])
    return message.email_status != ContactMessage.EmailStatus.FAILED
