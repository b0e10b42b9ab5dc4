from content_editor.admin import ContentEditor, ContentEditorInline
from django.contrib import admin
from django.utils.html import format_html, mark_safe
from django.utils.translation import gettext_lazy as _
from feincms3.admin import TreeAdmin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationAdmin

from core.admin import (
    COVER_FIELDSET,
    PUBLISHING_DESCRIPTION,
    PUBLISHING_FIELDS,
    PublicationStateFilter,
    PublishableAdmin,
)
from pages.models import (
    CallToAction,
    ContactCard,
    ContactMessage,
    DocumentsBlock,
    ImageBlock,
    Page,
    PageRedirect,
    RichText,
    SiteNotice,
)


def block_inline(model, fields, **kwargs):
    """A content-editor inline with both languages of each translated field."""
    return ContentEditorInline.create(model=model, fields=fields, **kwargs)


@admin.register(Page)
class PageAdmin(ContentEditor, TreeAdmin, PublishableAdmin, TranslationAdmin):
    class Media:
        # content-editor's own rules as a constructed style sheet, not an inline <style>
        # the policy refuses (docs/decisions/0031-one-library-for-every-published-file.md)
        js = ["core/admin/content-editor-styles.js"]
        css = {"all": ["pages/admin/tree.css"]}

    list_display = [
        *TreeAdmin.list_display,
        "publication_state",
        "menu",
        "kind",
    ]
    list_filter = [PublicationStateFilter, "menu", "kind"]

    # The tree's title column, indented by a class: django-tree-queries' own writes a style
    # attribute, which the admin's policy refuses, and every page then sat at one level.
    MAX_INDENTED_DEPTH = 8

    def indented_title(self, instance, *, ellipsize=True):
        depth = instance.tree_depth
        box_drawing = '<i class="l"></i>' * max(depth - 1, 0) + (
            '<i class="a"></i>' if depth else ""
        )
        return format_html(
            '<div class="box"><div class="box-drawing">{}</div>'
            '<div class="box-text{} tree-depth-{}">{}</div></div>',
            mark_safe(box_drawing),  # fixed markup, no data
            " ellipsize" if ellipsize else "",
            min(depth, self.MAX_INDENTED_DEPTH),
            instance,
        )

    indented_title.short_description = _("title")
    search_fields = ["title_uk", "title_en", "slug"]
    readonly_fields = ["path"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "path", "lead"]}),
        (_("Place on the site"), {"fields": ["menu", "kind"]}),
        COVER_FIELDSET,
        (_("Publishing"), {"fields": PUBLISHING_FIELDS, "description": PUBLISHING_DESCRIPTION}),
    ]
    inlines = [
        block_inline(RichText, ["text_uk", "text_en", "region", "ordering"]),
        block_inline(
            ImageBlock,
            ["image", "caption_uk", "caption_en", "region", "ordering"],
            autocomplete_fields=["image"],
        ),
        block_inline(
            DocumentsBlock,
            ["heading_uk", "heading_en", "documents", "region", "ordering"],
            autocomplete_fields=["documents"],
        ),
        block_inline(
            ContactCard,
            [
                *("name_uk", "name_en", "role_uk", "role_en", "address_uk", "address_en"),
                *("hours_uk", "hours_en", "phone", "email", "region", "ordering"),
            ],
        ),
        block_inline(
            CallToAction,
            [
                *("text_uk", "text_en", "link_label_uk", "link_label_en", "url_uk", "url_en"),
                *("region", "ordering"),
            ],
        ),
    ]


@admin.register(PageRedirect)
class PageRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "page", "created_at"]
    search_fields = ["old_path", "page__title_uk"]
    autocomplete_fields = ["page"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "name", "email", "created_at", "answered", "email_status"]
    list_filter = ["answered", "email_status", "created_at"]
    search_fields = ["subject", "name", "email", "message"]
    readonly_fields = ["name", "email", "subject", "message", "language", "created_at"]
    readonly_fields += ["email_status", "email_error"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False


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
