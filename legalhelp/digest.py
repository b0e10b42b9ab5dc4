"""What the knowledge base contributes to the e-mail digest (the subscriptions app)."""

from core.mail import absolute_url
from core.plugins import DigestItem
from legalhelp.models import Consultation


def consultations(since, until):
    """Answers published in the period, complete in the reader's language, oldest first."""
    found = (
        Consultation.objects.published(now=until)
        .translated()
        .filter(publish_at__gte=since)
        .order_by("publish_at", "pk")
    )
    return [
        DigestItem(answer.title, absolute_url(answer.get_absolute_url()), answer.short_answer)
        for answer in found
    ]
