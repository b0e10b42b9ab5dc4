from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_page
from django.views.static import serve

from portal import views
from portal.sitemaps import sitemaps

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

portal_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
        path("about/", views.page_view, {"slug": "about"}, name="about"),
        path("privacy/", views.page_view, {"slug": "privacy"}, name="privacy"),
        path("notices/<int:pk>/hide/", views.dismiss_notice, name="dismiss-notice"),
    ],
    "portal",
)

# Outside i18n_patterns: the same for every language.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # An index of one sitemap per section, in pages: a single list of every address took
    # 10 s and 17 MB at 20,000 news, and the protocol allows at most 50,000 addresses a file.
    path(
        "sitemap.xml",
        cache_page(60 * 15)(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(60 * 15)(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
]

# Ukrainian at "/", English at "/en/".
urlpatterns += i18n_patterns(
    path("", include(portal_patterns)),
    path("", include("news.urls")),
    path("programs/", include("programs.urls")),
    path("members/", include("members.urls")),
    path("search/", include("portal.search.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # Uploaded images and documents, served by the site itself (no third-party host).
    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]
