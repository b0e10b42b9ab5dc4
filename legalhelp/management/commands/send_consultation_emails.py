from django.core.management.base import BaseCommand

from legalhelp.emails import send_pending_emails
from legalhelp.models import ConsultationRequest


class Command(BaseCommand):
    help = "Send the desk's e-mails that have not gone out (cron-safe: each is sent once)."

    def handle(self, *args, **options):
        complete, failed = send_pending_emails(ConsultationRequest.objects.all())
        self.stdout.write(f"Consultation requests: {complete} complete, {failed} failed.")
        if failed:
            raise SystemExit(1)
