"""E-mails of the desk: the confirmation with the tracking link, the staff notification and
the answer. Sent after the request is stored; what went out is recorded on the request, so a
failure is visible in admin and retried (the admin action, `send_consultation_emails`).

The confirmation goes to whatever address was typed in, so it carries nothing typed in: only
the number and the status link (decision 0007). The answer is staff's text.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.mail import delivers
from legalhelp.models import ConsultationRequest

logger = logging.getLogger(__name__)
STATUS_SALT = "legalhelp.request-status"
EmailStatus = ConsultationRequest.EmailStatus


def status_token(request):
    return signing.dumps(request.pk, salt=STATUS_SALT)


def request_from_token(token):
    """The request a status link names, or None (a forged or damaged link)."""
    try:
        pk = signing.loads(str(token or ""), salt=STATUS_SALT)
    except signing.BadSignature:
        return None
    return ConsultationRequest.objects.select_related("topic").filter(pk=pk).first()


def status_path(request):
    with translation.override(request.language):
        return reverse("legalhelp:status") + f"?ref={status_token(request)}"


def _message(template, context, to, reply_to=()):
    subject, _blank, body = render_to_string(template, context).strip().partition("\n")
    return EmailMessage(subject=subject.strip(), body=body.strip() + "\n", to=to, reply_to=reply_to)


def _site_url(path):
    return settings.SITE_URL.rstrip("/") + path


def confirmation_message(request):
    with translation.override(request.language):
        return _message(
            "legalhelp/email/confirmation.txt",
            {"request": request, "status_url": _site_url(status_path(request))},
            to=[request.email],
        )


def staff_message(request):
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            "legalhelp/email/staff.txt",
            {
                "request": request,
                "admin_url": _site_url(
                    reverse("admin:legalhelp_consultationrequest_change", args=[request.pk])
                ),
            },
            to=list(settings.STAFF_NOTIFICATION_EMAILS),
        )


def answer_message(request):
    with translation.override(request.language):
        return _message(
            "legalhelp/email/answer.txt",
            {"request": request, "status_url": _site_url(status_path(request))},
            to=[request.email],
        )


def _send(request, build, what):
    """Send one message; returns the error text ("" when it went out)."""
    try:
        message = build(request)
        if message.to:
            message.send()
    except Exception as error:  # any failure of the mail system: SMTP, network, settings
        # The log gets the kind of failure only: SMTP errors quote the addresses.
        logger.error(
            "Consultation request %s: e-mail (%s) failed: %s",
            request.pk,
            what,
            type(error).__name__,
        )
        return f"{what}: {type(error).__name__}: {error}"
    return ""


def _outcome(error):
    if error:
        return EmailStatus.FAILED
    return EmailStatus.SENT if delivers() else EmailStatus.CONSOLE


def send_request_emails(request):
    """The confirmation and the staff notification, once; False when one failed."""
    if request.confirmation_email_status in (EmailStatus.SENT, EmailStatus.CONSOLE):
        return True
    errors = [_send(request, confirmation_message, "confirmation")]
    errors.append(_send(request, staff_message, "staff"))
    errors = [error for error in errors if error]
    request.confirmation_email_status = _outcome(errors[0] if errors else "")
    request.email_attempts += 1
    request.email_error = "\n".join(errors)
    request.save(update_fields=["confirmation_email_status", "email_attempts", "email_error"])
    return not errors


def send_answer(request):
    """E-mail the written answer and record it. The answer and its sending moment are kept
    even when the mail fails: the request is then "answer sent" in the queue with the e-mail
    marked failed, and retried. Returns False when the mail failed."""
    error = _send(request, answer_message, "answer")
    now = timezone.now()
    request.answer_email_status = _outcome(error)
    request.email_attempts += 1
    request.email_error = error
    fields = ["answer_email_status", "email_attempts", "email_error"]
    if request.answered_at is None:
        request.answered_at = now
        fields.append("answered_at")
    if request.status in (ConsultationRequest.Status.NEW, ConsultationRequest.Status.IN_WORK):
        request.status = ConsultationRequest.Status.ANSWER_SENT
        request.status_changed_at = now
        fields += ["status", "status_changed_at"]
    request.save(update_fields=fields)
    return not error


def send_pending_emails(requests, max_attempts=None):
    """Retry what has not gone out; returns (complete, failed) counted in requests."""
    complete = failed = 0
    for request in requests.awaiting_email(max_attempts):
        ok = send_request_emails(request)
        if request.answer_email_status == EmailStatus.FAILED:
            ok = send_answer(request) and ok
        complete += ok
        failed += not ok
    return complete, failed
