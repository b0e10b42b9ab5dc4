from django.urls import reverse

from core.sitemaps import I18nSitemap
from pages import tree
from pages.models import Page


class HomeSitemap(I18nSitemap):
    changefreq = "daily"

    def items(self):
        return ["portal:home"]

    def location(self, item):
        return reverse(item)


class PagesSitemap(I18nSitemap):
    """The published page tree; in English only the pages translated into it (decision 14)."""

    changefreq = "monthly"

    def items(self):
        public = [page.pk for page in tree.published_pages()]
        return Page.objects.filter(pk__in=public).order_by("path")

    def lastmod(self, item):
        return item.modified_at
