from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from pages.models import Page, SiteNotice


@admin.register(Page)
class PageAdmin(TabbedTranslationAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "lead"]


@admin.register(SiteNotice)
class SiteNoticeAdmin(TabbedTranslationAdmin):
    list_display = ["message", "severity", "starts_at", "ends_at", "shown_now"]
    list_filter = ["severity"]
    search_fields = ["message"]
    date_hierarchy = "starts_at"

    def get_queryset(self, request):
        return super().get_queryset(request).with_shown_now()

    @admin.display(description=_("shown now"), boolean=True)
    def shown_now(self, notice):
        return notice.shown_now
