"""E-mail subscriptions: double opt-in per language and topics, digests with per-recipient
delivery records (decision 26)."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core import signing
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from subscriptions.managers import DeliveryQuerySet, SubscriberQuerySet

CONFIRM_SALT = "subscriptions.confirm"
PREFERENCES_SALT = "subscriptions.preferences"


def confirm_max_age():
    """Seconds a confirmation link stays valid (SUBSCRIPTION_CONFIRM_HOURS, default 72)."""
    return int(getattr(settings, "SUBSCRIPTION_CONFIRM_HOURS", 72)) * 60 * 60


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        ACTIVE = "active", _("subscribed")
        PAUSED = "paused", _("paused: delivery keeps failing")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")

    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    topics = ArrayField(models.CharField(max_length=30), verbose_name=_("topics"), default=list)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(
        _("confirmation request sent"), null=True, blank=True
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    failures = models.PositiveSmallIntegerField(_("failed deliveries in a row"), default=0)
    paused_at = models.DateTimeField(_("paused"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="subscriptions_one_per_address")
        ]

    def __str__(self):
        return self.email

    @property
    def address_digest(self):
        """A short digest of the address: links name it, so a link cannot serve another
        address, without putting the address itself into URLs (and access logs)."""
        return hashlib.sha256(self.email.casefold().encode()).hexdigest()[:16]

    @property
    def confirm_token(self):
        return signing.dumps([self.pk, self.address_digest], salt=CONFIRM_SALT)

    @property
    def preferences_token(self):
        # No timestamp: the unsubscribe link of an old e-mail keeps working (RFC 8058).
        return signing.Signer(salt=PREFERENCES_SALT).sign_object([self.pk, self.address_digest])

    @property
    def token(self):  # the hostile walker's data (tests/hostile.py) finds addresses by it
        return self.preferences_token

    @classmethod
    def from_token(cls, token, salt, max_age=None):
        """The subscriber a signed link names; raises signing.BadSignature (tampered, or
        expired: signing.SignatureExpired) or cls.DoesNotExist (deleted, address changed)."""
        if salt == PREFERENCES_SALT:
            pk, digest = signing.Signer(salt=salt).unsign_object(token)
        else:
            pk, digest = signing.loads(token, salt=salt, max_age=max_age)
        subscriber = cls.objects.get(pk=pk)
        if subscriber.address_digest != digest:
            raise cls.DoesNotExist
        return subscriber

    def get_confirm_url(self):
        return reverse("subscriptions:confirm", kwargs={"token": self.confirm_token})

    def get_preferences_url(self):
        return reverse("subscriptions:preferences", kwargs={"token": self.preferences_token})

    def get_unsubscribe_url(self):
        return reverse("subscriptions:unsubscribe", kwargs={"token": self.preferences_token})

    def confirm(self):
        if self.status in (self.Status.PENDING, self.Status.PAUSED):
            self.status = self.Status.ACTIVE
            self.confirmed_at = timezone.now()
            self.failures = 0
            self.paused_at = None
            self.save(update_fields=["status", "confirmed_at", "failures", "paused_at"])

    def unsubscribe(self):
        if self.status != self.Status.UNSUBSCRIBED:
            self.status = self.Status.UNSUBSCRIBED
            self.unsubscribed_at = timezone.now()
            self.save(update_fields=["status", "unsubscribed_at"])


class Digest(models.Model):
    """One digest: what was published in a period, sent to every active subscriber."""

    class Kind(models.TextChoices):
        WEEKLY = "weekly", _("weekly")
        ON_DEMAND = "on_demand", _("on demand")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, editable=False)
    period_start = models.DateTimeField(_("published since"))
    period_end = models.DateTimeField(_("published until"), editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("all sent"), null=True, editable=False)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(_("Digest of %(date)s")) % {
            "date": timezone.localtime(self.period_end).strftime("%d.%m.%Y")
        }

    @staticmethod
    def next_period_start(now=None):
        last = Digest.objects.order_by("-period_end").first()
        return last.period_end if last else (now or timezone.now()) - timedelta(days=7)


class Delivery(models.Model):
    """One digest to one subscriber: claimed before sending, so a run that crashed between
    sending and recording never sends it again (`unknown`, left for staff to judge)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("nothing to send")
        UNKNOWN = "unknown", _("interrupted: perhaps sent")
        CONSOLE = "console", _("not sent (console)")

    digest = models.ForeignKey(
        Digest, verbose_name=_("digest"), on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["digest", "subscriber"], name="subscriptions_once")
        ]

    def __str__(self):
        return f"{self.digest} → {self.subscriber}"
