"""Educational programs for hromadas, and the applications hromadas send to them.

Every fact of a program's announcement is a field or an ordered row of its own (stages,
activities, results, mentors, study visits), so that a page can lay them out for an official
and nothing lives only in a block of prose. Its documents are the library's, attached to it
(documents.Attachment).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.images import CheckedImageField
from core.links import slug_url
from core.publishing import Publishable
from core.richtext import RichTextField
from programs.managers import (
    ApplicationDecisionQuerySet,
    ApplicationQuerySet,
    ParticipationQuerySet,
    ProgramPhase,
    ProgramQuerySet,
)


class Organisation(models.Model):
    """An organiser or partner of programs: a school, a foundation, the Centre itself."""

    name = models.CharField(_("name"), max_length=255)
    logo = CheckedImageField(
        _("logo"),
        upload_to="programs/logos/",
        blank=True,
    )
    url = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Program(Publishable):
    # What an English reader needs to know of a program (core.publishing, language parity).
    parity_fields = ("title", "tagline", "summary", "body", "eligibility", "how_to_apply")

    title = models.CharField(_("title"), max_length=255)
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Two or three sentences for lists and search.")
    )
    body = RichTextField(_("about the program"), blank=True)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_programs",
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partners"), blank=True, related_name="partner_programs"
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    period_note = models.CharField(
        _("period in words"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown instead of the exact dates when they are approximate, e.g. "
            "“throughout 2020”. The dates still decide the status."
        ),
    )
    applications_open_at = models.DateTimeField(
        _("applications open at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept applications as soon as the program is published."),
    )
    application_deadline = models.DateTimeField(
        _("application deadline"),
        null=True,
        blank=True,
        help_text=_("Applications are accepted until this moment; empty means no applications."),
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    cost = models.CharField(
        _("cost"), max_length=200, blank=True, help_text=_("What participation costs, if not free.")
    )
    eligibility = models.TextField(
        _("who can apply"), blank=True, help_text=_("For example: neighbouring hromadas.")
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How many hromadas apply together, the lead hromada included."),
    )
    max_group_size = models.PositiveSmallIntegerField(
        _("maximum group size"), default=1, validators=[MinValueValidator(1)]
    )
    how_to_apply = RichTextField(_("how to apply"), blank=True)
    external_url = models.URLField(_("project page"), blank=True)
    is_demo = models.BooleanField(
        _("demo example"),
        default=False,
        help_text=_("Marked on every page as an example, not a real program."),
    )

    # The library's documents attached to it (documents.Attachment): deleted with it, kept in
    # its history and trash (core.history follows the relation).
    attachments = GenericRelation("documents.Attachment", verbose_name=_("attached documents"))

    objects = ProgramQuerySet.as_manager()

    Phase = ProgramPhase

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_group_size__lte=F("max_group_size")),
                name="program_group_size_range",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(starts_on__lte=F("ends_on")),
                name="program_period_order",
            ),
            models.CheckConstraint(
                condition=Q(applications_open_at__isnull=True)
                | Q(application_deadline__isnull=True)
                | Q(applications_open_at__lt=F("application_deadline")),
                name="program_application_window_order",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("programs:detail", self.slug)

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.min_group_size
            and self.max_group_size
            and self.min_group_size > self.max_group_size
        ):
            errors["max_group_size"] = _("The maximum group size cannot be below the minimum.")
        if self.starts_on and self.ends_on and self.starts_on > self.ends_on:
            errors["ends_on"] = _("The program cannot end before it starts.")
        if (
            self.applications_open_at
            and self.application_deadline
            and self.applications_open_at >= self.application_deadline
        ):
            errors["application_deadline"] = _("The deadline must come after the opening.")
        if not self.is_free and not self.cost:
            errors["cost"] = _("Say what participation costs, or mark the program as free.")
        if errors:
            raise ValidationError(errors)

    def phase_at(self, now):
        """The same rules as `ProgramQuerySet.with_phase`, for one program in Python."""
        today = timezone.localdate(now)
        if (
            self.application_deadline is not None
            and self.application_deadline >= now
            and (self.applications_open_at is None or self.applications_open_at <= now)
        ):
            return ProgramPhase.ACCEPTING
        if self.ends_on is not None and self.ends_on < today:
            return ProgramPhase.COMPLETED
        if (
            self.starts_on is not None
            and self.starts_on <= today
            and (self.ends_on is None or self.ends_on >= today)
        ):
            return ProgramPhase.IN_PROGRESS
        return ProgramPhase.ANNOUNCED

    @property
    def phase(self):
        return self.phase_at(timezone.now())

    @property
    def opens_later(self):
        """Announced, with an opening date for applications still ahead."""
        return self.applications_open_at is not None and self.applications_open_at > timezone.now()

    @property
    def is_accepting_applications(self):
        return self.phase == ProgramPhase.ACCEPTING

    @property
    def days_left(self):
        """Whole days until the deadline's date (0 on the last day), or None when not open."""
        if not self.is_accepting_applications:
            return None
        return (timezone.localdate(self.application_deadline) - timezone.localdate()).days

    @property
    def is_group_program(self):
        return self.max_group_size > 1

    @property
    def min_partners(self):
        """Partners besides the lead hromada: the group is the lead plus its partners."""
        return self.min_group_size - 1

    @property
    def max_partners(self):
        return self.max_group_size - 1

    @property
    def duration_months(self):
        """Whole months between the start and the end, when both are known."""
        if not (self.starts_on and self.ends_on):
            return None
        days = (self.ends_on - self.starts_on).days + 1
        return max(1, round(days / 30.44))

    @property
    def mentor_rows(self):
        """Mentors for the page: consecutive rows of one team (no name) merged by country."""
        rows = []
        for mentor in self.mentors.all():
            last = rows[-1] if rows else None
            if (
                last
                and not mentor.name
                and not last["name"]
                and (last["role"], last["organisation"]) == (mentor.role, mentor.organisation)
            ):
                last["countries"].append(mentor.country)
                continue
            rows.append(
                {
                    "name": mentor.name,
                    "role": mentor.role,
                    "organisation": mentor.organisation,
                    "countries": [mentor.country] if mentor.country else [],
                }
            )
        return rows

    # The ordered lists, from prefetched ProgramItem rows when the view prefetched them.
    def _items(self, kind):
        return [item for item in self.items.all() if item.kind == kind]

    @property
    def prerequisites(self):
        return self._items(ProgramItem.Kind.PREREQUISITE)

    @property
    def activities(self):
        return self._items(ProgramItem.Kind.ACTIVITY)

    @property
    def results(self):
        return self._items(ProgramItem.Kind.RESULT)


