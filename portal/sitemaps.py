from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from members.models import Council
from programs.models import Program


class I18nSitemap(Sitemap):
    """One <url> per language with hreflang alternates (x-default is the Ukrainian page)."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return ["portal:home", "portal:about", "portal:privacy", "programs:list"]

    def location(self, item):
        return reverse(item)


class ProgramSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return Program.objects.published().order_by("pk")

    def lastmod(self, program):
        return program.updated_at


class MembersPagesSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return ["members:council-list", "members:association", "members:open-data"]

    def location(self, item):
        return reverse(item)


class CouncilSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Council.objects.order_by("slug")

    def lastmod(self, council):
        return council.updated_at


# The apps' sitemaps subclass I18nSitemap, so they can only be imported once it exists.
from news.sitemaps import ArticleSitemap, EventSitemap, NewsIndexSitemap  # noqa: E402

sitemaps = {
    "pages": StaticPagesSitemap,
    "news-index": NewsIndexSitemap,
    "news": ArticleSitemap,
    "events": EventSitemap,
    "programs": ProgramSitemap,
    "members": MembersPagesSitemap,
    "councils": CouncilSitemap,
}
