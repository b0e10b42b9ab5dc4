"""Registration for events on the site: places, a waiting list, cancelling by a signed link.

Who gets a place is decided under a lock on the event's `RegistrationSettings` row
(`select_for_update`), so two people sending the form for the last place at the same moment
take turns: the first gets it, the second goes onto the waiting list (decision 25).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registrations.managers import RegistrantQuerySet, RegistrationSettingsQuerySet

CANCEL_SALT = "registrations.cancel"


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("not sent yet")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    # EMAIL_URL unset: written to the console, never delivered (core/mail.py)
    CONSOLE = "console", _("not sent (console)")


class State(models.TextChoices):
    """What the event page and the form say about registration, in the order checked."""

    CANCELLED = "cancelled", _("the event is cancelled")
    PAST = "past", _("the event is over")
    OFF = "off", _("registration is switched off")
    CLOSED = "closed", _("registration is closed")
    OPEN = "open", _("places are available")
    WAITING = "waiting", _("only the waiting list")
    FULL = "full", _("no places left")


class RegistrationSettings(models.Model):
    """Registration on the site for one event, as staff set it up."""

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")

    event = models.OneToOneField(
        "news.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="registration_settings",
    )
    is_open = models.BooleanField(
        _("registration on the site is on"),
        default=True,
        help_text=_("Switch it off to stop taking registrations; those made are kept."),
    )
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("In Kyiv time. When empty, registration closes when the event starts."),
    )
    attendance = models.CharField(
        _("format"), max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When the places are taken, people can join a waiting list."),
    )
    ask_organisation = models.BooleanField(_("ask for the council or organisation"), default=True)
    ask_position = models.BooleanField(_("ask for the position"), default=True)
    ask_phone = models.BooleanField(_("ask for a phone number (optional)"), default=False)
    ask_accessibility = models.BooleanField(_("ask about accessibility needs"), default=True)

    objects = RegistrationSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")
        ordering = ["-event__starts_at"]

    def __str__(self):
        return str(self.event)

    def get_absolute_url(self):
        return reverse("registrations:register", kwargs={"slug": self.event.slug})

    @property
    def deadline(self):
        return self.closes_at or self.event.starts_at

    def state(self, confirmed, now=None):
        """The registration's `State`, given how many places are taken."""
        now = now or timezone.now()
        event = self.event
        if event.cancelled:
            return State.CANCELLED
        if event.finishes_at <= now:
            return State.PAST
        if not self.is_open:
            return State.OFF
        if self.deadline <= now:
            return State.CLOSED
        if confirmed < self.capacity:
            return State.OPEN
        return State.WAITING if self.waiting_list else State.FULL

    def counts(self):
        """{"confirmed": n, "waiting": n}: one query."""
        found = self.event.registrants.aggregate(
            confirmed=models.Count("pk", filter=models.Q(status=Registrant.Status.CONFIRMED)),
            waiting=models.Count("pk", filter=models.Q(status=Registrant.Status.WAITING)),
        )
        return found

    def fill_places(self):
        """Give free places to the people waiting, first come first served; the caller holds
        the lock on this row. Returns the promoted registrants (to be e-mailed)."""
        if self.event.cancelled or self.event.finishes_at <= timezone.now():
            return []
        taken = self.event.registrants.filter(status=Registrant.Status.CONFIRMED).count()
        free = max(self.capacity - taken, 0)
        promoted = list(
            self.event.registrants.filter(status=Registrant.Status.WAITING).order_by(
                "registered_at", "pk"
            )[:free]
        )
        now = timezone.now()
        for registrant in promoted:
            registrant.status = Registrant.Status.CONFIRMED
            registrant.promoted_at = registrant.status_changed_at = now
            registrant.save(update_fields=["status", "promoted_at", "status_changed_at"])
        return promoted


