import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from members.katottg import DEFAULT_FILE, DEFAULT_OBLAST, CodifierError, import_units, read_codifier


class Command(BaseCommand):
    help = (
        "Load the territorial units of one oblast from the KATOTTG codifier: the CSV extract "
        "shipped with the site, or an official .xlsx edition. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            default=str(DEFAULT_FILE),
            help="A .csv extract or the official .xlsx (default: the shipped UA63 extract).",
        )
        parser.add_argument(
            "--oblast",
            default=DEFAULT_OBLAST,
            help="Keep only the units whose code starts with this (default: UA63, Kharkiv).",
        )

    def handle(self, *args, file, oblast, **options):
        started = time.perf_counter()
        try:
            rows = read_codifier(file, oblast=oblast)
        except CodifierError as error:
            raise CommandError(f"{file}: {error}") from error
        result = import_units(rows, oblast=oblast)
        self.stdout.write(
            _(
                "KATOTTG %(oblast)s: units in the file: %(total)s; added: %(added)s, "
                "updated: %(updated)s, removed: %(removed)s, kept for their councils although "
                "no longer in the codifier: %(retired)s (%(seconds).2f s)."
            )
            % {
                "oblast": oblast,
                "total": result.total,
                "added": result.added,
                "updated": result.updated,
                "removed": result.removed,
                "retired": result.retired,
                "seconds": time.perf_counter() - started,
            }
        )
