"""The content version: one number that changes whenever public content changes.

Cached public responses (the sitemaps today) are keyed by it, so publishing, unpublishing,
editing or deleting anything of a site app, in admin or by a bulk action, shows at once,
on every app server that shares the cache, without anyone listing which keys to delete.
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

VERSION_KEY = "content-version"


def content_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_content_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (evicted or never read): any new value will do
        cache.set(VERSION_KEY, 2, timeout=None)


def content_changed(sender, **kwargs):
    """post_save, post_delete and m2m_changed of the apps' content models (core.apps)."""
    if not kwargs.get("raw"):
        bump_content_version()


def cache_public_response(timeout):
    """Cache a view's successful responses until `timeout` or the next content change."""

    def decorator(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            key = f"response:{content_version()}:{address}"
            stored = cache.get(key)
            if stored is not None:
                content, content_type = stored
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            if response.status_code == 200:
                cache.set(key, (response.content, response["Content-Type"]), timeout)
            return response

        return cached_view

    return decorator
