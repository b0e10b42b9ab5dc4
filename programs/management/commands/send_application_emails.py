from core.mail import SendPendingEmailsCommand
from programs.emails import send_pending_emails
from programs.models import Application


class Command(SendPendingEmailsCommand):
    help = (
        "Send the e-mails about applications that have not gone out yet (confirmations, staff "
        "notifications, decisions; for example after the mail server was down). Safe to run "
        "from cron: each message is sent once."
    )
    what = "applications"

    def send_pending(self, max_attempts):
        return send_pending_emails(Application.objects.all(), max_attempts=max_attempts)
