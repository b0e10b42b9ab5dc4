from core.sitemaps import I18nSitemap
from tests.plugin_app.models import Bulletin


class BulletinSitemap(I18nSitemap):
    def items(self):
        return Bulletin.objects.published().order_by("pk")
