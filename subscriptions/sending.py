"""The digest: made per language and topics, sent in batches, resumable without sending twice.

Each delivery is claimed (status
`sending`, committed) before its message goes out, and marked `sent` after. A run that
crashes in between leaves `sending` rows; the next run marks them `unknown` and does not
send them again: a missed digest is better than a second one (decision 26). A failure is
retried by later runs up to SUBSCRIPTION_MAX_ATTEMPTS; an address that fails
SUBSCRIPTION_PAUSE_AFTER times in a row is paused until its owner confirms again.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from core import plugins
from core.db import advisory_lock
from core.mail import delivers
from subscriptions.emails import digest_message
from subscriptions.models import Delivery, Digest, Subscriber

logger = logging.getLogger(__name__)


def max_attempts():
    return int(getattr(settings, "SUBSCRIPTION_MAX_ATTEMPTS", 5))


def pause_after():
    return int(getattr(settings, "SUBSCRIPTION_PAUSE_AFTER", 3))


def topic_choices():
    return [(topic.key, topic.label) for topic in plugins.digest_topics()]


def create_digest(kind, *, by=None, now=None):
    """A new digest from the end of the last one until now, for every active subscriber."""
    now = now or timezone.now()
    with transaction.atomic():
        advisory_lock("subscriptions.digest")  # two at once would cover the same period
        digest = Digest.objects.create(
            kind=kind, period_start=Digest.next_period_start(now), period_end=now, created_by=by
        )
        add_deliveries(digest)
    return digest


def add_deliveries(digest):
    """A delivery for every active subscriber, in the caller's transaction."""
    Delivery.objects.bulk_create(
        Delivery(digest=digest, subscriber_id=pk)
        for pk in Subscriber.objects.active().values_list("pk", flat=True)
    )


def weekly_due(now=None):
    """True when no digest was made in the last six and a half days."""
    now = now or timezone.now()
    last = Digest.objects.order_by("-created_at").first()
    return last is None or now - last.created_at >= timedelta(days=6, hours=12)


class Contents:
    """The digest's sections per language, computed once per run and language."""

    def __init__(self, digest):
        self.digest = digest
        self.cache = {}

    def sections(self, language, topics):
        if language not in self.cache:
            with translation.override(language):
                self.cache[language] = [
                    (
                        topic.key,
                        str(topic.label),
                        topic.items(self.digest.period_start, self.digest.period_end),
                    )
                    for topic in plugins.digest_topics()
                ]
        return [
            (label, items) for key, label, items in self.cache[language] if key in topics and items
        ]


def _claim(delivery_pk):
    """Mark one delivery `sending` and commit; False when another run took it."""
    with transaction.atomic():
        claimed = (
            Delivery.objects.to_send(max_attempts())
            .filter(pk=delivery_pk)
            .update(status=Delivery.Status.SENDING, claimed_at=timezone.now())
        )
    return bool(claimed)


def _record_failure(delivery, error):
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.FAILED,
        attempts=F("attempts") + 1,
        error=f"{type(error).__name__}: {error}",
    )
    subscriber = delivery.subscriber
    subscriber.failures += 1
    fields = ["failures"]
    if subscriber.failures >= pause_after() and subscriber.status == Subscriber.Status.ACTIVE:
        subscriber.status = Subscriber.Status.PAUSED
        subscriber.paused_at = timezone.now()
        fields += ["status", "paused_at"]
    subscriber.save(update_fields=fields)


def send_one(delivery, contents):
    subscriber = delivery.subscriber
    if subscriber.status != Subscriber.Status.ACTIVE:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SKIPPED)
        return "skipped"
    sections = contents.sections(subscriber.language, subscriber.topics)
    if not sections:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SKIPPED)
        return "skipped"
    try:
        digest_message(subscriber, sections, delivery.digest).send()
    except Exception as error:  # any failure of the mail system, recorded per recipient
        logger.error("Digest delivery %s failed: %s", delivery.pk, type(error).__name__)
        _record_failure(delivery, error)
        return "failed"
    status = Delivery.Status.SENT if delivers() else Delivery.Status.CONSOLE
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, sent_at=timezone.now(), attempts=F("attempts") + 1, error=""
    )
    if subscriber.failures:
        Subscriber.objects.filter(pk=subscriber.pk).update(failures=0)
    return "sent"


def send_pending(batch_size=None, digest=None):
    """Send what is waiting, at most `batch_size` messages; {"sent": n, "failed": n, ...}.

    Two runs at once are safe: each claims a row with an UPDATE of a waiting row, so only
    one of them sends each message."""
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    # Rows left `sending` by a run that crashed: perhaps sent, so never sent again. A run
    # still at work has claimed its row far more recently than a mail timeout ago.
    stale = timezone.now() - timedelta(seconds=settings.EMAIL_TIMEOUT * 3 + 60)
    counts["interrupted"] = Delivery.objects.filter(
        status=Delivery.Status.SENDING, claimed_at__lt=stale
    ).update(status=Delivery.Status.UNKNOWN, error="interrupted while sending")
    digests = Digest.objects.filter(finished_at__isnull=True)
    if digest is not None:
        digests = digests.filter(pk=digest.pk)
    done = 0
    for current in digests.order_by("pk"):
        contents = Contents(current)
        waiting = current.deliveries.to_send(max_attempts()).select_related("subscriber", "digest")
        for delivery in waiting.iterator(chunk_size=200):
            if batch_size is not None and done >= batch_size:
                return counts
            if not _claim(delivery.pk):
                continue
            counts[send_one(delivery, contents)] += 1
            done += 1
        if not current.deliveries.to_send(max_attempts()).exists():
            Digest.objects.filter(pk=current.pk).update(finished_at=timezone.now())
    return counts
