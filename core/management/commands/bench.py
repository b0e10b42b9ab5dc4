"""`make bench`: how fast the site answers with a realistic amount of content.

A benchmark, not a test: it prints numbers and fails only when a page errors. It fills the
database with the demo content plus `--scale` generated news articles, rebuilds the search
index, then requests every kind of page found in the sitemap (and site searches) through
Django's full request stack, reporting SQL queries and server-side latency percentiles.
"""

import statistics
import time
from collections import defaultdict
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

SEARCH_QUERIES = [
    "громада",
    "громадою",
    "Харкова",
    "програми просторового планування",
    "вибори 2020",
    "асоціація рад",
    "планувння",  # a typo
    "spatial planning",
]


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = (
        "Benchmark the pages with --scale generated news articles (run it on a throwaway database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=20_000)
        parser.add_argument("--repeat", type=int, default=30, help="Requests per URL.")
        parser.add_argument("--per-section", type=int, default=3, help="Sitemap URLs per section.")

    def handle(self, *args, scale, repeat, per_section, **options):
        self.client = Client(HTTP_HOST="127.0.0.1")
        started = time.perf_counter()
        call_command("load_demo", scale=scale, stdout=self.stdout)
        self.stdout.write(f"load_demo --scale {scale}: {time.perf_counter() - started:.1f} s")
        if "rebuild_search_index" in get_commands():
            started = time.perf_counter()
            call_command("rebuild_search_index", stdout=self.stdout)
            self.stdout.write(f"rebuild_search_index: {time.perf_counter() - started:.1f} s")

        urls = self.sample_urls(per_section)
        if "rebuild_search_index" in get_commands():
            urls += [("search", f"/search/?q={query}") for query in SEARCH_QUERIES]
        self.stdout.write("")
        self.stdout.write(
            f"{'section':<10} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  url"
        )
        by_section = defaultdict(list)
        for section, url in urls:
            queries, timings = self.measure(url, repeat)
            by_section[section].extend(timings)
            self.stdout.write(
                f"{section:<10} {queries:>7} {statistics.median(timings):>8.1f} "
                f"{percentile(timings, 0.95):>8.1f} {max(timings):>8.1f}  {url}"
            )
        self.stdout.write("")
        self.stdout.write("Per section (all requests):")
        for section, timings in by_section.items():
            self.stdout.write(
                f"  {section:<10} p50 {statistics.median(timings):6.1f} ms   "
                f"p95 {percentile(timings, 0.95):6.1f} ms   n={len(timings)}"
            )

    def sample_urls(self, per_section):
        """Up to `per_section` URLs of each section of the sitemap, both languages."""
        response = self.client.get("/sitemap.xml")
        if response.status_code != 200:
            raise CommandError(f"/sitemap.xml answered {response.status_code}")
        namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        # Our own sitemap, not untrusted input.
        root = ElementTree.fromstring(response.content)  # noqa: S314
        locations = [loc.text for loc in root.findall("s:url/s:loc", namespace)]
        for part in root.findall("s:sitemap/s:loc", namespace):  # a sitemap index: read its parts
            part_url = urlsplit(part.text)
            part_xml = self.client.get(f"{part_url.path}?{part_url.query}").content
            part_root = ElementTree.fromstring(part_xml)  # noqa: S314
            locations += [loc.text for loc in part_root.findall("s:url/s:loc", namespace)]
        chosen = defaultdict(list)
        for location in locations:
            path = urlsplit(location).path
            parts = [p for p in path.split("/") if p and p != "en"]
            section = parts[0] if parts else "home"
            key = (section, path.startswith("/en/"), len(parts))
            if len(chosen[key]) < per_section:
                chosen[key].append(path)
        return [(key[0], path) for key, paths in sorted(chosen.items()) for path in paths]

    def measure(self, url, repeat):
        self.client.get(url)  # warm caches (templates, thumbnails)
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        query_count = len(captured)  # now: the log is cleared below
        if response.status_code >= 500 or response.status_code == 404:
            raise CommandError(f"{url} answered {response.status_code}")
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            self.client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        return query_count, timings
