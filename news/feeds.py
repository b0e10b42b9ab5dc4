"""Feeds of news (RSS 2.0, Atom) and events (iCalendar), one per language.

Every feed answers conditional requests: its ETag changes when an item is added, edited,
removed or a scheduled item goes live (the count and the latest dates change), so feed
readers polling often get a cheap 304.
"""

import hashlib
import html
import re
from datetime import timedelta
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.db.models import Count, Max
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition

from news import calendar
from news.models import Article, Event, ordered_categories

FEED_SIZE = 20


def feed_state(request, queryset):
    """(etag, last_modified) of a feed's items, computed once per request."""
    cache = request.__dict__.setdefault("_feed_state", {})
    key = queryset.model._meta.label
    if key not in cache:
        # COUNT(*), not COUNT(id): the index on (status, publish_at) INCLUDE (updated_at)
        # then answers alone, without reading the articles.
        state = queryset.order_by().aggregate(
            count=Count("*"), updated=Max("updated_at"), published=Max("publish_at")
        )
        moments = [moment for moment in (state["updated"], state["published"]) if moment]
        last_modified = max(moments) if moments else None
        fingerprint = "|".join(
            [translation.get_language(), str(state["count"]), *(m.isoformat() for m in moments)]
        )
        cache[key] = (hashlib.sha256(fingerprint.encode()).hexdigest()[:32], last_modified)
    return cache[key]


def conditional(view, queryset_function):
    """Wrap a feed view with ETag and Last-Modified from the state of its items."""
    return condition(
        etag_func=lambda request, *a, **k: feed_state(request, queryset_function())[0],
        last_modified_func=lambda request, *a, **k: feed_state(request, queryset_function())[1],
    )(view)


def published_articles():
    return Article.objects.published().translated()


def calendar_events():
    """Published events still to come and those of the past year."""
    return (
        Event.objects.published()
        .translated()
        .filter(finishes_at__gte=timezone.now() - timedelta(days=365))
    )


# An href or src inside a tag: the sanitizer (nh3) writes every attribute in double quotes
# and escapes "<" in text, so a "<" here always opens a real tag.
LINK_ATTRIBUTE = re.compile(r'(<[a-z][^>]*?\s(?:href|src)=")([^"]*)"')


def absolute_links(body, base):
    """The HTML with its links made absolute against `base`.

    Staff may link to "/programs/…" in a text: a page resolves that itself, but a feed item
    is read in a feed reader, where a relative link leads nowhere.
    """

    def absolute(match):
        url = urljoin(base, html.unescape(match.group(2)))
        return f'{match.group(1)}{html.escape(url)}"'

    return LINK_ATTRIBUTE.sub(absolute, body)


class ArticlesRssFeed(Feed):
    title = _("News of the Centre for community development, Kharkiv")
    description = _(
        "News of the Centre for information, methodical and legal assistance and "
        "community development and of the association."
    )

    def link(self):
        return reverse("news:article-list")

    def feed_url(self):
        return reverse("news:article-feed-rss")

    def items(self):
        return (
            published_articles().newest_first().prefetch_related(ordered_categories())[:FEED_SIZE]
        )

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        for item in feed.items:
            item["description"] = absolute_links(item["description"], item["link"])
        return feed

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        lead = format_html("<p>{}</p>", item.lead) if item.lead else ""
        return lead + item.body  # the body is sanitized HTML (core.richtext)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]

    def item_guid(self, item):
        return f"article-{item.pk}"

    item_guid_is_permalink = False


class ArticlesAtomFeed(ArticlesRssFeed):
    feed_type = Atom1Feed
    subtitle = ArticlesRssFeed.description

    def feed_url(self):
        return reverse("news:article-feed-atom")

    def item_guid(self, item):
        # Atom ids must be URIs: a tag URI stays the same if the domain or slug changes.
        return f"tag:kharkiv-hromady,2020:article-{item.pk}"


rss_feed = conditional(ArticlesRssFeed(), published_articles)
atom_feed = conditional(ArticlesAtomFeed(), published_articles)


def _calendar_feed(request):
    events = calendar_events().order_by("starts_at", "pk").prefetch_related(ordered_categories())
    body = calendar.build(
        events, request, name=str(_("Events of the Centre for community development"))
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response


calendar_feed = conditional(_calendar_feed, calendar_events)
