from django.core.management.base import BaseCommand

from subscriptions.models import Digest
from subscriptions.sending import create_digest, send_pending, weekly_due


class Command(BaseCommand):
    help = (
        "Send the e-mail digest. With --weekly, first make a new digest when none was made in "
        "the last six and a half days; then send what is waiting, in batches. Resumable: run "
        "it again after a crash, nothing is sent twice (docs/mail.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--weekly", action="store_true", help="Make the weekly digest if due.")
        parser.add_argument(
            "--batch", type=int, default=None, help="Send at most this many messages this run."
        )

    def handle(self, *args, weekly, batch, **options):
        if weekly and weekly_due():
            digest = create_digest(Digest.Kind.WEEKLY)
            self.stdout.write(f"Digest {digest.pk} made: {digest.deliveries.count()} recipient(s).")
        counts = send_pending(batch_size=batch)
        self.stdout.write(
            "Sent: {sent}; failed: {failed}; nothing to send: {skipped}; "
            "interrupted earlier, not resent: {interrupted}.".format(**counts)
        )
        if counts["failed"]:
            self.stderr.write("Some deliveries failed: they are retried at the next run.")
