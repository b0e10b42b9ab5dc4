"""E-mails to registrants: the confirmation (with the event's .ics and the cancel link), a
place offered from the waiting list, the reminder the day before, and staff messages.

Each is sent after the registration is saved, never instead of saving it; what went out is
recorded on the registrant, so a failure is visible in admin and retried
(`send_registration_emails`, the admin action). The messages quote nothing the registrant
typed except the name they gave for themselves; the address receives only its own link.
Without a mail server (the console backend) the link a registrant would follow is written
to the server's log, so that the site can be tried locally (decision 25).
"""

import logging

from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation

from core.mail import absolute_url, delivers, render_message
from news import calendar
from registrations.models import EmailStatus, Registrant, reminder_window

logger = logging.getLogger(__name__)


def _language(registrant):
    """The registrant's language, unless the event has no text in it (its English was taken
    away after they registered): then Ukrainian, rather than English mail with a Ukrainian
    event in it and its calendar entry (decision 14)."""
    if registrant.event.is_translated(registrant.language):
        return registrant.language
    return settings.LANGUAGE_CODE


def _context(registrant):
    event = registrant.event
    return {
        "registrant": registrant,
        "event": event,
        "setup": getattr(event, "registration_settings", None),
        "event_url": absolute_url(event.get_absolute_url()),
        "cancel_url": absolute_url(registrant.get_cancel_url()),
        "Status": Registrant.Status,
    }


def _with_calendar(message, event):
    name = event.title
    message.attach(f"{event.slug}.ics", calendar.build([event], None, name=name), "text/calendar")
    return message


def confirmation_message(registrant):
    with translation.override(_language(registrant)):
        message = render_message(
            "registrations/email/confirmation.txt", _context(registrant), [registrant.email]
        )
        if registrant.status == Registrant.Status.CONFIRMED:
            _with_calendar(message, registrant.event)
        return message


def promotion_message(registrant):
    with translation.override(_language(registrant)):
        message = render_message(
            "registrations/email/promotion.txt", _context(registrant), [registrant.email]
        )
        return _with_calendar(message, registrant.event)


def reminder_message(registrant):
    with translation.override(_language(registrant)):
        message = render_message(
            "registrations/email/reminder.txt", _context(registrant), [registrant.email]
        )
        return _with_calendar(message, registrant.event)


def staff_message_to(event_message, registrant):
    with translation.override(_language(registrant)):
        return render_message(
            "registrations/email/message.txt",
            {**_context(registrant), "message": event_message},
            [registrant.email],
        )


def _log_link(registrant, what):
    # The console backend writes one line without the text; the link is what a person
    # trying the site locally needs (it names no one).
    logger.warning(
        "Registration %s (%s): not sent, console backend. The cancel link: %s",
        registrant.pk,
        what,
        absolute_url(registrant.get_cancel_url()),
    )


def send_registration_emails(registrant):
    """Send the confirmation and, after a promotion, the place offered, whichever has not
    gone out; False when one failed."""
    steps = [("confirmation_sent_at", confirmation_message)]
    if registrant.promoted_at is not None:
        steps.append(("promotion_sent_at", promotion_message))
    console = not delivers()
    errors = []
    for field, build in steps:
        if getattr(registrant, field) is not None or not registrant.email:
            continue
        try:
            build(registrant).send()
        except Exception as error:  # any failure of the mail system: SMTP, network, settings
            logger.error(
                "Registration %s: e-mail (%s) failed: %s",
                registrant.pk,
                field,
                type(error).__name__,
            )
            errors.append(f"{field}: {type(error).__name__}: {error}")
            continue
        if console:
            _log_link(registrant, field)
        else:
            setattr(registrant, field, timezone.now())
    registrant.email_attempts += 1
    registrant.email_error = "\n".join(errors)
    if errors:
        registrant.email_status = EmailStatus.FAILED
    elif console:
        registrant.email_status = EmailStatus.CONSOLE
    else:
        registrant.email_status = EmailStatus.SENT
    registrant.save(
        update_fields=[
            "confirmation_sent_at",
            "promotion_sent_at",
            "email_attempts",
            "email_error",
            "email_status",
        ]
    )
    return not errors


def after_promotion(registrants):
    """Mark the promoted as owing an e-mail and send it (called once the promotion is
    committed, so a slow mail server holds no lock)."""
    for registrant in registrants:
        Registrant.objects.filter(pk=registrant.pk).update(email_status=EmailStatus.PENDING)
        registrant.email_status = EmailStatus.PENDING
        send_registration_emails(registrant)


def send_pending(registrants, max_attempts=None):
    """Retry what has not gone out; returns (complete, failed)."""
    complete = failed = 0
    for registrant in registrants.awaiting_email(max_attempts).select_related(
        "event__registration_settings"
    ):
        if send_registration_emails(registrant):
            complete += 1
        else:
            failed += 1
    return complete, failed


def send_reminders(now=None):
    """Remind the confirmed registrants of events starting before the end of tomorrow.

    Each registrant is claimed (reminded_at set where it was empty, one UPDATE) before the
    message is sent: two runs at once, or a second run, find it claimed and send nothing.
    A failed send releases the claim, so the next run tries again. Returns (sent, failed).
    """
    start, end = reminder_window(now)
    sent = failed = 0
    candidates = Registrant.objects.to_remind(start, end).select_related(
        "event__registration_settings"
    )
    for registrant in candidates:
        claimed = Registrant.objects.filter(pk=registrant.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
        if not claimed:
            continue  # another run took it
        try:
            reminder_message(registrant).send()
        except Exception as error:  # any failure of the mail system
            logger.error(
                "Registration %s: reminder failed: %s", registrant.pk, type(error).__name__
            )
            Registrant.objects.filter(pk=registrant.pk).update(
                reminded_at=None,
                email_error=f"reminder: {type(error).__name__}: {error}",
                email_attempts=F("email_attempts") + 1,
            )
            failed += 1
        else:
            if not delivers():
                _log_link(registrant, "reminder")
            sent += 1
    return sent, failed


def send_event_message(event_message):
    """Send a staff message to everyone registered (and waiting, if chosen); record counts."""
    statuses = [Registrant.Status.CONFIRMED]
    if event_message.include_waiting:
        statuses.append(Registrant.Status.WAITING)
    recipients = (
        event_message.event.registrants.filter(status__in=statuses)
        .exclude(email="")
        .select_related("event")
    )
    sent = failed = 0
    error = ""
    for registrant in recipients:
        try:
            staff_message_to(event_message, registrant).send()
        except Exception as failure:  # any failure of the mail system
            logger.error(
                "Message %s to registrant %s failed: %s",
                event_message.pk,
                registrant.pk,
                type(failure).__name__,
            )
            failed += 1
            error = f"{type(failure).__name__}: {failure}"
        else:
            sent += 1
    event_message.recipients = sent + failed
    event_message.sent = sent
    event_message.failed = failed
    event_message.error = error
    event_message.save(update_fields=["recipients", "sent", "failed", "error"])
    return sent, failed
