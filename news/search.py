"""News and events in the site search (registered in NewsConfig.ready)."""

from news.models import Article, Event
from portal.search import registry
from portal.search.documents import in_each_language, joined


def publication_documents(item, date):
    if item.status != item.Status.PUBLISHED or item.published_at is None:
        return {}  # drafts never reach the index; scheduled items wait for visible_from
    return in_each_language(
        item,
        lambda item: {
            "title": item.title,
            "text": joined(item.lead, item.body, getattr(item, "venue", "")),
            "url": item.get_absolute_url(),
            "date": date(item),
            "visible_from": item.published_at,
        },
    )


def register():
    registry.register(
        Article,
        kind="news",
        documents=lambda article: publication_documents(article, lambda a: a.published_at),
    )
    registry.register(
        Event,
        kind="event",
        documents=lambda event: publication_documents(event, lambda e: e.starts_at),
    )
