from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
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


class AttachmentInline(GenericTabularInline):
    """Documents attached to any content: add it to that content's admin `inlines`."""

    model = Attachment
    extra = 0
    autocomplete_fields = ["document"]
    fields = ["document", "position"]
