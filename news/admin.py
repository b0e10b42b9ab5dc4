from django.contrib import admin, messages
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from news.models import Article, Category, Event, Publication, ordered_categories
from portal.slugs import SlugFromTitleAdminMixin


@admin.register(Category)
class CategoryAdmin(SlugFromTitleAdminMixin, TabbedTranslationAdmin):
    slug_source_field = "name_uk"
    list_display = ["name", "slug"]
    search_fields = ["name_uk", "name_en", "slug"]


class PublicationAdmin(SlugFromTitleAdminMixin, TabbedTranslationAdmin):
    list_display = ["thumbnail", "title", "status_label", "published_at", "category_list"]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["status", "featured", "categories", "published_at"]
    search_fields = ["title_uk", "title_en", "lead_uk", "lead_en", "slug"]
    date_hierarchy = "published_at"
    filter_horizontal = ["categories", "councils"]
    actions = ["publish", "unpublish"]
    list_per_page = 50
    # A link typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(ordered_categories())

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status == Publication.Status.PUBLISHED:
            # Published links must keep working: the address no longer follows the title.
            readonly.append("slug")
        return readonly

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        if not obj.cover:
            return ""
        webp = obj.cover_renditions.get("formats", {}).get("WEBP")
        name = webp[0][2] if webp and obj.cover_renditions.get("source") == obj.cover.name else None
        url = obj.cover.storage.url(name or obj.cover.name)
        return format_html('<img src="{}" alt="" width="80" style="height:auto">', url)

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("scheduled")
        return obj.get_status_display()

    @admin.display(description=_("categories"))
    def category_list(self, obj):
        return format_html_join(", ", "{}", ((category.name,) for category in obj.categories.all()))

    @admin.action(description=_("Publish the selected items"))
    def publish(self, request, queryset):
        now = timezone.now()
        count = queryset.exclude(status=Publication.Status.PUBLISHED).update(
            status=Publication.Status.PUBLISHED,
            published_at=Coalesce("published_at", now),
            updated_at=now,
        )
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected items (back to drafts)"))
    def unpublish(self, request, queryset):
        count = queryset.filter(status=Publication.Status.PUBLISHED).update(
            status=Publication.Status.DRAFT, updated_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d item moved back to drafts.",
                "%(count)d items moved back to drafts.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


COVER_FIELDSET = (
    _("Cover image"),
    {"fields": ["cover", "cover_alt", "cover_caption", "cover_credit"]},
)
PUBLISHING_FIELDSET = (
    _("Publishing"),
    {
        "fields": ["status", "published_at", "featured"],
        "description": _(
            "Drafts are visible only to staff (use “View on site” to preview them). "
            "A publication date in the future schedules the item."
        ),
    },
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
        "status_label",
        "published_at",
        "category_list",
    ]
    list_filter = ["status", "featured", "all_day", "categories", "starts_at", "program"]
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
                ],
                "description": _("Times are Kyiv time."),
            },
        ),
        (_("Registration"), {"fields": ["registration_url", "registration_deadline"]}),
        COVER_FIELDSET,
        PUBLISHING_FIELDSET,
        (_("Links"), {"fields": ["categories", "program", "councils"]}),
    ]
