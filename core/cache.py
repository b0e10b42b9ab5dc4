"""The content version: one number that changes whenever public content changes.

Cached public responses (whole pages, portal.middleware.PageCacheMiddleware, and the
sitemaps) are keyed by it, so publishing, unpublishing, editing or deleting anything of a
site app, in admin or by a bulk action, shows at once, on every app server that shares the
cache, without anyone listing which keys to delete.

It is read on every request, so it lives in the `versions` cache, the cheapest one that every
process of the site shares: a file of the server's disk (Django's FileBasedCache, a few
microseconds; no query), Redis when several servers share one (REDIS_URL). A new version is a
random number, never one computed from the old: two processes changing it at once can never
bring back a version that pages were stored under.

Changes nobody saves (a scheduled item's `publish_at` or `unpublish_at` reached, a notice
starting or ending, an event becoming past, a date turning) move the version on by
themselves: each version knows the next moment any date-time field of a content model
reaches (one query, once per version and process), and the first request after that moment
bumps the version. Cached entries never outlive that moment either (`timeout_until_due`).
"""

import contextvars
import hashlib
import secrets
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.db import models, transaction
from django.http import HttpResponse
from django.utils import timezone

from core import plugins

VERSION_KEY = "content-version"
# The per-process (or, with Redis, shared) cache of whole pages.
PAGES = "pages"
# The content version, shared by every process of the site (settings.CACHES).
VERSIONS = "versions"
# Each version's due time, per process: it never changes once computed (see due_at).
_due_times = {}


def pages_cache():
    """The `pages` cache, or the default one where a deployment (or a test) has none."""
    return caches[PAGES] if PAGES in settings.CACHES else cache


def versions_cache():
    """The `versions` cache, or the default one where a deployment (or a test) has none."""
    return caches[VERSIONS] if VERSIONS in settings.CACHES else cache


def content_version():
    """The current version; it moves on when a scheduled change of the content comes due.
    Inside `pinned_version()` (a request), the version the request first read."""
    pinned = _pinned.get()
    if pinned is not None and pinned is not _UNREAD:
        return pinned
    version = versions_cache().get(VERSION_KEY)
    if version is None:  # never set, or the cache was emptied: any new value will do
        versions_cache().add(VERSION_KEY, new_version(), timeout=None)
        version = versions_cache().get(VERSION_KEY)
    if due_at(version) <= time.time():
        version = bump_content_version()
    if pinned is _UNREAD:
        _pinned.set(version)
    return version


# The version of the request being made in this context (PageCacheMiddleware pins it).
_UNREAD = object()
_pinned = contextvars.ContextVar("pinned_content_version", default=None)


@contextmanager
def pinned_version(version=None):
    """One content version for everything made inside: `version`, or the first one read.

    A page's parts read per version (menus, notices, demo marks, filters) then agree with
    each other and with its cache key, and the version's file is read once a request instead
    of twenty times. A change saved inside moves the pinned version on (bump_content_version).
    A request that needs no version reads none; a read that fails (an outage) pins nothing."""
    token = _pinned.set(_UNREAD if version is None else version)
    try:
        yield
    finally:
        _pinned.reset(token)


def new_version():
    return secrets.randbits(62)


# (version, {key: value}) of per_version(), replaced as a whole when the version changes.
_memo = (None, {})


def per_version(key, compute):
    """`compute()`, kept in this process for as long as the content version stays the same.

    For what every page shows around its content (the menus' pages, the notices, the
    association's name, the demo marks): read once per version and process instead of once
    per request. Nothing may change them without changing the version: their models are
    content models (or connect content_changed themselves), and their date-times are in
    the version's due time. Callers must not change what they get: threads share it."""
    global _memo
    version = content_version()
    memo_version, values = _memo
    if memo_version != version:
        values = {}
        _memo = (version, values)
    try:
        return values[key]
    except KeyError:
        value = values[key] = compute()
        return value


def bump_content_version():
    version = new_version()
    versions_cache().set(VERSION_KEY, version, timeout=None)
    if _pinned.get() is not None:
        _pinned.set(version)
    return version


def content_changed(sender, **kwargs):
    """post_save, post_delete and m2m_changed of the apps' content models (core.apps).

    Bumped now, for this process's next request, and again when the transaction commits: a
    request of another worker that rendered between the two, from the data not yet
    committed, stored its page under the version that the commit then leaves behind."""
    if not kwargs.get("raw"):
        bump_content_version()
        transaction.on_commit(bump_content_version)


def scheduled_fields():
    """(model, field name) of every date-time of the content models that may lie ahead."""
    return [
        (model, field.attname)
        for model in plugins.content_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateTimeField)
        and not (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
    ]


def next_scheduled_change(now=None):
    """The next moment any content date-time reaches, in one query (None: nothing ahead)."""
    now = now or timezone.now()
    parts = [
        model._base_manager.filter(**{f"{name}__gt": now})
        .order_by(name)
        .values_list(name, flat=True)[:1]
        for model, name in scheduled_fields()
    ]
    if not parts:
        return None
    moments = list(parts[0].union(*parts[1:], all=True)) if len(parts) > 1 else list(parts[0])
    return min(moments, default=None)


def next_midnight(now=None):
    """Dates (a council's membership, a program's days, "today") turn at local midnight."""
    local = timezone.localtime(now)
    tomorrow = local.date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))


def due_at(version):
    """When `version` stops being current without a save: a Unix time.

    Computed once per version and process, and kept in the process: a version's content
    never changes (a change makes a new version), so neither does its next scheduled change."""
    due = _due_times.get(version)
    if due is None:
        now = timezone.now()
        moments = [next_midnight(now), next_scheduled_change(now)]
        due = min(moment for moment in moments if moment is not None).timestamp()
        if len(_due_times) > 100:
            _due_times.clear()
        _due_times[version] = due
    return due


def timeout_until_due(version, timeout):
    """`timeout` seconds, or fewer when the content changes by itself before then (0: don't)."""
    return max(0, min(timeout, int(due_at(version) - time.time())))


def cache_public_response(timeout):
    """Cache a view's successful responses until `timeout` or the next content change."""

    def decorator(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            version = content_version()
            key = f"response:{version}:{address}"
            stored = cache.get(key)
            if stored is not None:
                content, content_type = stored
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            seconds = timeout_until_due(version, timeout)
            if response.status_code == 200 and seconds:
                cache.set(key, (response.content, response["Content-Type"]), seconds)
            return response

        return cached_view

    return decorator
