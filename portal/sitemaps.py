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


# The apps' sitemaps subclass I18nSitemap, so they can only be imported once it exists.
from news.sitemaps import ArticleSitemap, EventSitemap, NewsIndexSitemap  # noqa: E402

sitemaps = {
    "pages": StaticPagesSitemap,
    "news-index": NewsIndexSitemap,
    "news": ArticleSitemap,
    "events": EventSitemap,
}
