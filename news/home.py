from news.models import Article, Event, ordered_categories


def home_sections():
    """The latest four news and the next three events (querysets: evaluated by the template)."""
    return {
        "home_articles": Article.objects.published()
        .newest_first()
        .prefetch_related(ordered_categories())[:4],
        "home_events": Event.objects.upcoming().prefetch_related(ordered_categories())[:3],
    }
