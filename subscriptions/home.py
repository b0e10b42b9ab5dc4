"""The staff dashboard's figures of subscriptions (see apps.py)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from subscriptions.models import Subscriber


def figures_for_staff(request):
    counts = Subscriber.objects.aggregate(
        active=Count("pk", filter=Q(status="active")),
        pending=Count("pk", filter=Q(status="pending")),
        paused=Count("pk", filter=Q(status="paused")),
    )
    if not any(counts.values()):
        return []  # nothing to report: the dashboard can say that nothing needs attention
    rows = [
        (
            _("Subscribed: %(active)d; waiting for confirmation: %(pending)d") % counts,
            reverse("admin:subscriptions_digest_changelist"),
        )
    ]
    if counts["paused"]:
        rows.append(
            (
                _("Paused, delivery keeps failing: %(paused)d") % counts,
                reverse("admin:subscriptions_digest_changelist"),
            )
        )
    return rows
