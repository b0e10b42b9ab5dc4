from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import (
    PUBLISHING_DESCRIPTION,
    PUBLISHING_FIELDS,
    PublicationStateFilter,
    PublishableAdmin,
)
from core.slugs import SlugFromTitleAdminMixin
from documents.models import Attachment, Document, Topic


@admin.register(Topic)
class TopicAdmin(SlugFromTitleAdminMixin, TabbedTranslationAdmin):
    slug_source_field = "name_uk"
    list_display = ["name", "slug"]
    search_fields = ["name_uk", "name_en"]


@admin.register(Document)
class DocumentAdmin(PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["title", "kind", "number", "issued_on", "format_and_size", "publication_state"]
    list_filter = [PublicationStateFilter, "kind", "topics", "file_type", "issued_on"]
    search_fields = ["title_uk", "title_en", "number", "description_uk", "slug"]
    date_hierarchy = "issued_on"
    filter_horizontal = ["topics"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "file"]}),
        (_("Details"), {"fields": ["kind", "number", "issued_on", "language", "topics"]}),
        (
            _("Publishing"),
            {"fields": PUBLISHING_FIELDS, "description": PUBLISHING_DESCRIPTION},
        ),
    ]

    @admin.display(description=_("format and size"))
    def format_and_size(self, document):
        return document.format_and_size


class AttachmentFormSet(BaseGenericInlineFormSet):
    """Refuses a document attached twice to one item with a message, not a database error:
    the model's unique constraint names the generic relation's fields, which are not in the
    form, so Django's own check skips it."""

    def clean(self):
        super().clean()
        in_forms = [form.instance.pk for form in self.initial_forms if form.instance.pk]
        attached = set()
        if self.instance is not None and self.instance.pk is not None:
            attached = set(
                Attachment.objects.filter(
                    content_type=ContentType.objects.get_for_model(self.instance),
                    object_id=self.instance.pk,
                )
                .exclude(pk__in=in_forms)
                .values_list("document_id", flat=True)
            )
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            document = data.get("document")
            if document is None or data.get("DELETE"):
                continue
            if document.pk in attached:
                form.add_error("document", _("This document is attached already."))
            attached.add(document.pk)


class AttachmentInline(GenericTabularInline):
    """Documents attached to any content: add it to that content's admin `inlines`."""

    model = Attachment
    formset = AttachmentFormSet
    extra = 0
    autocomplete_fields = ["document"]
    fields = ["document", "position"]
