"""What news contributes to the home page and the staff dashboard (see news/apps.py)."""

from django.urls import reverse
from django.utils.translation import ngettext

from news.models import Article, Event, ordered_categories


def latest_news():
    """The latest four news (a queryset: evaluated by the template)."""
    return {
        "home_articles": Article.objects.published()
        .translated()
        .newest_first()
        .with_cover()
        .prefetch_related(ordered_categories())[:4]
    }


def next_events():
    return {
        "home_events": Event.objects.upcoming()
        .translated()
        .prefetch_related(ordered_categories())[:3]
    }


def unpublished_for_staff(request):
    """Counts of drafts and scheduled items, each a link to the admin list that shows them."""
    article_list = reverse("admin:news_article_changelist")
    event_list = reverse("admin:news_event_changelist")
    drafts = f"?status__exact={Article.Status.DRAFT}"
    rows = []
    if count := Article.objects.drafts().count():
        label = ngettext("%(count)d news draft", "%(count)d news drafts", count)
        rows.append((label % {"count": count}, article_list + drafts))
    if count := Article.objects.scheduled().count():
        label = ngettext("%(count)d scheduled news item", "%(count)d scheduled news items", count)
        rows.append((label % {"count": count}, article_list))
    if count := Event.objects.drafts().count():
        label = ngettext("%(count)d event draft", "%(count)d event drafts", count)
        rows.append((label % {"count": count}, event_list + drafts))
    if count := Event.objects.scheduled().count():
        label = ngettext("%(count)d scheduled event", "%(count)d scheduled events", count)
        rows.append((label % {"count": count}, event_list))
    return rows
