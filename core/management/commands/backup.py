from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) and the uploaded files into a folder "
        "named by the time, under BACKUP_DIR (default .local/backups/). See core/backup.py."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", dest="folder", help="Where to write the backup (default: BACKUP_DIR)."
        )
        parser.add_argument("--database", default="default", help="The database alias.")

    def handle(self, *args, folder, database, **options):
        try:
            written = backup.create(folder, alias=database)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written: {written}")
        self.stdout.write(f"Restore it with: make restore FILE={written}")
