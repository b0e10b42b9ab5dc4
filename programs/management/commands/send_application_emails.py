from django.core.management.base import BaseCommand

from programs.emails import send_application_emails
from programs.models import Application


class Command(BaseCommand):
    help = (
        "Send the e-mails about applications that have not gone out yet (for example after "
        "the mail server was down). Safe to run from cron: each message is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=20,
            help="Leave alone applications that have failed this many times (default 20).",
        )

    def handle(self, *args, max_attempts, **options):
        pending = (
            Application.objects.awaiting_email()
            .filter(email_attempts__lt=max_attempts)
            .select_related("program", "lead_council")
        )
        sent = failed = 0
        for application in pending:
            if send_application_emails(application):
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"E-mails complete for {sent} application(s); {failed} still failing.")
        if failed:
            self.stderr.write("Some e-mails failed: see the log and the applications in admin.")
