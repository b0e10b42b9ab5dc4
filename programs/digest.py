"""What programs contribute to the e-mail digest (the subscriptions app, via programs/apps.py)."""

from core.mail import absolute_url
from core.plugins import DigestItem
from programs.models import Program


def programs(since, until):
    found = (
        Program.objects.published(now=until)
        .translated()
        .filter(publish_at__gte=since)
        .order_by("publish_at", "pk")
    )
    return [
        DigestItem(program.title, absolute_url(program.get_absolute_url()), program.tagline)
        for program in found
    ]
