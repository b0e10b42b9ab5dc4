import time

from django.core.management.base import BaseCommand, CommandError

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
            f"KATOTTG {oblast}: {result.total} units in the file; {result.added} added, "
            f"{result.updated} updated, {result.removed} removed, {result.retired} no longer "
            f"in the codifier but kept for their councils "
            f"({time.perf_counter() - started:.2f} s)."
        )
