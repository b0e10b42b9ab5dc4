from core.mail import SendPendingEmailsCommand
from registrations.emails import send_pending
from registrations.models import Registrant


class Command(SendPendingEmailsCommand):
    help = (
        "Send the registration e-mails that have not gone out yet (confirmations, places "
        "offered from the waiting list), e.g. after the mail server was down. Safe to run "
        "from a timer: each message is sent once."
    )
    what = "registrants"

    def send_pending(self, max_attempts):
        return send_pending(Registrant.objects.all(), max_attempts=max_attempts)
