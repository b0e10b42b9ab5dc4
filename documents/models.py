"""The Centre's documents library: every file the Centre publishes is a Document.

A document is published content (core.publishing.Publishable: state, frozen slug, its own
page). Its file is checked by content before it is stored (core.uploads via validators.py);
its type and size are read from the file, and its text is extracted for the site search.
Other content attaches documents through `Attachment`, a generic relation, so pages,
programs, the association page and types still to come attach them the same way.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.collation import by_ukrainian_name
from core.publishing import Publishable, PublishableQuerySet
from documents.extraction import extract_text
from documents.validators import FileType, file_type, validate_document_file


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name_uk"]

    def __str__(self):
        return self.name


class DocumentQuerySet(PublishableQuerySet):
    def in_ukrainian_order(self):
        return self.order_by(by_ukrainian_name("title"), "pk")

    def newest_first(self):
        return self.order_by(models.F("issued_on").desc(nulls_last=True), "-publish_at", "-pk")

    def years(self):
        """The years documents were issued in, newest first."""
        return sorted(
            {day.year for day in self.exclude(issued_on=None).dates("issued_on", "year")},
            reverse=True,
        )


class Document(Publishable):
    class Kind(models.TextChoices):
        STATUTE = "statute", _("statute")
        METHODICAL = "methodical", _("methodical recommendation")
        MODEL_DECISION = "model-decision", _("model decision")
        REPORT = "report", _("report")
        PRESENTATION = "presentation", _("presentation")
        FORM = "form", _("form")
        # Files that are none of the above: program regulations, founding agreements...
        OTHER = "other", _("other document")

    class Language(models.TextChoices):
        UK = "uk", _("in Ukrainian")
        EN = "en", _("in English")
        BOTH = "uk-en", _("in Ukrainian and English")

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(
        _("number"), max_length=60, blank=True, help_text=_("The document's number, if it has one.")
    )
    issued_on = models.DateField(
        _("date of the document"), null=True, blank=True, help_text=_("If it has one.")
    )
    language = models.CharField(
        _("language of the document"), max_length=5, choices=Language.choices, default="uk"
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to="documents/%Y/",
        max_length=250,
        validators=[validate_document_file],
        help_text=_("PDF, DOCX, XLSX or ODT, without macros."),
    )
    file_type = models.CharField(
        _("format"), max_length=10, choices=FileType.choices, editable=False
    )
    file_size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    text = models.TextField(_("text of the file"), blank=True, editable=False)
    text_source = models.CharField(
        _("file the text was read from"), max_length=250, blank=True, editable=False
    )

    parity_fields = ("title", "description")

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "-pk"]

    def get_absolute_url(self):
        return reverse("documents:document-detail", args=[self.slug])

    def save(self, *args, **kwargs):
        # Type, size and text are read from the file itself, never from what was claimed.
        if self.file:
            if not self.file._committed:
                self.file.save(self.file.name, self.file.file, save=False)
            if self.text_source != self.file.name:
                self.file_size = self.file.size
                self.file_type = file_type(self.file) or self.file_type
                self.text = extract_text(self.file, self.file_type)
                self.text_source = self.file.name
        super().save(*args, **kwargs)

    @property
    def format_and_size(self):
        """ "PDF, 1,2 МБ": what a reader needs before downloading."""
        return f"{self.get_file_type_display()}, {filesizeformat(self.file_size)}"


class Attachment(models.Model):
    """A document attached to any content (a page, a program, the association page...)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="attachments"
    )
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "document"],
                name="documents_attachment_once",
                violation_error_message=_("This document is attached already."),
            )
        ]

    def __str__(self):
        return str(self.document)


def attached_documents(obj):
    """The published documents attached to `obj`, in their order: one query."""
    return list(
        Document.objects.published()
        .filter(
            attachments__content_type=ContentType.objects.get_for_model(obj),
            attachments__object_id=obj.pk,
        )
        .order_by("attachments__position", "attachments__pk")
    )
