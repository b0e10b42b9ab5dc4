from django.urls import reverse

from core.sitemaps import I18nSitemap


class PagesSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return ["portal:home", "pages:about", "pages:privacy"]

    def location(self, item):
        return reverse(item)
