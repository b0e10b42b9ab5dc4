from datetime import timedelta

from django.db import models
from django.utils import timezone


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status="active")

    def unconfirmed_expired(self, max_age_seconds, now=None):
        """Never confirmed, and the link has expired: nobody agreed to anything."""
        since = (now or timezone.now()) - timedelta(seconds=max_age_seconds)
        return self.filter(status="pending", created_at__lt=since, confirmed_at__isnull=True)

    def past_retention(self, cutoff):
        """Unsubscribed before `cutoff`, or never confirmed and the link long expired."""
        return self.filter(
            models.Q(status="unsubscribed", unsubscribed_at__lt=cutoff)
            | models.Q(status="pending", confirmed_at__isnull=True, created_at__lt=cutoff)
        )

    def purge(self):
        _total, by_model = self.delete()
        return by_model.get(self.model._meta.label, 0)


class DeliveryQuerySet(models.QuerySet):
    def to_send(self, max_attempts):
        return self.filter(
            models.Q(status="pending") | models.Q(status="failed", attempts__lt=max_attempts)
        )
