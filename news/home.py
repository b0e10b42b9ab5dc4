"""What news contributes to the home page (see news/apps.py); the staff dashboard's drafts
and scheduled items are the kit's (core/dashboard.py)."""

from news.models import Article, Event, card_categories


def latest_news():
    """The latest four news (a queryset: evaluated by the template)."""
    return {
        "home_articles": Article.objects.published()
        .translated()
        .newest_first()
        .with_cover()
        .prefetch_related(card_categories())[:4]
    }


def next_events():
    return {
        "home_events": Event.objects.upcoming().translated().prefetch_related(card_categories())[:3]
    }
