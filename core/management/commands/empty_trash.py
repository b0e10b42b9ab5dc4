from django.conf import settings
from django.core.management.base import BaseCommand

from core import history
from core.models import Deletion


class Command(BaseCommand):
    help = (
        "Delete for good the items that have been in the admin's trash longer than TRASH_DAYS, "
        "with their versions and their files. Run it daily; it is safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted, change nothing."
        )

    def handle(self, *args, dry_run, **options):
        expired = Deletion.objects.past_trash_period().select_related("revision")
        self.stdout.write(f"Trash period: {settings.TRASH_DAYS} days (TRASH_DAYS).")
        if dry_run:
            self.stdout.write(f"  {expired.count()} items would be deleted")
            return
        self.stdout.write(f"  {history.empty(list(expired))} items deleted")
