import logging

from django.conf import settings
from django.contrib import admin
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import TemplateView

from core import plugins
from pages.notices import visible_notices
from portal.context_processors import alternates, chrome
from portal.middleware import DATABASE_ERRORS, database_unavailable

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    """The home page: the sections the apps contribute (core.plugins), each hidden when empty."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections = plugins.home_sections()
        for section in sections:
            context.update(section.context())
        context["home_sections"] = sections
        return context


@require_GET
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe  # GET, and HEAD for probes that only read the status
def healthz(request):
    """200 when the database answers a query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # The reason goes to the log: the server's own words may name hosts, sockets or users.
        logger.error("Health check: database unavailable: %s", error)
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def error_page(request, template, status, **context):
    """A friendly error page in the visitor's language, with the site's menus and a way back.

    It reads nothing the visitor sent but the path: the query, the body and the Host header
    are what a malformed request gets wrong, and reading them again here (as Django's own
    handlers do, through the CSRF check of `requires_csrf_token`) turned a 400 into a 500.
    So no context processors either, and the language switch drops the query; the language
    comes from the path, since the error may have been raised before LocaleMiddleware ran.
    """
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            **chrome(request),
            "language_alternates": alternates(request.path),
            "site_notices": [],
            **context,
        }
        return HttpResponse(render_to_string(template, context), status=status)


def bad_request(request, exception):
    return error_page(request, "400.html", 400)


def permission_denied(request, exception):
    return error_page(request, "403.html", 403)


def csrf_failure(request, reason=""):
    """The CSRF check's refusal (CSRF_FAILURE_VIEW): most often a form left open too long or
    cookies switched off, so the page says what to do. Django logs the reason."""
    return error_page(request, "403.html", 403, csrf_failure=True)


def page_not_found(request, exception):
    # The banner of site notices asks the database (and reads only the notices cookie); an
    # error raised here would not reach the middleware and would become a 500.
    try:
        return error_page(request, "404.html", 404, site_notices=visible_notices(request))
    except DATABASE_ERRORS as error:
        return database_unavailable(error)


def server_error(request):
    # With nothing that needs the database, which may be what failed.
    return error_page(request, "500.html", 500, request_id=getattr(request, "id", None))


def login_locked_out(request, original_response=None, credentials=None):
    """The admin login's refusal while django-axes holds it locked (AXES_LOCKOUT_CALLABLE):
    429, in the admin's look and the visitor's language, with how long it lasts."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {**admin.site.each_context(request), "cooloff_minutes": minutes}
    return render(request, "admin/locked_out.html", context, status=429)


@require_safe
def favicon(request):
    # The hashed name is looked up per request: the manifest exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
