import time

from django.core.management.base import BaseCommand

from search import registry


class Command(BaseCommand):
    help = (
        "Rebuild the site search index and its spelling vocabulary from every registered "
        "model, in one transaction (visitors keep the old index until it is done)."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        counts = registry.rebuild()
        for label, (objects, documents) in counts.items():
            self.stdout.write(f"{label}: {objects} objects, {documents} documents")
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt in {elapsed:.1f} s."))
