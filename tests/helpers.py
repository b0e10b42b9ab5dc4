"""Small helpers shared by the tests."""

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
