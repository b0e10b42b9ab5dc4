import hashlib
import logging
from http.client import responses

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag

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


# What a page's address is made of, as the WSGI server gives it: scheme (and the proxy's
# header that may change it), host, path and query. Read from the environ itself, so that the
# WSGI front (PageCacheApplication) and the middleware compute the same key.
ADDRESS_ENVIRON = (
    "wsgi.url_scheme",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
)
CONDITIONAL_ENVIRON = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def page_key(environ):
    """(the cache key, the content version) of a request, or (None, None) for a request
    never served from the cache: not a GET or HEAD, credentials, or a cookie that is not in
    PAGE_CACHE_COOKIES (a session, a pending message)."""
    if settings.PAGE_CACHE_SECONDS <= 0 or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None, None
    if "HTTP_AUTHORIZATION" in environ:
        return None, None
    if environ.get("PATH_INFO") in settings.PAGE_CACHE_SKIP_PATHS:
        return None, None
    cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
    if not cookies.keys() <= set(settings.PAGE_CACHE_COOKIES):
        return None, None
    try:
        version = cache.content_version()
    except (DatabaseError, OSError):  # an outage: pages are made as without a cache
        return None, None
    parts = [str(environ.get(name, "")) for name in ADDRESS_ENVIRON]
    parts += [cookies.get(name, "") for name in settings.PAGE_CACHE_VARY_COOKIES]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{version}:{digest}", version


def stored_page(key):
    return cache.pages_cache().get(key) if key is not None else None


class PageCacheApplication:
    """The WSGI application in front of Django's (portal/wsgi.py): a plain GET of a stored
    page is answered here, before Django's handler, its signals and every middleware, with
    the headers the page was stored with and a new X-Request-ID. Everything else (a miss,
    HEAD, a conditional GET, anything personal) goes to Django, where PageCacheMiddleware
    applies the same rules to the same stored pages."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "GET" and not any(
            name in environ for name in CONDITIONAL_ENVIRON
        ):
            stored = stored_page(page_key(environ)[0])
            if stored is not None:
                status, headers, content = stored
                request_id = logs.new_request_id(environ.get("HTTP_X_REQUEST_ID", ""))
                start_response(
                    f"{status} {responses[status]}", [*headers, ("X-Request-ID", request_id)]
                )
                return [content]
        return self.application(environ, start_response)


class PageCacheMiddleware:
    """Whole pages for anonymous visitors, kept in the `pages` cache under the content version.

    Second in MIDDLEWARE, right after the request id: a hit touches no other middleware,
    neither the session nor the user, only the content version (core.cache) and the cache,
    and what is stored carries the headers of every middleware below (security, CSP). Under
    gunicorn most hits are answered even earlier, by PageCacheApplication. A request is
    looked up only when it carries no cookie but those in PAGE_CACHE_COOKIES (they do not
    make a page personal; those that change the page are part of the key), so a signed-in
    staff member, a visitor with a session (a form's token) or a pending message never gets
    a stored page. A response is stored only when it is a 200 that sets no cookie, used no
    CSRF token (a page with a form) and says nothing against caching (a staff preview's
    no-store). The same rules set Cache-Control: `public` with a short max-age for what is
    stored, `private, no-store` for what is personal.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key, version = page_key(request.META)
        stored = stored_page(key)
        if stored is not None:
            response = self.rebuild(stored)
            # ETag and 304 here: ConditionalGetMiddleware, further in, is not reached
            return get_conditional_response(request, etag=response["ETag"], response=response)
        with cache.pinned_version(version):
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
    def storable(request, response):
        control = response.get("Cache-Control", "")
        try:
            request.get_host()  # only for an allowed host (Django answered it, so it is)
        except DisallowedHost:
            return False
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
        if not response.has_header("ETag"):
            set_response_etag(response)

    @staticmethod
    def rebuild(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response
