import os
import statistics
import time

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

from search import benchdata, registry, views
from search.index import analyze, index_documents
from search.models import SearchDocument, SearchTerm
from search.query import search

QUERIES = [
    "громада",
    "громади",
    "громадою",
    "громад",
    "Балаклійська громада",
    "балаклійській",
    "Мереф’янської громади",
    "мерефʼянська",
    "просторове планування",
    "просторового планування громади",
    "енергетична безпека",
    "місцевого бюджету",
    "питна вода",
    "шкільних автобусів",
    "грантовий конкурс",
    "сонячної електростанції",
    "співробітництва",
    "депутати затвердили бюджет",
    "навчання старост",
    "цифрова трансформація громад",
    "Чугуївська громада питна вода",
    "Харківщини",
    "програмою",
    "допомога",
    "планувння",
    "енергоефективної модрнізації",
    "розмінуваня",
    "ліцей",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "громада " * 40,
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = (
        "Index generated Ukrainian news through the search's own code path, time it, then time "
        "a fixed list of searches (p50/p95/max). Everything is rolled back unless --keep."
    )

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=20_000)
        parser.add_argument("--rounds", type=int, default=5, help="times each query is run")
        parser.add_argument("--keep", action="store_true", help="commit the generated documents")

    def handle(self, *args, documents, rounds, keep, **options):
        started = time.perf_counter()
        items = list(benchdata.documents(documents))
        elapsed = time.perf_counter() - started
        self.stdout.write(f"generated {documents} documents in {elapsed:.1f} s")
        self._vacuum()  # dead rows of earlier, rolled back runs would slow this one
        with transaction.atomic():
            SearchDocument.objects.filter(key__startswith="bench:").delete()
            if keep:
                started = time.perf_counter()
                written = index_documents("news", items, replace=False, known_terms=set())
                analyze()
                label = "indexed"
            else:
                started, written = self._rebuild(items)
                label = "rebuilt the whole index with"
            elapsed = time.perf_counter() - started
            self.stdout.write(
                f"{label} {written} documents in {elapsed:.1f} s ({written / elapsed:.0f}/s), "
                f"index {self._size()}"
            )
            self._measure(rounds)
            if not keep:
                transaction.set_rollback(True)
        self.stdout.write("kept the documents" if keep else "rolled back")

    def _rebuild(self, items):
        """Time rebuild_search_index's own code path on a registered model with one row per
        generated document. The stand-in model is auth's User (rows made and rolled back
        here), so that no content app is needed; its documents are the generated news."""
        by_name = {f"bench-{number}": documents for number, (_key, documents) in enumerate(items)}
        User.objects.bulk_create(
            [User(username=name, password=UNUSABLE_PASSWORD_PREFIX) for name in by_name],
            batch_size=2000,
        )
        registry.register(
            User,
            kind="news",
            documents=lambda user: by_name[user.username],
            queryset=lambda: User.objects.filter(username__startswith="bench-").only("username"),
        )
        try:
            started = time.perf_counter()
            counts = registry.rebuild()
        finally:
            registry.unregister(User)
        for model, (objects, documents) in counts.items():
            self.stdout.write(f"  {model}: {objects} objects, {documents} documents")
        return started, sum(documents for _objects, documents in counts.values())

    def _measure(self, rounds):
        factory = RequestFactory()
        # no collectstatic needed for the benchmark: the manifest is not what is measured
        plain_static_files = override_settings(
            STORAGES={
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            }
        )
        # the page builds absolute URLs (canonical, hreflang): use a host the settings allow
        host = next((h for h in settings.ALLOWED_HOSTS if "*" not in h), "localhost").lstrip(".")
        with translation.override("uk"):
            searches, pages, first_round = [], [], []
            with CaptureQueriesContext(connection) as captured:
                search(QUERIES[0], language="uk")
            most_queries = 0
            for round_number in range(rounds):
                for query in QUERIES:
                    started = time.perf_counter()
                    with CaptureQueriesContext(connection) as captured:
                        found = search(query, language="uk", page=1)
                    elapsed = (time.perf_counter() - started) * 1000
                    most_queries = max(most_queries, len(captured))
                    searches.append(elapsed)
                    if round_number == 0:
                        first_round.append((elapsed, query, found.total))
                    started = time.perf_counter()
                    request = factory.get("/search/", {"q": query}, headers={"host": host})
                    with plain_static_files:
                        views.results(request)
                    pages.append((time.perf_counter() - started) * 1000)
        self.stdout.write("first round (cold lemma cache), ms and hits:")
        for elapsed, query, total in first_round:
            self.stdout.write(f"  {elapsed:7.1f}  {total:6d}  {query[:50]}")
        for label, values in (("search()", searches), ("whole page (view)", pages)):
            self.stdout.write(
                f"{label}: {len(values)} runs, p50 {statistics.median(values):.1f} ms, "
                f"p95 {percentile(values, 0.95):.1f} ms, max {max(values):.1f} ms"
            )
        self.stdout.write(f"SQL queries per search: at most {most_queries}")
        # other processes on the machine weigh on every number above
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        self.stdout.write(f"load average: {load} on {os.cpu_count()} CPUs")

    def _vacuum(self):
        if connection.in_atomic_block:  # VACUUM cannot run in a transaction (tests)
            return
        with connection.cursor() as cursor:
            for model in (SearchDocument, SearchTerm):
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    def _size(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_size_pretty(pg_total_relation_size(%s))",
                [SearchDocument._meta.db_table],
            )
            return cursor.fetchone()[0]
