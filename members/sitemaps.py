from django.urls import reverse

from core.sitemaps import I18nSitemap
from members.models import Council


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
