"""The business rules of news and events, as named querysets.

"Published" is decided when the query runs: an item whose `publish_at` lies in the future
is scheduled, invisible until that moment and visible from then on with nobody acting.
"""

from django.db.models import Max, Min, Q
from django.utils import timezone

from core.publishing import PublishableQuerySet


class ArticleQuerySet(PublishableQuerySet):
    def newest_first(self):
        return self.order_by("-publish_at", "-pk")

    def years(self):
        """The years from the first item's to the last's, newest first. From two index
        look-ups: listing the distinct years of tens of thousands of articles would read them
        all (a year without news is simply empty)."""
        span = self.aggregate(first=Min("publish_at"), last=Max("publish_at"))
        if not span["first"]:
            return []
        first, last = (timezone.localtime(span[key]).year for key in ("first", "last"))
        return list(range(last, first - 1, -1))

    def in_year(self, year):
        # publish_at__year compares in the site's time zone (Europe/Kyiv).
        return self.filter(publish_at__year=year)


class EventQuerySet(PublishableQuerySet):
    def upcoming(self):
        """Published events not yet over, soonest first (an event running now is upcoming)."""
        return self.published().filter(finishes_at__gt=timezone.now()).order_by("starts_at", "pk")

    def past(self):
        """Published events that are over, the latest first."""
        return (
            self.published().filter(finishes_at__lte=timezone.now()).order_by("-starts_at", "-pk")
        )

    def in_raion(self, raion):
        """Events linked to the raion's council or to a hromada council of the raion."""
        return self.filter(Q(councils__unit=raion) | Q(councils__unit__parent=raion)).distinct()
