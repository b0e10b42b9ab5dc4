from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from pages.models import Page, SiteNotice
from pages.notices import DISMISSED_COOKIE, dismissed_notice_ids


def page_view(request, slug):
    page = get_object_or_404(Page, slug=slug)
    return render(request, f"pages/page_{slug}.html", {"page": page})


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
