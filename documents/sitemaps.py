from django.urls import reverse

from core.sitemaps import I18nSitemap
from documents.models import Document


class DocumentSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "documents:document-list",
            *Document.objects.published().order_by("pk").only("pk", "slug", "updated_at"),
        ]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()
