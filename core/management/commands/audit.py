"""`make audit`: Lighthouse 12 (mobile) on the home page, an article, a program and the
registry of the running site, printing its four scores. An audit, not a gate."""

import json
import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

LIGHTHOUSE = Path(settings.BASE_DIR) / ".local" / "node" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


class Command(BaseCommand):
    help = "Lighthouse's four scores (mobile) for the main kinds of page of a running site."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, base_url, **options):
        if not LIGHTHOUSE.exists():
            raise CommandError(f"Lighthouse is not installed ({LIGHTHOUSE}); make audit does it")
        base_url = base_url.rstrip("/")
        self.wait_for(base_url)
        news = self.fetch(base_url + "/news/")
        programs = self.fetch(base_url + "/programs/")
        pages = {
            "home": "/",
            "an article": re.search(r'href="(/news/(?!feed)[\w-]+/)"', news).group(1),
            "SPACES": next(
                iter(re.findall(r'href="(/programs/[\w-]*spaces[\w-]*/)"', programs)),
                re.search(r'href="(/programs/[\w-]+/)"', programs).group(1),
            ),
            "registry": "/members/",
        }
        self.stdout.write(f"| page | {' | '.join(CATEGORIES)} |")
        self.stdout.write("| --- |" + " ---: |" * len(CATEGORIES))
        for name, path in pages.items():
            scores = self.lighthouse(base_url + path)
            row = " | ".join(str(scores.get(category, "–")) for category in CATEGORIES)
            self.stdout.write(f"| {name} ({path}) | {row} |")

    def fetch(self, url):
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (our site)
            return response.read().decode()

    def wait_for(self, base_url):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.fetch(base_url + "/healthz")
                return
            except OSError:
                time.sleep(0.5)
        raise CommandError(f"{base_url} does not answer")

    def lighthouse(self, url, attempts=2):
        """The scores of one page. Lighthouse sometimes fails to record the trace of a load
        (NO_NAVSTART, "Please run Lighthouse again"): that is retried once."""
        result = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--output=json",
                "--output-path=stdout",
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                "--form-factor=mobile",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
            timeout=300,
            check=False,
        )
        if result.returncode != 0:
            if attempts > 1 and "run Lighthouse again" in result.stderr:
                return self.lighthouse(url, attempts - 1)
            raise CommandError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        report = json.loads(result.stdout)
        return {
            key: round(category["score"] * 100)
            for key, category in report["categories"].items()
            if category.get("score") is not None
        }
