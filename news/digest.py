"""What news contributes to the e-mail digest (the subscriptions app, through news/apps.py)."""

from django.utils import formats

from core.mail import absolute_url
from core.plugins import DigestItem
from news.models import Article, Event


def _published_between(queryset, since, until):
    return queryset.published(now=until).translated().filter(publish_at__gte=since)


def articles(since, until):
    found = _published_between(Article.objects.all(), since, until).order_by("publish_at", "pk")
    return [
        DigestItem(article.title, absolute_url(article.get_absolute_url()), article.lead)
        for article in found
    ]


def events(since, until):
    """Events announced in the period that are still ahead at its end, soonest first."""
    found = (
        _published_between(Event.objects.all(), since, until)
        .filter(finishes_at__gt=until)
        .order_by("starts_at", "pk")
    )
    return [
        DigestItem(
            event.title,
            absolute_url(event.get_absolute_url()),
            event.lead,
            formats.date_format(event.local_start, "DATE_FORMAT"),
        )
        for event in found
    ]
