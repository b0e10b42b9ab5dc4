from django.core.management.base import BaseCommand

from programs.emails import send_pending_emails
from programs.models import Application


class Command(BaseCommand):
    help = (
        "Send the e-mails about applications that have not gone out yet (confirmations, staff "
        "notifications, decisions; for example after the mail server was down). Safe to run "
        "from cron: each message is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=20,
            help="Leave alone e-mails that have failed this many times (default 20).",
        )

    def handle(self, *args, max_attempts, **options):
        sent, failed = send_pending_emails(Application.objects.all(), max_attempts=max_attempts)
        self.stdout.write(f"E-mails complete for {sent} application(s); {failed} still failing.")
        if failed:
            self.stderr.write("Some e-mails failed: see the log and the applications in admin.")
