from django.core.management.base import BaseCommand

from core import retention


class Command(BaseCommand):
    help = (
        "Anonymise or delete the personal data (applications, and whatever else the apps list) "
        "whose retention period, PERSONAL_DATA_RETENTION_DAYS, is over. Run it daily; it is "
        "safe to repeat. See core/retention.py."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be purged, change nothing."
        )

    def handle(self, *args, dry_run, **options):
        days = retention.retention_days()
        verb = "would be purged" if dry_run else "purged"
        self.stdout.write(f"Retention period: {days} days (PERSONAL_DATA_RETENTION_DAYS).")
        for rule, count in retention.purge(dry_run=dry_run):
            self.stdout.write(f"  {rule.label}: {count} {verb}")
