import logging

from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from portal import home
from portal.middleware import DATABASE_ERRORS, database_unavailable
from portal.models import Page, SiteNotice
from portal.notices import DISMISSED_COOKIE, dismissed_notice_ids

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | home.sections()


def page_view(request, slug):
    page = get_object_or_404(Page, slug=slug)
    return render(request, f"portal/page_{slug}.html", {"page": page})


@require_GET
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
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


@require_GET
def dismiss_notice(request, pk):
    """Hide a notice for this visitor (a cookie), then go back; works without JavaScript."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("portal:home")
    response = HttpResponseRedirect(next_url)
    notice = SiteNotice.objects.filter(pk=pk, dismissible=True).first()
    if notice is not None:
        ids = sorted(dismissed_notice_ids(request) | {notice.pk})[-20:]
        response.set_cookie(
            DISMISSED_COOKIE,
            ".".join(map(str, ids)),
            max_age=60 * 60 * 24 * 90,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    return response
