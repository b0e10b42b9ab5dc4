import logging

from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import TemplateView

from core import plugins
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


def page_not_found(request, exception):
    # The page's banner of site notices asks the database; an error raised here would not
    # reach the middleware and would become a 500.
    try:
        return render(request, "404.html", status=404)
    except DATABASE_ERRORS as error:
        return database_unavailable(error)


def server_error(request):
    # Rendered with the request, so the visitor keeps the navigation in their language, but
    # with nothing that needs the database, which may be what failed.
    return render(request, "500.html", {"site_notices": []}, status=500)
