from core.mail import SendPendingEmailsCommand
from legalhelp.emails import send_pending_emails
from legalhelp.models import ConsultationRequest


class Command(SendPendingEmailsCommand):
    help = (
        "Send the desk's e-mails that have not gone out yet (confirmations, staff "
        "notifications, written answers). Safe to run from a timer: each is sent once."
    )
    what = "consultation requests"

    def send_pending(self, max_attempts):
        return send_pending_emails(ConsultationRequest.objects.all(), max_attempts=max_attempts)
