from django.urls import reverse

from core.sitemaps import I18nSitemap
from pages import tree


class PagesSitemap(I18nSitemap):
    """The home page and the published page tree."""

    changefreq = "monthly"

    def items(self):
        return ["portal:home", *tree.published_pages()]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()