class Refused(Exception):
    """Registration refused; `code` says why (the form shows the message)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


class Registrant(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    PERSONAL_FIELDS = ("name", "organisation", "position", "email", "phone", "accessibility")

    event = models.ForeignKey(
        "news.Event",
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="registrants",
    )
    name = models.CharField(_("name"), max_length=200)
    council = models.ForeignKey(
        "members.Council",
        verbose_name=_("council"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrants",
    )
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    accessibility = models.TextField(_("accessibility needs"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved from the waiting list"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    consent_given_at = models.DateTimeField(_("consent to data processing given at"))
    email_status = models.CharField(
        _("e-mails"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    promotion_sent_at = models.DateTimeField(_("place offered by e-mail"), null=True, blank=True)
    # Set before the reminder is sent and never cleared once it went: a second run of the
    # command finds it set and sends nothing (at most one reminder, decision 25).
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_error = models.TextField(_("last e-mail error"), blank=True)

    objects = RegistrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("registrant")
        verbose_name_plural = _("registrants")
        ordering = ["registered_at", "pk"]
        permissions = [("export_registrant", _("Can export registrants to CSV"))]
        constraints = [
            # One live registration per address and event, whatever the letter case; the
            # form checks first, this holds under concurrency.
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=~models.Q(status="cancelled") & ~models.Q(email=""),
                name="registrations_one_per_address",
            )
        ]

    def __str__(self):
        return self.name or str(_("anonymised registrant"))

    @property
    def cancel_token(self):
        # No timestamp: the link stays the same and valid until the registration is gone.
        return signing.Signer(salt=CANCEL_SALT).sign_object(self.pk)

    @property
    def token(self):  # the hostile walker's data (tests/hostile.py) finds addresses by it
        return self.cancel_token

    @classmethod
    def from_cancel_token(cls, token):
        """The registrant a cancel link names; signing.BadSignature when it was tampered."""
        return (
            cls.objects.select_related("event")
            .filter(pk=signing.Signer(salt=CANCEL_SALT).unsign_object(token))
            .first()
        )

    def get_cancel_url(self):
        return reverse("registrations:cancel", kwargs={"token": self.cancel_token})

    @property
    def organisation_name(self):
        return self.council.name if self.council_id else self.organisation

    def cancel(self):
        """Cancel this registration and give its place to the first person waiting.

        Returns the promoted registrants (to be e-mailed once committed); [] when it was
        cancelled already."""
        with transaction.atomic():
            setup = RegistrationSettings.objects.select_for_update().get(pk=self.event_id)
            current = Registrant.objects.select_for_update().get(pk=self.pk)
            if current.status == Registrant.Status.CANCELLED:
                return []
            current.status = self.status = Registrant.Status.CANCELLED
            current.status_changed_at = self.status_changed_at = timezone.now()
            current.save(update_fields=["status", "status_changed_at"])
            return setup.fill_places()


def register(event, *, email, create):
    """Give `create(status)` a place or a place on the waiting list, or raise `Refused`.

    The event's settings row is locked for the whole decision, so concurrent registrations
    for the same event take turns and the places are never over-counted.
    """
    with transaction.atomic():
        setup = (
            RegistrationSettings.objects.select_for_update(of=("self",))
            .select_related("event")
            .get(pk=event.pk)
        )
        taken = event.registrants.filter(status=Registrant.Status.CONFIRMED).count()
        state = setup.state(taken)
        if state not in (State.OPEN, State.WAITING):
            raise Refused(state)
        if event.registrants.live().filter(email__iexact=email).exists():
            raise Refused("duplicate")
        status = Registrant.Status.CONFIRMED if state == State.OPEN else Registrant.Status.WAITING
        return create(status)


def reminder_window(now=None):
    """Events starting from now until the end of tomorrow (Kyiv time) are reminded of."""
    now = timezone.localtime(now or timezone.now())
    end = (now + timedelta(days=2)).replace(hour=0, minute=0, second=0, microsecond=0)
    return now, end


class EventMessage(models.Model):
    """A message from staff to everyone registered for an event (e.g. a room change)."""

    event = models.ForeignKey(
        "news.Event",
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="registrant_messages",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    include_waiting = models.BooleanField(_("to the waiting list too"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    recipients = models.PositiveIntegerField(_("recipients"), default=0, editable=False)
    sent = models.PositiveIntegerField(_("delivered"), default=0, editable=False)
    failed = models.PositiveIntegerField(_("failed"), default=0, editable=False)
    error = models.TextField(_("last e-mail error"), blank=True, editable=False)

    class Meta:
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject
