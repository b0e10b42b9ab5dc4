from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from members import demo as members_demo
from news import demo as news_demo
from portal import demo as portal_demo
from programs import demo as programs_demo


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
        # Order matters: programs choose hromadas from the registry, news link to both.
        with transaction.atomic():
            portal_demo.load(self)
            members_demo.load(self)
            programs_demo.load(self)
            news_demo.load(self, scale=scale)
            # The demos use bulk operations, which send no signals: index everything once.
            call_command("rebuild_search_index", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
