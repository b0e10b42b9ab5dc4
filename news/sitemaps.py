from django.db.models import Max
from django.db.models.functions import Greatest
from django.urls import reverse

from core.sitemaps import I18nSitemap
from news.models import Article, Event

# Only what the sitemap needs: no text of 20,000 articles loaded to list their addresses.
SITEMAP_FIELDS = ("pk", "slug", "updated_at", "publish_at")


class ArticleSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().newest_first().only(*SITEMAP_FIELDS)

    def lastmod(self, item):
        return item.modified_at


class EventSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().order_by("-starts_at", "-pk").only(*SITEMAP_FIELDS)

    def lastmod(self, item):
        return item.modified_at


class NewsIndexSitemap(I18nSitemap):
    """The news and events lists, modified whenever their newest item is."""

    changefreq = "daily"
    models = {"news:article-list": Article, "news:event-list": Event}

    def items(self):
        return list(self.models)

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        # Asked once per language: remember the answer for this request's instance.
        cache = self.__dict__.setdefault("_lastmod", {})
        if item not in cache:
            cache[item] = (
                self.models[item]
                .objects.published()
                .aggregate(latest=Max(Greatest("updated_at", "publish_at")))["latest"]
            )
        return cache[item]
