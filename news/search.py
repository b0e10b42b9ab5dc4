"""News and events in the site search (registered in NewsConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from news.models import Article, Event
from search import registry
from search.documents import joined, publishable_documents


def publication_fields(item, date):
    return {
        "title": item.title,
        "text": joined(item.lead, item.body, getattr(item, "venue", "")),
        "url": item.get_absolute_url(),
        "date": date,
    }


def register():
    registry.register(
        Article,
        kind="news",
        label=_("News item"),
        plural=_("News"),
        order=10,
        documents=lambda article: publishable_documents(
            article, lambda item: publication_fields(item, item.publish_at)
        ),
    )
    registry.register(
        Event,
        kind="event",
        label=_("Event"),
        plural=_("Events"),
        order=20,
        documents=lambda event: publishable_documents(
            event, lambda item: publication_fields(item, item.starts_at)
        ),
    )
