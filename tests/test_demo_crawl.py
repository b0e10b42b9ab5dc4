"""The demo content, loaded as `make run` loads it, crawled like a visitor would.

This is the one place tests use demo content: it checks `load_demo` itself (idempotent) and
that every page reachable from the home pages answers without error, with no broken internal
link and nothing loaded from another host.
"""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command

from tests.helpers import external_resources

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("/admin/", "/en/admin/", "/media/", "/static/", "/notices/", "/en/notices/")
MAX_PAGES = 600


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def model_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_load_demo_is_idempotent(demo):
    before = model_counts()
    call_command("load_demo", verbosity=0)
    assert model_counts() == before


def test_every_page_reachable_from_home_answers(client, demo):
    seen, broken, external = set(), [], []
    queue = deque(["/", "/en/"])
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 400:
            broken.append((url, response.status_code))
            continue
        content_type = response.get("Content-Type", "")
        if response.status_code in (301, 302) or "html" not in content_type:
            continue
        html = response.content.decode()
        external += [(url, resource) for resource in external_resources(html)]
        parser = LinkParser()
        parser.feed(html)
        for link in parser.links:
            absolute = urldefrag(urljoin(url, link)).url
            parts = urlsplit(absolute)
            if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith(SKIP_PREFIXES) and path not in seen:
                queue.append(path)
    assert broken == []
    assert external == []
    # Every kind of page was reached, in both languages.
    for prefix in ("/news/", "/events/", "/programs/", "/members/"):
        assert any(url.startswith(prefix) and url.count("/") >= 3 for url in seen), prefix
        assert any(url.startswith("/en" + prefix) for url in seen), prefix
    assert {"/about/", "/en/about/", "/privacy/", "/en/privacy/"} <= seen
