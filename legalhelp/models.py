"""The knowledge base (consultations citing shared legal acts) and the consultation desk.

A consultation "needs review" when an act it cites was amended after its "valid as of" date;
that is computed from the dates (`ConsultationQuerySet.needs_review()`), never stored, so
it holds for every citing consultation the moment an act is marked amended, and ends the
moment a consultant moves the consultation's date.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core import files
from core.publishing import Publishable
from core.richtext import RichTextField
from core.slugs import unique_slug
from legalhelp.actnumbers import number_key
from legalhelp.managers import ConsultationQuerySet, LegalActQuerySet, RequestQuerySet

OFFICIAL_PORTAL = "https://zakon.rada.gov.ua/"


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Made from the Ukrainian name when empty."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Topic, self.name_uk or self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("legalhelp:topic", args=[self.slug])

    def is_named(self, language=None):
        """Whether the topic has a name in `language` (the active one): an English page
        lists only topics named in English (decision 14)."""
        language = language or translation.get_language()
        return language == settings.LANGUAGE_CODE or bool(getattr(self, f"name_{language}", ""))


class LegalAct(models.Model):
    """An act of legislation, shared by every consultation that cites it."""

    class Kind(models.TextChoices):
        CONSTITUTION = "constitution", _("Constitution of Ukraine")
        CODE = "code", _("Code of Ukraine")
        LAW = "law", _("Law of Ukraine")
        RESOLUTION = "resolution", _("Resolution of the Cabinet of Ministers of Ukraine")
        DECREE = "decree", _("Decree of the President of Ukraine")
        ORDER = "order", _("Order of a ministry")
        OTHER = "other", _("Other act")

    kind = models.CharField(_("kind of act"), max_length=20, choices=Kind.choices)
    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_("As in the act itself, for example: Про місцеве самоврядування в Україні."),
    )
    number = models.CharField(
        _("number"), max_length=40, blank=True, help_text=_("For example: 280/97-ВР.")
    )
    # number_key(number): what every spelling of the number is compared by.
    number_key = models.CharField(max_length=40, blank=True, editable=False, db_index=True)
    adopted_on = models.DateField(_("date of the act"))
    official_url = models.URLField(
        _("official text"),
        max_length=300,
        help_text=_("The act's page on the legislation portal of the Verkhovna Rada."),
    )
    amended_on = models.DateField(
        _("amended on"),
        null=True,
        blank=True,
        help_text=_(
            "When the act was last changed in a way that may affect answers. Every published "
            "consultation citing it with an earlier “valid as of” date then needs review."
        ),
    )
    amendment_note = models.TextField(_("what changed"), blank=True)

    objects = LegalActQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal act")
        verbose_name_plural = _("legal acts")
        ordering = ["-adopted_on", "pk"]

    def __str__(self):
        return self.citation_title

    def save(self, *args, **kwargs):
        self.number_key = number_key(self.number)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("legalhelp:act", args=[self.pk])

    def clean(self):
        super().clean()
        if self.official_url and not self.official_url.startswith(OFFICIAL_PORTAL):
            raise ValidationError(
                {
                    "official_url": _(
                        "Link the official text on zakon.rada.gov.ua, the legislation portal "
                        "of the Verkhovna Rada."
                    )
                }
            )
        if self.amendment_note and not self.amended_on:
            raise ValidationError({"amended_on": _("Give the date of the amendment.")})

    @property
    def citation_title(self):
        """ "Закон України «Про …» № 280/97-ВР від 21.05.1997" in the page's language."""
        parts = [f"{self.get_kind_display()} «{self.title}»"]
        if self.number:
            parts.append(_("No. %(number)s") % {"number": self.number})
        parts.append(_("of %(date)s") % {"date": date_format(self.adopted_on, "SHORT_DATE_FORMAT")})
        return " ".join(str(part) for part in parts)


