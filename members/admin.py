from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.collation import by_ukrainian_name
from core.slugs import SlugFromTitleAdminMixin
from documents.admin import AttachmentInline
from members.managers import normalize_query
from members.models import Association, BoardPost, Council, TerritorialUnit


class ApostropheSearchMixin:
    """Admin search that finds "Куп’янська" whichever apostrophe staff type (' ʼ ` ’).

    The codifier's names use U+2019; the search also runs with the words as typed, so an
    e-mail address or a name spelt with another apostrophe is still found.
    """

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        normalized = normalize_query(search_term)
        if normalized != " ".join(search_term.split()):
            more, more_duplicates = super().get_search_results(request, queryset, normalized)
            results = results | more
            may_have_duplicates = may_have_duplicates or more_duplicates
        return results, may_have_duplicates


class RaionFilter(admin.SimpleListFilter):
    title = _("raion")
    parameter_name = "raion"

    def lookups(self, request, model_admin):
        return [(raion.code, raion.name) for raion in TerritorialUnit.objects.raions().by_name()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(Q(unit__code=self.value()) | Q(unit__parent__code=self.value()))
        return queryset


@admin.register(Council)
class CouncilAdmin(ApostropheSearchMixin, SlugFromTitleAdminMixin, TabbedTranslationAdmin):
    slug_source_field = "name_uk"
    list_display = ["name", "kind_column", "raion_column", "status", "member_since", "updated_at"]
    list_filter = [RaionFilter, "kind", "hromada_type", "status"]
    search_fields = ["name_uk", "name_en", "slug", "unit__code", "unit__name_uk", "head_name_uk"]
    list_select_related = ["unit", "unit__parent"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["updated_at"]
    # "example.org" typed without a scheme becomes https://example.org (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["unit", "kind", "hromada_type", "name", "slug"]}),
        (_("Membership"), {"fields": ["status", "member_since", "member_until"]}),
        (_("Head"), {"fields": ["head_name", "head_title", "head_elected_on"]}),
        (_("Contacts"), {"fields": ["address", "phone", "email", "website"]}),
        (
            _("About the territory"),
            {"fields": ["emblem", "population", "area_km2", "figures_year", "description"]},
        ),
        (None, {"fields": ["updated_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly.append("slug")  # a council's page is public from the start: links stay
        return readonly

    def get_ordering(self, request):
        return [by_ukrainian_name(), "pk"]  # in Ukrainian alphabetical order, like the site

    @admin.display(description=_("kind"), ordering="kind")
    def kind_column(self, council):
        return council.kind_label

    @admin.display(description=_("raion"))
    def raion_column(self, council):
        return council.raion or "—"


@admin.register(TerritorialUnit)
class TerritorialUnitAdmin(ApostropheSearchMixin, admin.ModelAdmin):
    """Read-only: the units come from the official codifier through `import_katottg`."""

    list_display = ["name", "code", "category", "parent", "in_codifier"]
    list_filter = ["category", "in_codifier"]
    search_fields = ["name_uk", "name_en", "code"]
    list_select_related = ["parent"]
    fields = ["code", "category", "name_uk", "name_en", "parent", "in_codifier"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Association)
class AssociationAdmin(TabbedTranslationAdmin):
    list_display = ["name", "updated_at"]
    # The statute, the founding documents and any other file of the library, in their order.
    inlines = [AttachmentInline]

    def has_add_permission(self, request):
        # One association: its page is edited, never a second one added.
        return not Association.objects.exists()


@admin.register(BoardPost)
class BoardPostAdmin(TabbedTranslationAdmin):
    list_display = ["post", "council", "person_name", "position"]
    list_editable = ["position"]
    list_select_related = ["council"]
    autocomplete_fields = ["council"]
