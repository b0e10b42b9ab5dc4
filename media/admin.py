from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from media.models import Image


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["title", "file", "alt", "caption", "credit", "licence", "focus_x", "focus_y"]

    def full_clean(self):
        super().full_clean()
        # Browsers never keep a chosen file when a form comes back with errors: say so,
        # so that staff do not believe the image was stored.
        if self.is_bound and self.errors and self.files.get(self.add_prefix("file")):
            if "file" not in self.errors:
                self.add_error(
                    "file",
                    _(
                        "The image was not saved because of the errors on this form. "
                        "Correct them and choose the file again."
                    ),
                )


@admin.register(Image)
class ImageAdmin(TabbedTranslationAdmin):
    form = ImageForm
    list_display = ["thumbnail", "title", "has_alt", "credit", "created_at"]
    list_display_links = ["thumbnail", "title"]
    search_fields = ["title", "alt_uk", "alt_en", "caption_uk", "caption_en", "credit_uk"]
    readonly_fields = ["preview", "used_in"]
    fieldsets = [
        (None, {"fields": ["title", "file", "preview"]}),
        (_("Description"), {"fields": ["alt", "caption", "credit", "licence"]}),
        (_("Focal point"), {"fields": ["focus_x", "focus_y"]}),
        (_("Where it is used"), {"fields": ["used_in"]}),
    ]
    list_per_page = 50

    @admin.display(description=_("image"))
    def thumbnail(self, image):
        picture = image.picture
        if picture is None:
            return ""
        return format_html('<img src="{}" alt="" width="80">', picture.src)

    @admin.display(description=_("preview"))
    def preview(self, image):
        picture = image.picture
        if picture is None:
            return "—"
        return format_html('<img src="{}" alt="" width="320">', picture.src)

    @admin.display(description=_("alternative text"), boolean=True)
    def has_alt(self, image):
        return bool(image.alt_uk)

    @admin.display(description=_("used in"))
    def used_in(self, image):
        if not image.pk:
            return "—"
        usages = image.usages()
        if not usages:
            return _("Not used anywhere yet.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", usages))
