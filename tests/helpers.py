"""Small helpers shared by the tests."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Elements whose URL the browser fetches by itself when the page loads.
LOADED = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "srcset",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}


class _ResourceParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in {"stylesheet", "icon", "preload", "modulepreload"}:
            self.urls.append(attrs.get("href", ""))
        elif tag in LOADED and attrs.get(LOADED[tag]):
            self.urls.extend(part.strip().split(" ")[0] for part in attrs[LOADED[tag]].split(","))
        if "style" in attrs and "url(" in attrs["style"]:
            self.urls.append(attrs["style"])


def external_resources(html, own_host="testserver"):
    """URLs in the page that a browser would fetch from a host other than ours."""
    parser = _ResourceParser()
    parser.feed(html)
    return [
        url
        for url in parser.urls
        if urlsplit(url).netloc not in ("", own_host) or "url(http" in url
    ]


def sitemap_xml(client):
    """The whole sitemap: the index at /sitemap.xml, then every section's pages it lists."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert "<sitemapindex" in index.content.decode()
    parts = []
    for location in re.findall(r"<loc>(.*?)</loc>", index.content.decode()):
        url = urlsplit(location.replace("&amp;", "&"))
        response = client.get(f"{url.path}?{url.query}")
        assert response.status_code == 200, location
        parts.append(response.content.decode())
    return "\n".join(parts)


def breadcrumbs(html):
    """The breadcrumb trail as [(href, label)]; the current page, last, has no href."""
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S)
    assert nav, "the page has no breadcrumbs"
    items = re.findall(r"<li>(.*?)</li>", nav.group(0), re.S)
    trail = []
    for item in items:
        link = re.fullmatch(r'<a href="([^"]*)">(.*)</a>', item, re.S)
        label = link.group(2) if link else re.sub(r"<[^>]+>", "", item)
        trail.append((link.group(1) if link else None, label))
    return trail


def read_site_parts(client, path="/"):
    """One request, not counted, before a count of a page's own queries: what every page
    shows around its content (the menus' page tree, the notices, the association's name, the
    demo marks) is read once per content version and process (core.cache.per_version), by
    whichever request comes first after a change (tests/test_page_cache.py counts that one)."""
    client.get(path)


def site_queries(captured):
    """The queries of the site itself: without those of tests/plugin_app, the content type
    that exists only in the tests (its home section costs a query of its own)."""
    return [query for query in captured if "plugin_app" not in query["sql"]]
