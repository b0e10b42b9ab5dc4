from django.core.management.base import BaseCommand
from django.db import transaction

from core import plugins


class Command(BaseCommand):
    help = "Fill the site with demo content from the Centre's own texts. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Also add this many generated news articles (for benchmarks).",
        )

    def handle(self, *args, scale, **options):
        # Each app's demo.load() in the order of its AppConfig.demo_order: the registry before
        # programs (they choose hromadas from it), both before news (news link to them), and
        # the search index last.
        with transaction.atomic():
            for loader in plugins.demo_loaders():
                loader.load(self, scale=scale)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
