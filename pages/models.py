from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.richtext import RichTextField


class Page(models.Model):
    """A page whose text staff edit in admin: about the Centre, the privacy notice."""

    class Slug(models.TextChoices):
        ABOUT = "about", _("About the Centre")
        PRIVACY = "privacy", _("Privacy notice")

    slug = models.SlugField(_("page"), choices=Slug.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(_("lead"), blank=True)
    body = RichTextField(_("text"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"pages:{self.slug}")


class SiteNoticeQuerySet(models.QuerySet):
    @staticmethod
    def shown_at(at=None):
        """The rule for a notice being shown: started, and not yet ended."""
        at = at or timezone.now()
        return models.Q(starts_at__lte=at) & (
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=at)
        )

    def active(self, at=None):
        return self.filter(self.shown_at(at))

    def with_shown_now(self):
        return self.annotate(
            shown_now=models.ExpressionWrapper(self.shown_at(), output_field=models.BooleanField())
        )


class SiteNotice(models.Model):
    """A banner on every page for service interruptions and urgent announcements."""

    class Severity(models.TextChoices):
        INFO = "info", _("information")
        WARNING = "warning", _("warning")
        URGENT = "urgent", _("urgent")

    message = models.CharField(_("message"), max_length=300)
    link_url = models.CharField(
        _("link"),
        max_length=300,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Optional: a page with details."),
    )
    link_text = models.CharField(_("link text"), max_length=100, blank=True)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.INFO
    )
    starts_at = models.DateTimeField(_("show from"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("show until"), null=True, blank=True, help_text=_("Leave empty to show until removed.")
    )
    dismissible = models.BooleanField(
        _("visitors may hide it"),
        default=True,
        help_text=_("Clear this for notices every visitor must keep seeing."),
    )

    objects = SiteNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("site notice")
        verbose_name_plural = _("site notices")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="site_notice_ends_after_it_starts",
                violation_error_message=_("A notice must end after it starts."),
            )
        ]

    def __str__(self):
        return self.message

    def clean(self):
        if self.link_url and not self.link_text:
            raise ValidationError({"link_text": _("Say where the link leads.")})
