import hashlib
import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers, set_response_etag

from core import cache
from portal import logs
from portal.db import routers
from portal.db.circuit import CircuitOpen

logger = logging.getLogger(__name__)
DATABASE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable(exception):
    """The friendly 503 page, in the active language, rendered without touching the database."""
    if isinstance(exception.__cause__, CircuitOpen):
        # Answered without trying: the failure that opened the circuit was logged already.
        logger.warning("Database unavailable: %s", exception)
    else:
        logger.error("Database unavailable: %s", exception)
    context = {"request_id": logs.request_id.get()}  # set while a request is answered
    response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = "60"
    return response


class RequestIdMiddleware:
    """Each request gets an id: the X-Request-ID a proxy set, or a new one. Every log line
    written while it is answered carries it (portal.logs.RequestId) and so does the response,
    so a visitor's report of an error page, or the proxy's log, leads to the lines.

    First in MIDDLEWARE: the responses of every other middleware (a redirect to HTTPS, the
    friendly 503) carry it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = logs.new_request_id(request.headers.get("X-Request-ID", ""))
        token = logs.request_id.set(request.id)
        try:
            response = self.get_response(request)
        except Exception:
            # Only when the error page itself failed (Django turns every other exception into
            # a response): gunicorn answers 500 and logs it, without the id; this line has it.
            logger.exception("Unhandled error; the server answers 500")
            raise
        finally:
            logs.request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


class ReplicaReadsMiddleware:
    """Marks the requests whose reads may go to the replica (portal.db.routers): GET and HEAD
    without a session cookie, outside the admin. A no-op without DATABASE_REPLICA_URL."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = tuple(
            f"/{language}{settings.ADMIN_PATH}".replace("//", "/")
            for language in ("", *(f"{code}/" for code, _name in settings.LANGUAGES))
        )

    def __call__(self, request):
        token = routers.replica_reads.set(self.replica_safe(request))
        try:
            return self.get_response(request)
        finally:
            routers.replica_reads.reset(token)

    def replica_safe(self, request):
        return (
            routers.REPLICA in settings.DATABASES
            and request.method in {"GET", "HEAD"}
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path_info.startswith(self.admin_prefixes)
        )


class DatabaseUnavailableMiddleware:
    """A friendly 503 page, in the visitor's language, while the database is unreachable.

    The template is rendered without a request context on purpose: context processors
    might query the database again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        return database_unavailable(exception)


class PermissionsPolicyMiddleware:
    """`Permissions-Policy: camera=(), ...`: settings.PERMISSIONS_POLICY denied to every page.

    Django has no setting for it and django-csp covers only Content-Security-Policy.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class StaffSessionIdleMiddleware:
    """A signed-in session ends after settings.STAFF_SESSION_IDLE_MINUTES without a request.

    Each signed-in request sets the session's expiry again (a sliding period); visitors'
    sessions, which hold only the public forms' tokens, are left alone, so they are not
    written on every request and keep their own lifetime. After the view: a login sets the
    user there, and a logout has already flushed the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        # Only when the session is there already: reading request.user of a visitor without
        # a session cookie would mark every public response as varying by cookie.
        if settings.SESSION_COOKIE_NAME in request.COOKIES or request.session.modified:
            if user is not None and user.is_authenticated:
                request.session.set_expiry(settings.STAFF_SESSION_IDLE_MINUTES * 60)
        return response


class PageCacheMiddleware:
    """Whole pages for anonymous visitors, kept in the `pages` cache under the content version.

    Sits right after whitenoise, before sessions: a hit touches neither the session nor the
    user, only the content version (core.cache) and the cache. A request is looked up only
    when it carries no cookie but those in PAGE_CACHE_COOKIES (they do not make a page
    personal; those that change the page are part of the key), so a signed-in staff member,
    a visitor with a session (a form's token) or a pending message never gets a stored page.
    A response is stored only when it is a 200 that sets no cookie, used no CSRF token (a
    page with a form) and says nothing against caching (a staff preview's no-store). The
    same rules set Cache-Control: `public` with a short max-age for what is stored, `private,
    no-store` for what is personal.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key, version = self.key(request)
        if key is not None:
            stored = cache.pages_cache().get(key)
            if stored is not None:
                return self.rebuild(stored)
        response = self.get_response(request)
        if key is not None and self.storable(request, response):
            self.set_public_headers(response)
            seconds = cache.timeout_until_due(version, settings.PAGE_CACHE_SECONDS)
            if seconds:
                stored = (response.status_code, list(response.items()), response.content)
                cache.pages_cache().set(key, stored, seconds)
        elif self.personal(request, response) and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response

    @staticmethod
    def key(request):
        """(the cache key, the content version), or (None, None) for a request not served
        from the cache."""
        if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
            return None, None
        if "HTTP_AUTHORIZATION" in request.META or not set(request.COOKIES) <= set(
            settings.PAGE_CACHE_COOKIES
        ):
            return None, None
        try:
            address = request.build_absolute_uri()
        except DisallowedHost:
            return None, None
        if request.path_info in settings.PAGE_CACHE_SKIP_PATHS:
            return None, None
        varying = [request.COOKIES.get(name, "") for name in settings.PAGE_CACHE_VARY_COOKIES]
        try:
            version = cache.content_version()
        except DatabaseError:  # an outage: the page (or the 503 page) is made as without a cache
            return None, None
        digest = hashlib.sha256("\n".join([address, *varying]).encode()).hexdigest()
        return f"page:{version}:{digest}", version

    @staticmethod
    def storable(request, response):
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not any(word in control for word in ("private", "no-store", "no-cache"))
        )

    @staticmethod
    def personal(request, response):
        return bool(
            response.cookies
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        )

    @staticmethod
    def set_public_headers(response):
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = (
                f"public, max-age={settings.PAGE_CACHE_MAX_AGE}, "
                f"stale-while-revalidate={settings.PAGE_CACHE_STALE_SECONDS}"
            )
        # The notices a visitor has hidden change the page (PAGE_CACHE_VARY_COOKIES).
        patch_vary_headers(response, ["Cookie"])
        set_response_etag(response)

    @staticmethod
    def rebuild(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response
