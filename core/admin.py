"""What the admin of every content type shares: the site's titles and the publishing admin."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.publishing import PublicationStatus
from core.slugs import SlugFromTitleAdminMixin

admin.site.site_header = _("Centre for community development: administration")
admin.site.site_title = _("Centre administration")
admin.site.index_title = _("Site content")

COVER_FIELDSET = (
    _("Cover image"),
    {"fields": ["cover", "cover_alt", "cover_caption", "cover_credit"]},
)
PUBLISHING_FIELDS = ["status", "publish_at", "unpublish_at"]
PUBLISHING_DESCRIPTION = _(
    "Drafts are visible only to staff (use “View on site” to preview them). "
    "A publication date in the future schedules the item."
)


class PublicationStateFilter(admin.SimpleListFilter):
    """Draft, published (on the site now), scheduled or expired: what staff ask about."""

    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("draft")),
            ("published", _("on the site")),
            ("scheduled", _("scheduled")),
            ("expired", _("expired")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        return {
            "draft": lambda: queryset.drafts(),
            "published": lambda: queryset.published(now),
            "scheduled": lambda: queryset.scheduled(now),
            "expired": lambda: queryset.expired(now),
        }.get(self.value(), lambda: queryset)()


class PublishableAdmin(SlugFromTitleAdminMixin, admin.ModelAdmin):
    """Admin of a Publishable: slug prefilled from the title and frozen once published, a
    state column and filter, and bulk actions that go through publish()/unpublish()."""

    actions = ["publish", "unpublish"]
    publication_fieldset_fields = PUBLISHING_FIELDS

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.slug_is_frozen:
            # Published links must keep working: the address no longer follows the title.
            readonly.append("slug")
        return readonly

    @admin.display(description=_("status"), ordering="status")
    def publication_state(self, obj):
        return obj.publication_label

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        picture = obj.cover_picture
        if picture is None:
            return ""
        return format_html('<img src="{}" alt="" width="80">', picture.src)

    @admin.action(description=_("Publish the selected items"))
    def publish(self, request, queryset):
        # One object at a time through the model: every save sends its signals, which keep
        # the search index and the cached pages right (QuerySet.update() sends none).
        with transaction.atomic():
            count = sum(item.publish() for item in queryset.select_for_update())
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", count)
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

    @admin.action(description=_("Unpublish the selected items (back to drafts)"))
    def unpublish(self, request, queryset):
        with transaction.atomic():
            published = queryset.filter(status=PublicationStatus.PUBLISHED).select_for_update()
            count = sum(item.unpublish() for item in published)
        self.message_user(
            request,
            ngettext(
                "%(count)d item moved back to drafts.",
                "%(count)d items moved back to drafts.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
