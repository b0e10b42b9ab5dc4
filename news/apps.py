from django.utils.translation import gettext_lazy as _

from core import roles
from core.plugins import DigestTopic, HomeSection, MenuItem, SiteAppConfig


class NewsConfig(SiteAppConfig):
    default = True  # the config Django uses (apps.py imports SiteAppConfig too)
    name = "news"
    verbose_name = _("News and events")
    url_prefix = ""  # news/ and events/
    demo_order = 30  # news link to programs and councils

    def ready(self):
        from news import search

        search.register()

    def menu_items(self):
        return [
            MenuItem(_("News"), "news:article-list", order=10, active_for=["news:article-*"]),
            MenuItem(_("Events"), "news:event-list", order=20, active_for=["news:event-*"]),
        ]

    def home_sections(self):
        from news import home

        return [
            HomeSection(
                "news/includes/home_news.html",
                home.latest_news,
                order=10,
                head_template="news/includes/feeds.html",
            ),
            HomeSection("news/includes/home_events.html", home.next_events, order=20),
        ]

    def sitemaps(self):
        from news.sitemaps import ArticleSitemap, EventSitemap, NewsIndexSitemap

        return {"news-index": NewsIndexSitemap, "news": ArticleSitemap, "events": EventSitemap}

    def digest_topics(self):
        from news import digest

        return [
            DigestTopic("news", _("News"), digest.articles, order=10),
            DigestTopic("events", _("Events"), digest.events, order=20),
        ]

    def role_permissions(self):
        return {roles.EDITOR: roles.model_permissions("article", "event", "category")}
