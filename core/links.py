"""Items' addresses without a reverse() each.

A list links a dozen to a hundred and fifty items, and reverse() (50 µs) cost more than the
rest of a card's link: an address is reversed once per URL name, language and URL
configuration, and each slug is put in its place.
"""

import re

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What Django's <slug:…> converter accepts; anything else is left to reverse() to refuse.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PLACEHOLDER = "__slug__"
_parts = {}


def slug_url(url_name, slug):
    """reverse(url_name, kwargs={"slug": slug}), for a URL whose only argument is the slug."""
    if not _SLUG.fullmatch(slug or ""):
        return reverse(url_name, kwargs={"slug": slug})
    key = (url_name, get_resolver(get_urlconf()), get_script_prefix(), get_language())
    try:
        head, tail = _parts[key]
    except KeyError:
        url = reverse(url_name, kwargs={"slug": _PLACEHOLDER})
        head, _placeholder, tail = url.rpartition(_PLACEHOLDER)
        if len(_parts) > 500:  # settings overridden again and again (the tests)
            _parts.clear()
        _parts[key] = head, tail
    return f"{head}{slug}{tail}"
