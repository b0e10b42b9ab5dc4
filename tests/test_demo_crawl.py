"""The demo content, loaded as `make run` loads it, crawled like a visitor would.

This is the one place tests use demo content: it checks `load_demo` itself (idempotent) and
that every page reachable from the home pages answers without error, with no broken internal
link and nothing loaded from another host.
"""

from collections import Counter, deque
from html import unescape
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
    """The page's links, and what every page must have: lang, a title, one h1, unique ids,
    and a language switch to the same page in the other language."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.lang = None
        self.title = ""
        self.h1 = 0
        self.ids = Counter()
        self.switch = None
        self._in_title = False
        self._in_svg = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        href = attrs.get("href")
        if tag == "a" and href:
            self.links.append(href)
            if "language-switch__link" in (attrs.get("class") or ""):
                self.switch = href
        if tag == "html":
            self.lang = attrs.get("lang")
        self._in_svg += tag == "svg"
        self._in_title = tag == "title" and not self._in_svg  # not an SVG's own <title>
        self.h1 += tag == "h1"
        if attrs.get("id"):
            self.ids[attrs["id"]] += 1

    def handle_endtag(self, tag):
        self._in_svg -= tag == "svg"
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def problems(self, url):
        english = url.startswith("/en/")
        rest = url[3:] if english else url
        found = []
        if self.lang != ("en" if english else "uk"):
            found.append(f"lang={self.lang}")
        if not self.title.strip():
            found.append("no title")
        if self.h1 != 1:
            found.append(f"{self.h1} h1")
        if duplicates := sorted(i for i, n in self.ids.items() if n > 1):
            found.append(f"duplicate ids {duplicates}")
        if unescape(self.switch or "") != (rest if english else "/en" + rest):
            found.append(f"language switch to {self.switch}")
        return found


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
    seen, broken, external, malformed = set(), [], [], []
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
        malformed += [(url, problem) for problem in parser.problems(url)]
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
    assert malformed == []
    # Every kind of page was reached, in both languages.
    for prefix in ("/news/", "/events/", "/programs/", "/members/"):
        assert any(url.startswith(prefix) and url.count("/") >= 3 for url in seen), prefix
        assert any(url.startswith("/en" + prefix) for url in seen), prefix
    assert {"/about/", "/en/about/", "/privacy/", "/en/privacy/"} <= seen


def test_the_demos_facts_from_outside_the_centres_material_are_marked(client, demo):
    from demomarks.models import DemoFact
    from members.models import Council
    from news.models import Article
    from programs.models import Program

    marked = DemoFact.objects.as_set()
    not_members = list(Council.objects.not_members())
    assert len(not_members) == 2
    for council in not_members:
        assert ("members.council", council.pk, "status") in marked
        assert "Демонстраційний приклад" in client.get(council.get_absolute_url()).content.decode()
    assert all(("news.article", a.pk, "publish_at") in marked for a in Article.objects.all())
    spaces = Program.objects.get(is_demo=False)
    for fact in ("application_deadline", "partners", "how_to_apply"):
        assert ("programs.program", spaces.pk, fact) in marked
    assert "Demo example" in client.get("/en" + spaces.get_absolute_url()).content.decode()
