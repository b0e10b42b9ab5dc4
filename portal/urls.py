from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from core import plugins
from core.cache import cache_public_response
from core.views import serve_media
from portal import views

# The site's own error pages (portal.views.error_page): Django's read the request again.
handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

# The sections come from the apps (each AppConfig.sitemaps()), read once at start-up.
sitemaps = plugins.sitemaps()

# Outside i18n_patterns: the same for every language.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's, a feed).
    path("favicon.ico", views.favicon, name="favicon"),
    # An index of one sitemap per section, in pages: a single list of every address took
    # 10 s and 17 MB at 20,000 news, and the protocol allows at most 50,000 addresses a file.
    # Cached until content changes (core.cache), at most 15 minutes.
    path(
        "sitemap.xml",
        cache_public_response(60 * 15)(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_public_response(60 * 15)(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
]

# Ukrainian at "/", English at "/en/". The home page, then each app's pages at its prefix.
# The admin before the apps: the page tree (pages, the last app) answers every other address.
urlpatterns += i18n_patterns(
    path("", include(([path("", views.HomeView.as_view(), name="home")], "portal"))),
    # ADMIN_PATH: from the environment, "admin/" by default; robots.txt never names it.
    path(settings.ADMIN_PATH, admin.site.urls),
    *(path(prefix, include(module)) for prefix, module in plugins.url_includes()),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # Uploaded images and documents, served by the site itself (no third-party host).
    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$",
            serve_media,
        ),
    ]
