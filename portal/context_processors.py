from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from portal.notices import visible_notices


def language_alternates(request):
    """The current page in every language, query string kept (for the switch and hreflang)."""
    query = request.GET.urlencode()
    alternates = []
    for code, name in settings.LANGUAGES:
        url = translate_url(request.path, code)
        if query:
            url = f"{url}?{query}"
        with translation.override(code):
            local_name = translation.gettext(name)
        alternates.append(
            {
                "code": code,
                "name": local_name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == translation.get_language(),
            }
        )
    return alternates


def site(request):
    match = getattr(request, "resolver_match", None)
    return {
        "language_alternates": language_alternates(request),
        "canonical_url": request.build_absolute_uri(request.path),
        # The main menu marks its active item from the resolved URL, not by searching the path.
        "active_section": match.namespace if match else "",
        "active_url_name": match.url_name if match else "",
        # Lazy: one query, and only on pages that render the banner.
        "site_notices": SimpleLazyObject(lambda: visible_notices(request)),
        "centre_email": settings.CENTRE_EMAIL,
        "centre_phone": settings.CENTRE_PHONE,
    }
