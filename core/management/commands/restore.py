from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into an empty database and MEDIA_ROOT. It refuses a "
        "database with tables or a media folder with files unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup's folder (or any file in it).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the backup's objects in a database that has tables (pg_restore "
            "--clean) and overwrite files of the same name.",
        )
        parser.add_argument("--database", default="default", help="The database alias.")

    def handle(self, *args, path, force, database, **options):
        try:
            folder = backup.restore(path, alias=database, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {folder}. Run `manage.py migrate` if the code is newer.")
