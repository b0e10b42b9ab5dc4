from django.contrib import admin
from django.db import models
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import (
    COVER_FIELDSET,
    PUBLISHING_DESCRIPTION,
    PUBLISHING_FIELDS,
    PublicationStateFilter,
    PublishableAdmin,
)
from core.slugs import SlugFromTitleAdminMixin
from news.models import Article, Category, Event, ordered_categories


@admin.register(Category)
class CategoryAdmin(SlugFromTitleAdminMixin, TabbedTranslationAdmin):
    slug_source_field = "name_uk"
    list_display = ["name", "slug"]
    search_fields = ["name_uk", "name_en", "slug"]


class PublicationAdmin(PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["thumbnail", "title", "publication_state", "publish_at", "category_list"]
    list_display_links = ["thumbnail", "title"]
    list_filter = [PublicationStateFilter, "featured", "categories", "publish_at"]
    search_fields = ["title_uk", "title_en", "lead_uk", "lead_en", "slug"]
    date_hierarchy = "publish_at"
    filter_horizontal = ["categories", "councils"]
    list_per_page = 50
    # A link typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(ordered_categories())

    @admin.display(description=_("categories"))
    def category_list(self, obj):
        return format_html_join(", ", "{}", ((category.name,) for category in obj.categories.all()))


PUBLISHING_FIELDSET = (
    _("Publishing"),
    {"fields": [*PUBLISHING_FIELDS, "featured"], "description": PUBLISHING_DESCRIPTION},
)


@admin.register(Article)
class ArticleAdmin(PublicationAdmin):
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        COVER_FIELDSET,
        PUBLISHING_FIELDSET,
        (_("Links"), {"fields": ["categories", "councils"]}),
    ]


@admin.register(Event)
class EventAdmin(PublicationAdmin):
    list_display = [
        "thumbnail",
        "title",
        "starts_at",
        "publication_state",
        "publish_at",
        "category_list",
    ]
    list_filter = [
        PublicationStateFilter,
        "featured",
        "all_day",
        "categories",
        "starts_at",
        "program",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        (
            _("Date and place"),
            {
                "fields": [
                    "starts_at",
                    "ends_at",
                    "all_day",
                    "venue",
                    "address",
                    "online_url",
                    "cancelled",
                ],
                "description": _("Times are Kyiv time."),
            },
        ),
        (_("Registration"), {"fields": ["registration_url", "registration_deadline"]}),
        COVER_FIELDSET,
        PUBLISHING_FIELDSET,
        (_("Links"), {"fields": ["categories", "program", "councils"]}),
    ]