class OrderedRow(models.Model):
    """A row of a program's ordered list; `order` is what staff set in admin."""

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class SelectionStage(OrderedRow):
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta(OrderedRow.Meta):
        verbose_name = _("selection stage")
        verbose_name_plural = _("selection stages")
        default_related_name = "stages"

    def __str__(self):
        return self.name


class ProgramItem(OrderedRow):
    """One point of a program's prerequisites, activities or expected results."""

    class Kind(models.TextChoices):
        PREREQUISITE = "prerequisite", _("prerequisite")
        ACTIVITY = "activity", _("activity")
        RESULT = "result", _("expected result")

    kind = models.CharField(_("list"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"))

    class Meta(OrderedRow.Meta):
        verbose_name = _("list item")
        verbose_name_plural = _("prerequisites, activities and results")
        default_related_name = "items"
        ordering = ["kind", "order", "pk"]

    def __str__(self):
        return self.text[:80]


class Mentor(OrderedRow):
    """A mentor or expert, or a team of them when no person is named."""

    name = models.CharField(
        _("name"), max_length=255, blank=True, help_text=_("Leave empty for a team.")
    )
    role = models.CharField(_("role"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentors",
    )
    country = models.CharField(_("country"), max_length=100, blank=True)

    class Meta(OrderedRow.Meta):
        verbose_name = _("mentor or expert")
        verbose_name_plural = _("mentors and experts")
        default_related_name = "mentors"

    def __str__(self):
        return self.name or self.role


class StudyVisit(OrderedRow):
    place = models.CharField(_("place"), max_length=255)
    country = models.CharField(_("country"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta(OrderedRow.Meta):
        verbose_name = _("study visit")
        verbose_name_plural = _("study visits")
        default_related_name = "study_visits"

    def __str__(self):
        return self.place


class ProgramParticipation(models.Model):
    """A hromada's part in a program, shown on the program's page (no personal data)."""

    class Role(models.TextChoices):
        APPLICANT = "applicant", _("applicant")
        SELECTED = "selected", _("selected")
        PARTICIPANT = "participant", _("participant")

    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    council = models.ForeignKey(
        "members.Council",
        verbose_name=_("council"),
        on_delete=models.PROTECT,
        related_name="program_participations",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT
    )

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participating hromada")
        verbose_name_plural = _("participating hromadas")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "council"], name="program_participation_once"
            ),
        ]

    def __str__(self):
        return f"{self.council} — {self.program}"


class Application(models.Model):
    """A hromada's application to a program, sent with the form on the site.

    It is saved before any e-mail is tried; the e-mail fields record what went out, so a
    failure is visible in admin and retried (admin action, `send_application_emails`).
    """

    class Status(models.TextChoices):
        # received → passed stage 1 / declined at stage 1 → selected / declined at stage 2
        RECEIVED = "received", _("received")
        PASSED_STAGE_1 = "passed_stage_1", _("passed stage 1")
        DECLINED_STAGE_1 = "declined_stage_1", _("declined at stage 1")
        SELECTED = "selected", _("selected")
        DECLINED_STAGE_2 = "declined_stage_2", _("declined at stage 2")

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("not sent yet")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        # EMAIL_URL unset: written to the console, never delivered (core/mail.py)
        CONSOLE = "console", _("not sent (console)")

    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    lead_council = models.ForeignKey(
        "members.Council",
        verbose_name=_("lead hromada"),
        on_delete=models.PROTECT,
        related_name="program_applications",
    )
    partner_councils = models.ManyToManyField(
        "members.Council",
        verbose_name=_("partner hromadas"),
        blank=True,
        related_name="program_partner_applications",
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_position = models.CharField(_("position"), max_length=200)
    contact_email = models.EmailField(_("e-mail"))
    contact_phone = models.CharField(_("phone"), max_length=20)
    motivation = models.TextField(_("motivation"))
    consent_given_at = models.DateTimeField(_("consent to data processing given at"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    staff_note = models.TextField(_("staff note"), blank=True)
    email_status = models.CharField(
        _("e-mails"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    staff_notified_at = models.DateTimeField(_("staff notified"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_error = models.TextField(_("last e-mail error"), blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-pk"]
        permissions = [("export_application", _("Can export applications to CSV"))]

    def __str__(self):
        return f"{self.lead_council} — {self.program}"

    # A decision moves an application one step along its stages, and only from where it is.
    NEXT_STATUS = {
        ("pass", Status.RECEIVED): Status.PASSED_STAGE_1,
        ("pass", Status.PASSED_STAGE_1): Status.SELECTED,
        ("decline", Status.RECEIVED): Status.DECLINED_STAGE_1,
        ("decline", Status.PASSED_STAGE_1): Status.DECLINED_STAGE_2,
    }

    def decide(self, decision, by=None):
        """Apply "pass" or "decline" at the current stage: the decision recorded, or None when
        it does not apply to the application's status."""
        new_status = self.NEXT_STATUS.get((decision, self.status))
        if new_status is None:
            return None
        return self.change_status(new_status, by=by)

    def change_status(self, new_status, by=None):
        """Move the application to `new_status` and record who decided it, and when."""
        decision = ApplicationDecision(
            application=self, from_status=self.status, to_status=new_status, decided_by=by
        )
        self.status = new_status
        self.status_changed_at = decision.decided_at
        self.save(update_fields=["status", "status_changed_at"])
        decision.save()
        return decision


class ApplicationDecision(models.Model):
    """One change of an application's status: who made it, when, and the e-mail that told the
    applicant (sent in the application's language, retried like the confirmation)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    from_status = models.CharField(
        _("previous status"), max_length=20, choices=Application.Status.choices
    )
    to_status = models.CharField(_("new status"), max_length=20, choices=Application.Status.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    email_status = models.CharField(
        _("e-mail to the applicant"),
        max_length=10,
        choices=Application.EmailStatus.choices,
        default=Application.EmailStatus.PENDING,
    )
    email_sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_error = models.TextField(_("last e-mail error"), blank=True)

    objects = ApplicationDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["decided_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
