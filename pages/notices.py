"""Which site notices a visitor sees: active ones, minus those they have hidden (a cookie)."""

from core import cache
from core.text import ascii_int
from pages.models import SiteNotice

DISMISSED_COOKIE = "dismissed_notices"
SEVERITY_ORDER = {
    SiteNotice.Severity.URGENT: 0,
    SiteNotice.Severity.WARNING: 1,
    SiteNotice.Severity.INFO: 2,
}


def dismissed_notice_ids(request):
    """Ids of notices this visitor has hidden; anything malformed in the cookie is ignored."""
    raw = request.COOKIES.get(DISMISSED_COOKIE, "")
    ids = (ascii_int(part) for part in raw.split("."))
    return {pk for pk in ids if pk is not None}


def active_notices():
    """The notices shown now, read once per content version and process: a notice starting
    or ending makes a new version (the version's due time, core/cache.py)."""
    return cache.per_version("pages.notices", lambda: list(SiteNotice.objects.active()))


def visible_notices(request):
    dismissed = dismissed_notice_ids(request)
    notices = [
        notice for notice in active_notices() if not (notice.dismissible and notice.pk in dismissed)
    ]
    return sorted(
        notices, key=lambda notice: (SEVERITY_ORDER[notice.severity], -notice.starts_at.timestamp())
    )
