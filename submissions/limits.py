"""The per-address limit of a public form, that holds when the requests come all at once."""

from django.db import transaction
from django_ratelimit import core as ratelimit

from core.db import advisory_lock


def is_ratelimited(request, group, rate):
    """Count this POST against `rate` (e.g. "10/h") per client address; True when over it.

    django-ratelimit counts in the cache with add() and then incr(). The database cache's
    incr() is a read and then a write, so simultaneous requests lost counts (20 at once
    stored 11 against a limit of 10). Here the requests of one group are counted one at a
    time, under an advisory lock held until the transaction that writes the count commits.
    """
    with transaction.atomic():
        advisory_lock(f"submissions.ratelimit:{group}")
        return ratelimit.is_ratelimited(
            request, group=group, key="ip", rate=rate, method="POST", increment=True
        )
