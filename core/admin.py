"""What the admin of every content type shares: the site's titles and the publishing admin."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core import dashboard, history, plugins, roles
from core.publishing import Publishable
from core.slugs import SlugFromTitleAdminMixin

admin.site.site_header = _("Centre for community development: administration")
admin.site.site_title = _("Centre administration")
admin.site.index_title = _("Site content")

COVER_FIELDSET = (
    _("Cover image"),
    {
        "fields": ["cover"],
        "description": _(
            "The cover is an image of the media library: its alternative text, caption, "
            "credit and focal point are edited there, once for every place that uses it."
        ),
    },
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


class EnglishVersionFilter(admin.SimpleListFilter):
    """Whether the item is complete in English (core.publishing: `translated()`): items
    without it are left out of the English site's lists (docs/decisions/0014)."""

    title = _("English version")
    parameter_name = "english"
    language = "en"

    def lookups(self, request, model_admin):
        return [
            ("missing", _("missing or incomplete")),
            ("outdated", _("older than the Ukrainian")),
            ("present", _("complete")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.untranslated(self.language)
        if self.value() == "outdated":
            return queryset.translated(self.language).filter(
                pk__in=history.outdated_translations(queryset.model, self.language)
            )
        if self.value() == "present":
            return queryset.translated(self.language)
        return queryset


def untranslated_rows(request):
    """The dashboard's rows of content on the site without its English version: per content
    type the user may change, a count and a link to the list filtered to those items."""
    rows = []
    for model in plugins.content_models():
        if not issubclass(model, Publishable):
            continue
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        count = model.objects.published().untranslated(EnglishVersionFilter.language).count()
        label = gettext("%(items)s: %(count)d on the site without a complete English version")
        if row := dashboard.list_row(model, label, count, "state=published&english=missing"):
            rows.append(row)
    return rows


def outdated_rows(request):
    """The dashboard's rows of content on the site whose English was last edited before its
    Ukrainian (from the versions, core.history), per content type the user may change."""
    rows = []
    language = EnglishVersionFilter.language
    for model in plugins.content_models():
        opts = model._meta
        if not issubclass(model, Publishable) or not request.user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        ):
            continue
        outdated = history.outdated_translations(model, language)
        if not outdated:
            continue
        count = model.objects.published().translated(language).filter(pk__in=outdated).count()
        label = gettext("%(items)s: %(count)d whose English is older than the Ukrainian")
        if row := dashboard.list_row(model, label, count, "state=published&english=outdated"):
            rows.append(row)
    return rows


class PublishableAdmin(SlugFromTitleAdminMixin, admin.ModelAdmin):
    """Admin of a Publishable: slug prefilled from the title and frozen once published, a
    state column and filter, and bulk actions that go through publish()/unpublish().

    What the public sees changes only with the right to publish (`publish_<model>`, core/roles.py):
    without it the actions are not offered and the publishing fields are read-only, so an
    Editor's item stays a draft until a Publisher publishes it.
    """

    actions = ["publish", "unpublish"]
    publication_fieldset_fields = PUBLISHING_FIELDS
    # The cover's thumbnail in the list, without a query per row.
    list_select_related = ["cover"]

    def get_autocomplete_fields(self, request):
        # The cover is chosen from the media library by the admin's searchable picker.
        return [*super().get_autocomplete_fields(request), "cover"]

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(roles.publish_permission(self.model))

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if len(settings.LANGUAGES) > 1 and EnglishVersionFilter not in filters:
            filters.append(EnglishVersionFilter)
        return filters

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request, obj):
            readonly += [field for field in PUBLISHING_FIELDS if field not in readonly]
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

    @admin.action(description=_("Publish the selected items"), permissions=["publish"])
    def publish(self, request, queryset):
        # One object at a time through the model: every save sends its signals, which keep
        # the search index and the cached pages right (QuerySet.update() sends none).
        with transaction.atomic():
            items = list(queryset.select_for_update(of=("self",)))
            count = sum(item.publish() for item in items)
        self.report(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", count)
            % {"count": count},
            ngettext(
                "%(count)d item skipped: it was already on the site.",
                "%(count)d items skipped: they were already on the site.",
                len(items) - count,
            )
            % {"count": len(items) - count},
            count,
            len(items) - count,
        )

    @admin.action(
        description=_("Unpublish the selected items (back to drafts)"), permissions=["publish"]
    )
    def unpublish(self, request, queryset):
        with transaction.atomic():
            items = list(queryset.select_for_update(of=("self",)))
            count = sum(item.unpublish() for item in items)
        self.report(
            request,
            ngettext(
                "%(count)d item moved back to drafts.",
                "%(count)d items moved back to drafts.",
                count,
            )
            % {"count": count},
            ngettext(
                "%(count)d item skipped: it was already a draft.",
                "%(count)d items skipped: they were already drafts.",
                len(items) - count,
            )
            % {"count": len(items) - count},
            count,
            len(items) - count,
        )

    def report(self, request, done, skipped, count, skipped_count):
        """A bulk action's result: green only when it did something; why items were skipped."""
        if count:
            self.message_user(request, done, messages.SUCCESS)
        if skipped_count or not count:
            self.message_user(request, skipped if skipped_count else done, messages.WARNING)


# --- Roles: the permission lists in the language of the admin ---

PERMISSION_ACTIONS = {
    # Translators: a permission in the admin's role and user forms; model is a model's name.
    "add": _("Can add: %(model)s"),
    "change": _("Can change: %(model)s"),
    "delete": _("Can delete: %(model)s"),
    "view": _("Can view: %(model)s"),
    "publish": _("Can publish: %(model)s"),
}


def permission_label(permission):
    """ "<app> | Can add: <model>" in the active language.

    Django stores permission names in English ("Can add news article") when it makes them;
    the label is rebuilt from the codename and the model's translated name instead. Other
    permissions (a model's Meta.permissions) show their name through the catalogue.
    """
    model = permission.content_type.model_class()
    if model is None:  # a model that no longer exists
        return str(permission)
    action, _sep, model_name = permission.codename.partition("_")
    if action in PERMISSION_ACTIONS and model_name == model._meta.model_name:
        text = PERMISSION_ACTIONS[action] % {"model": model._meta.verbose_name}
    else:
        text = gettext(permission.name)
    return f"{model._meta.app_config.verbose_name} | {text}"


class TranslatedPermissionsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            formfield.queryset = formfield.queryset.select_related("content_type")
            formfield.label_from_instance = permission_label
        return formfield


class RoleAdmin(TranslatedPermissionsMixin, GroupAdmin):
    pass


class StaffUserAdmin(TranslatedPermissionsMixin, UserAdmin):
    pass


admin.site.unregister(Group)
admin.site.register(Group, RoleAdmin)
admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), StaffUserAdmin)


# History, restore, the trash and pending changes of every content type.
from core import admin_history  # noqa: E402, F401  (registers the trash page)
