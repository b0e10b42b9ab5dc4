"""E-mails about applications: a confirmation to the applicant, a notification to staff, and
a letter to the applicant about each decision on the application.

They are sent after the application is saved, never instead of saving it. What went out
is recorded on the application, so a failure is visible in admin and can be retried (the
admin action or `manage.py send_application_emails`); each message is sent at most once.

The confirmation goes to whatever address was typed in, so it carries nothing typed in: no
name, no text, only the application's number and the program (decision 0007); so does the
letter about a decision, which adds the decision in words and nothing a person typed. Without a
mail server (the console backend) nothing is recorded as sent: the status says so.
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from core.mail import delivers, render_message
from programs.models import Application, ApplicationDecision

logger = logging.getLogger(__name__)


def _message(template, context, to, reply_to=None):
    return render_message(template, context, to, reply_to=reply_to)


def confirmation_message(application):
    with translation.override(application.language):
        return _message(
            "programs/email/application_confirmation.txt",
            {
                "application": application,
                "program": application.program,
                "program_url": settings.SITE_URL.rstrip("/")
                + application.program.get_absolute_url(),
            },
            to=[application.contact_email],
        )


def staff_message(application):
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            "programs/email/application_staff.txt",
            {
                "application": application,
                "program": application.program,
                "admin_url": settings.SITE_URL.rstrip("/")
                + reverse("admin:programs_application_change", args=[application.pk]),
            },
            to=list(settings.STAFF_NOTIFICATION_EMAILS),
            reply_to=[application.contact_email],
        )


def send_application_emails(application):
    """Send whichever of the two messages has not gone out yet; False when one failed."""
    errors = []
    console = not delivers()  # written down, not sent: nothing is recorded as sent
    steps = [
        ("confirmation_sent_at", confirmation_message),
        ("staff_notified_at", staff_message),
    ]
    for field, build in steps:
        if getattr(application, field) is not None:
            continue
        try:
            message = build(application)
            if message.to:
                message.send()
            else:
                logger.warning("Application %s: nobody to send %s to", application.pk, field)
        except Exception as error:  # any failure of the mail system: SMTP, network, settings
            # The log gets the kind of failure only: SMTP errors quote the addresses. The
            # whole error is kept on the application, which only its managers see.
            logger.error(
                "Application %s: e-mail (%s) failed: %s",
                application.pk,
                field,
                type(error).__name__,
            )
            errors.append(f"{field}: {type(error).__name__}: {error}")
        else:
            if not console:
                setattr(application, field, timezone.now())
    application.email_attempts += 1
    application.email_error = "\n".join(errors)
    if errors:
        application.email_status = Application.EmailStatus.FAILED
    elif console:
        application.email_status = Application.EmailStatus.CONSOLE
    else:
        application.email_status = Application.EmailStatus.SENT
    application.save(
        update_fields=[
            "confirmation_sent_at",
            "staff_notified_at",
            "email_attempts",
            "email_error",
            "email_status",
        ]
    )
    return not errors


def decision_message(decision):
    application = decision.application
    with translation.override(application.language):
        return _message(
            "programs/email/application_decision.txt",
            {
                "application": application,
                "program": application.program,
                "status": decision.to_status,
                "Status": Application.Status,
                "program_url": settings.SITE_URL.rstrip("/")
                + application.program.get_absolute_url(),
            },
            to=[application.contact_email],
        )


def send_decision_email(decision):
    """Tell the applicant of a decision, once; False when it failed (it is retried later)."""
    if decision.email_sent_at is not None or not decision.application.contact_email:
        return True  # told already, or anonymised: nobody to tell
    error = ""
    try:
        decision_message(decision).send()
    except Exception as failure:  # any failure of the mail system, as above
        logger.error(
            "Application %s: decision e-mail failed: %s",
            decision.application_id,
            type(failure).__name__,
        )
        error = f"{type(failure).__name__}: {failure}"
    decision.email_attempts += 1
    decision.email_error = error
    if error:
        decision.email_status = Application.EmailStatus.FAILED
    elif not delivers():
        decision.email_status = Application.EmailStatus.CONSOLE
    else:
        decision.email_status = Application.EmailStatus.SENT
        decision.email_sent_at = timezone.now()
    decision.save(update_fields=["email_status", "email_sent_at", "email_attempts", "email_error"])
    return not error


def send_pending_emails(applications, max_attempts=None):
    """Send what has not gone out for these applications: confirmations, staff notifications
    and decisions. Returns (complete, failed), counted in applications."""
    failed = set()
    complete = set()
    pending = applications.awaiting_email().select_related("program", "lead_council")
    decisions = ApplicationDecision.objects.awaiting_email().filter(application__in=applications)
    if max_attempts is not None:
        pending = pending.filter(email_attempts__lt=max_attempts)
        decisions = decisions.filter(email_attempts__lt=max_attempts)
    for application in pending:
        (complete if send_application_emails(application) else failed).add(application.pk)
    for decision in decisions.select_related("application__program"):
        ok = send_decision_email(decision)
        (complete if ok else failed).add(decision.application_id)
    return len(complete - failed), len(failed)
