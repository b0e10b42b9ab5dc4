"""Latin slugs from Ukrainian titles, for every app that publishes pages.

The transliteration is the official one (Cabinet of Ministers resolution No. 55 of
27.01.2010), as implemented by translitua's `UkrainianKMU` table: "Харківщина" becomes
"kharkivshchyna", "Згурівка" "zghurivka" (зг is written zgh), apostrophes disappear.

Slugs are made once, when an object is first saved without one, and never follow later
edits of the title, so published links keep working. The admin mixin lets staff see the
slug as they type the Ukrainian title, computed by the same function on the server.
"""

from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.text import slugify
from translitua import UkrainianKMU, translit

from core.text import ascii_int

# Long titles make long addresses: slugs stop at a word boundary before this length.
DEFAULT_MAX_LENGTH = 80


def slugify_uk(text, max_length=DEFAULT_MAX_LENGTH):
    """A Latin slug of Ukrainian (or any) text, cut at a word boundary to fit max_length."""
    slug = slugify(translit(str(text or ""), UkrainianKMU))
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug


def unique_slug(model, text, *, exclude_pk=None, field="slug", fallback="item"):
    """slugify_uk(text), with -2, -3... appended if another row of `model` already has it."""
    max_length = min(model._meta.get_field(field).max_length - 4, DEFAULT_MAX_LENGTH)
    # Room for a "-NNN" suffix below the field's length, so a numbered twin fits too.
    base = slugify_uk(text, max_length=max_length) or fallback
    taken = model._default_manager.filter(**{f"{field}__startswith": base})
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    taken = set(taken.values_list(field, flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


class SlugFromTitleAdminMixin:
    """Admin mixin: the slug field fills itself from the Ukrainian title while staff type.

    The browser asks this admin (a staff-only JSON view) for the slug, so the rule lives
    in one place. Without JavaScript the field stays as typed, and a blank slug is made on
    save by the model.
    """

    slug_field = "slug"
    slug_source_field = "title_uk"

    class Media:
        js = ["core/admin/slug-from-title.js"]

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "slug/",
                self.admin_site.admin_view(self.slug_view),
                name="{}_{}_slug".format(*info),
            ),
            *super().get_urls(),
        ]

    def slug_view(self, request):
        exclude_pk = ascii_int(request.GET.get("pk", ""), max_digits=18)
        title = request.GET.get("title", "")[:500]
        slug = unique_slug(self.model, title, exclude_pk=exclude_pk) if title.strip() else ""
        return JsonResponse({"slug": slug})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name == self.slug_field:
            info = self.opts.app_label, self.opts.model_name
            formfield.widget.attrs.update(
                {
                    "data-slug-source": f"id_{self.slug_source_field}",
                    "data-slug-url": reverse("admin:{}_{}_slug".format(*info)),
                }
            )
        return formfield
