from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from core import cache, plugins
from core.text import ascii_int
from pages.notices import visible_notices


def path_in_language(path, code):
    """`path` in language `code`. An address that resolves to nothing (a 404 page) cannot be
    translated by its URL pattern: it keeps its rest and changes its language prefix, so the
    switch on /en/no-such-page/ leads to /no-such-page/, not back to itself."""
    translated = translate_url(path, code)
    if translated != path:
        return translated
    prefix = translation.get_language_from_path(path)
    if (prefix or settings.LANGUAGE_CODE) == code:
        return path
    rest = (path[len(prefix) + 1 :] or "/") if prefix else path
    return rest if code == settings.LANGUAGE_CODE else f"/{code}{rest}"


def alternates(path, query=""):
    """The page at `path` in every language, `query` kept (for the language switch)."""
    entries = []
    for code, name in settings.LANGUAGES:
        url = path_in_language(path, code)
        if query:
            url = f"{url}?{query}"
        with translation.override(code):
            local_name = translation.gettext(name)
        entries.append(
            {
                "code": code,
                "name": local_name,
                "url": url,
                "current": code == translation.get_language(),
            }
        )
    return entries


def language_alternates(request):
    """The current page in every language, query string kept (for the switch and hreflang)."""
    entries = alternates(request.path, request.GET.urlencode())
    for entry in entries:
        entry["absolute_url"] = request.build_absolute_uri(entry["url"])
    return entries


def canonical_url(request):
    """The page's address without its query string, except a list's page number: page 2 is
    not a copy of page 1, and search engines are told so."""
    url = request.path
    page = ascii_int(request.GET.get("page", ""))
    if page is not None and page > 1:
        url = f"{url}?page={page}"
    return request.build_absolute_uri(url)


def menu(place, view_name):
    """The menu with its links made once per content version, language and process: their
    labels may be pages' titles, and collecting and reversing them was 1.8 ms a page."""
    links = cache.per_version(
        ("portal.menu", place, translation.get_language()), lambda: plugins.menu_links(place)
    )
    return plugins.menu(place, view_name, links=links)


def chrome(request):
    """What every page shows around its content, from the resolved address alone: error pages
    (portal.views) use only this, as the request's query, body or host may be what failed."""
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    return {
        # The menus come from the apps (core.plugins); the current section is marked from the
        # resolved URL name, not by searching the path.
        "header_menu": SimpleLazyObject(lambda: menu("header", view_name)),
        "footer_menu": SimpleLazyObject(lambda: menu("footer", view_name)),
        "active_url_name": view_name,
        "centre_email": settings.CENTRE_EMAIL,
        "centre_phone": settings.CENTRE_PHONE,
    }


def site(request):
    return {
        **chrome(request),
        "language_alternates": language_alternates(request),
        "canonical_url": canonical_url(request),
        # Lazy: one query, and only on pages that render the banner.
        "site_notices": SimpleLazyObject(lambda: visible_notices(request)),
    }
