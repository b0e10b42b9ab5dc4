from django.core.management.base import BaseCommand

from registrations.emails import send_pending
from registrations.models import Registrant


class Command(BaseCommand):
    help = (
        "Send the registration e-mails that have not gone out yet (confirmations, places "
        "offered from the waiting list), e.g. after the mail server was down. Safe to run "
        "from a timer: each message is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=20,
            help="Leave alone e-mails that have failed this many times (default 20).",
        )

    def handle(self, *args, max_attempts, **options):
        sent, failed = send_pending(Registrant.objects.all(), max_attempts=max_attempts)
        self.stdout.write(f"Registration e-mails complete: {sent}; still failing: {failed}.")
        if failed:
            self.stderr.write("Some e-mails failed: see the log and the registrants in admin.")
