from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from portal.models import Page

admin.site.site_header = _("Centre for community development: administration")
admin.site.site_title = _("Centre administration")
admin.site.index_title = _("Site content")


@admin.register(Page)
class PageAdmin(TabbedTranslationAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "lead"]