class Consultation(Publishable):
    """A published question and answer."""

    parity_fields = ("title", "short_answer", "body")

    title = models.CharField(_("question"), max_length=300)
    short_answer = models.TextField(
        _("short answer"), help_text=_("One or two sentences: the answer in brief.")
    )
    body = RichTextField(_("full answer"))
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), related_name="consultations")
    for_officials = models.BooleanField(_("for officials"), default=True)
    for_deputies = models.BooleanField(_("for deputies"), default=False)
    for_residents = models.BooleanField(_("for residents"), default=False)
    related = models.ManyToManyField(
        "self", verbose_name=_("related consultations"), blank=True, symmetrical=True
    )
    acts = models.ManyToManyField(
        LegalAct,
        verbose_name=_("legal basis"),
        through="Citation",
        related_name="consultations",
        blank=True,
    )
    valid_as_of = models.DateField(
        _("valid as of"),
        default=datetime.date.today,
        help_text=_(
            "The date at which the answer was checked against the law. Move it after a review: "
            "the notice about changed legislation then disappears."
        ),
    )
    review_by = models.DateField(
        _("review by"), help_text=_("When the answer must be checked again at the latest.")
    )
    read_count = models.PositiveIntegerField(_("reads"), default=0, editable=False)
    source_request = models.ForeignKey(
        "ConsultationRequest",
        verbose_name=_("made from the request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
        editable=False,
    )

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-publish_at", "-pk"]

    def get_absolute_url(self):
        return reverse("legalhelp:detail", args=[self.slug])

    @cached_property
    def ordered_citations(self):
        return list(self.citations.select_related("act"))

    @property
    def law_changed_on(self):
        """The latest amendment of a cited act after "valid as of", or None."""
        dates = [
            citation.act.amended_on
            for citation in self.ordered_citations
            if citation.act.amended_on and citation.act.amended_on > self.valid_as_of
        ]
        return max(dates) if dates else None

    @property
    def audiences(self):
        return [
            label
            for flag, label in (
                (self.for_officials, _("officials")),
                (self.for_deputies, _("deputies")),
                (self.for_residents, _("residents")),
            )
            if flag
        ]


class Citation(models.Model):
    """One reference of a consultation's legal basis: an act and where in it."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="citations",
    )
    act = models.ForeignKey(
        LegalAct, verbose_name=_("legal act"), on_delete=models.PROTECT, related_name="citations"
    )
    article = models.CharField(_("article"), max_length=20, blank=True)
    part = models.CharField(_("part"), max_length=20, blank=True)
    paragraph = models.CharField(_("paragraph"), max_length=20, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("reference to an act")
        verbose_name_plural = _("references to acts")
        ordering = ["order", "pk"]

    def __str__(self):
        return " ".join(filter(None, [self.location, str(self.act)]))

    @property
    def location(self):
        """ "ст. 26, ч. 1, п. 22" in the page's language."""
        parts = []
        if self.article:
            parts.append(_("art. %(number)s") % {"number": self.article})
        if self.part:
            parts.append(_("part %(number)s") % {"number": self.part})
        if self.paragraph:
            parts.append(_("para. %(number)s") % {"number": self.paragraph})
        return ", ".join(str(part) for part in parts)


def private_storage():
    """The attachments' storage (core.files.private_storage); named here, as the migrations
    name it."""
    return files.private_storage()


class ConsultationRequest(models.Model):
    """A question sent with the desk's form. Stored before any e-mail is tried."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        IN_WORK = "in_work", _("in work")
        ANSWER_SENT = "answer_sent", _("answer sent")
        CLOSED = "closed", _("closed")

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("not sent yet")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CONSOLE = "console", _("not sent (console)")

    name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    council = models.ForeignKey(
        "members.Council",
        verbose_name=_("council from the registry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_requests",
    )
    council_name = models.CharField(_("council as typed"), max_length=300, blank=True)
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    question = models.TextField(_("question"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    consent_given_at = models.DateTimeField(_("consent to data processing given at"), null=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consultant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_requests",
    )
    internal_note = models.TextField(
        _("internal note"), blank=True, help_text=_("For staff only: never shown or sent.")
    )
    answer = models.TextField(
        _("answer"),
        blank=True,
        help_text=_("Sent to the person by e-mail and shown on the status page."),
    )
    answered_at = models.DateTimeField(_("answer sent"), null=True, blank=True)
    answer_email_status = models.CharField(
        _("answer e-mail"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    confirmation_email_status = models.CharField(
        _("confirmation e-mail"),
        max_length=10,
        choices=EmailStatus.choices,
        default=EmailStatus.PENDING,
    )
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_error = models.TextField(_("last e-mail error"), blank=True)
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return _("Request %(number)s") % {"number": self.number}

    @property
    def number(self):
        """The tracking number people quote: the year and a sequence, "2026-00012"."""
        return f"{self.submitted_at:%Y}-{self.pk:05d}" if self.pk else ""

    @property
    def council_label(self):
        return str(self.council) if self.council_id else self.council_name

    @property
    def is_open(self):
        return self.status in (self.Status.NEW, self.Status.IN_WORK)

    def change_status(self, status):
        if status == self.status:
            return False
        self.status = status
        self.status_changed_at = timezone.now()
        self.save(update_fields=["status", "status_changed_at"])
        return True


def attachment_upload_to(instance, filename):
    return f"legalhelp/requests/{timezone.now():%Y/%m}/{filename}"


class RequestAttachment(models.Model):
    request = models.ForeignKey(
        ConsultationRequest,
        verbose_name=_("consultation request"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"), upload_to=attachment_upload_to, storage=private_storage, max_length=300
    )
    file_type = models.CharField(_("file type"), max_length=10)
    file_size = models.PositiveIntegerField(_("size"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return Path(self.file.name).name
