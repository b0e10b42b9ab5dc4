"""The addresses of the councils' pages, without a reverse() each.

The registry links some 150 councils a page, and a reverse() each cost more than the rest of
their rows: the address is reversed once per language (and URL configuration), and each slug
is put in its place.
"""

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# Reversed once, then replaced by each slug (the address is split at its last occurrence).
_SLUG_PLACEHOLDER = "slug"
_council_urls = {}


def council_url_parts():
    """A council page's address before and after its slug."""
    key = (get_resolver(get_urlconf()), get_script_prefix(), get_language())
    try:
        return _council_urls[key]
    except KeyError:
        url = reverse("members:council-detail", kwargs={"slug": _SLUG_PLACEHOLDER})
        head, _placeholder, tail = url.rpartition(_SLUG_PLACEHOLDER)
        if len(_council_urls) > 100:  # settings overridden again and again (the tests)
            _council_urls.clear()
        _council_urls[key] = head, tail
        return head, tail


def council_url(slug):
    head, tail = council_url_parts()
    return f"{head}{slug}{tail}"
