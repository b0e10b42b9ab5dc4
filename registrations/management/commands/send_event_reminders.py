from django.core.management.base import BaseCommand

from registrations.emails import send_reminders


class Command(BaseCommand):
    help = (
        "Remind the people registered for events that start before the end of tomorrow (Kyiv "
        "time). Run it daily from a timer (docs/mail.md). Each person gets one reminder, "
        "however often the command runs; a failed one is tried again at the next run."
    )

    def handle(self, *args, **options):
        sent, failed = send_reminders()
        self.stdout.write(f"Reminders sent: {sent}; failed: {failed}.")
        if failed:
            self.stderr.write("Some reminders failed: see the log and the registrants in admin.")
