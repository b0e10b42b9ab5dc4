from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class I18nSitemap(Sitemap):
    """One <url> per language with hreflang alternates (x-default is the Ukrainian page)."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return ["portal:home", "portal:about", "portal:privacy"]

    def location(self, item):
        return reverse(item)


sitemaps = {"pages": StaticPagesSitemap}
