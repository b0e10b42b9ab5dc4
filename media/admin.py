from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path
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

    def get_urls(self):
        chooser = self.admin_site.admin_view(self.chooser)
        return [path("chooser/", chooser, name="media_image_chooser"), *super().get_urls()]

    def chooser(self, request):
        """JSON for the rich-text editor's image dialog (static/media/admin/library-image.js):
        described images matching `q`, or the one numbered `id` (its preview in the editor)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = Image.objects.usable()
        if (number := request.GET.get("id", "")).isdigit():
            images = images.filter(pk=number)
        elif query := request.GET.get("q", "").strip()[:100]:
            images = images.filter(
                Q(title__icontains=query)
                | Q(alt_uk__icontains=query)
                | Q(alt_en__icontains=query)
                | Q(caption_uk__icontains=query)
            )
        results = []
        for image in images[:40]:
            picture = image.picture
            results.append(
                {
                    "id": image.pk,
                    "title": image.title,
                    "alt": image.alt,
                    "thumbnail": picture.src if picture else "",
                }
            )
        return JsonResponse({"results": results})

    def get_deleted_objects(self, objs, request):
        # Covers and blocks are protected keys, which the admin lists itself; rich text and
        # the trash name an image without one: they are listed too, and the deletion refused.
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for image in objs:
            protected += [
                format_html("{}: {}", kind, place) for kind, place in image.unkeyed_usages()
            ]
        return to_delete, model_count, perms_needed, protected

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
