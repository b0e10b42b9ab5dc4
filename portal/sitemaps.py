from django.contrib.sitemaps import Sitemap
from django.urls import reverse

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


sitemaps = {"pages": StaticPagesSitemap, "programs": ProgramSitemap}
