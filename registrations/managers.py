from django.db import models
from django.utils import timezone


class RegistrationSettingsQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(event__finishes_at__gt=timezone.now(), event__cancelled=False)


class RegistrantQuerySet(models.QuerySet):
    def live(self):
        """Registered or waiting: not cancelled."""
        return self.exclude(status="cancelled")

    def confirmed(self):
        return self.filter(status="confirmed")

    def awaiting_email(self, max_attempts=None):
        """A confirmation or a place offered that has not gone out (failed or never tried)."""
        found = self.filter(email_status__in=["pending", "failed"]).exclude(email="")
        if max_attempts is not None:
            found = found.filter(email_attempts__lt=max_attempts)
        return found

    def to_remind(self, start, end):
        """Confirmed registrants of events starting in [start, end), not reminded yet."""
        return self.filter(
            status="confirmed",
            reminded_at__isnull=True,
            event__starts_at__gte=start,
            event__starts_at__lt=end,
            event__cancelled=False,
        ).exclude(email="")

    def past_retention(self, cutoff):
        """Registrations of events that finished before `cutoff` that still name a person."""
        return self.filter(event__finishes_at__lt=cutoff).exclude(name="", email="")

    def anonymise(self):
        return self.update(
            name="",
            organisation="",
            position="",
            email="",
            phone="",
            accessibility="",
            email_error="",
        )
