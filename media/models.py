"""The media library: an image is uploaded once and reused in covers, page blocks and text.

Each image carries what every use needs: alt text in both languages (required before the
image is used: `ImageChoiceField` refuses one without it), a caption, a credit, a licence and
a focal point. Renditions come from the kit's pipeline (core.images): the upload is checked
before it is stored and its AVIF/WebP widths are made once, on save. Renditions keep the whole
picture; where a page crops one (CSS `object-fit: cover` in cards), the focal point chooses
what stays (`focus_class`, classes in site.css, as the CSP allows no style attributes).

An image in use cannot be deleted: every reference is a `PROTECT` foreign key (covers,
image blocks), a figure in rich text (media.richtext) or an item in the trash that names it
(it must come back whole); the admin lists the places that use it (`usages()`).
"""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import ProtectedError, Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.images import CheckedImageField, picture, refresh_renditions
from core.richtext import RichTextField

FOCUS_STEP = 10  # the focal point is kept in steps of 10 % (the classes in site.css)


def image_upload_to(instance, filename):
    return f"media/{timezone.now():%Y/%m}/{filename}"


class ImageQuerySet(models.QuerySet):
    def usable(self):
        """Images with Ukrainian alt text: the only ones a page may show."""
        return self.exclude(alt_uk="").exclude(alt_uk__isnull=True)

    def for_demo(self, title, content, filename, **texts):
        """The library image named `title`, stored from `content` the first time (demo and
        benchmark data: a second run reuses it)."""
        image = self.filter(title=title).first()
        if image is None:
            image = self.model(title=title, **texts)
            image.file.save(filename, content, save=False)
            image.save()
        return image


class Image(models.Model):
    title = models.CharField(
        _("name in the library"),
        max_length=200,
        help_text=_("For finding the image in the library; not shown on the site."),
    )
    file = CheckedImageField(
        _("image file"),
        upload_to=image_upload_to,
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG or WebP, at most 20 MB and 40 megapixels."),
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    file_renditions = models.JSONField(default=dict, blank=True, editable=False)
    alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Required before the image "
            "is used on a page."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("The author or source of the image.")
    )
    licence = models.CharField(
        _("licence"),
        max_length=200,
        blank=True,
        help_text=_("For example: “with the author’s permission”, or the name of an open licence."),
    )
    focus_x = models.PositiveSmallIntegerField(
        _("focal point, across (%)"),
        default=50,
        help_text=_("0 is the left edge, 100 the right edge. Crops keep this point in view."),
    )
    focus_y = models.PositiveSmallIntegerField(
        _("focal point, down (%)"),
        default=50,
        help_text=_("0 is the top edge, 100 the bottom edge."),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focus_x__lte=100, focus_y__lte=100),
                name="media_image_focus_within_image",
                violation_error_message=_("The focal point is a percentage from 0 to 100."),
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        refresh_renditions(self, "file")
        super().save(*args, **kwargs)

    @property
    def picture(self):
        found = picture(self.file, self.file_renditions, self.alt, self.width, self.height)
        if found is not None:
            found.lang = self.fallback_language("alt")
        return found

    @property
    def caption_lang(self):
        return self.fallback_language("caption")

    def fallback_language(self, field):
        """The default language when `field` shows its text for want of the active language's
        (modeltranslation's fallback): the page marks it (lang), so that a screen reader
        reads Ukrainian as Ukrainian on an English page; empty otherwise."""
        default, language = settings.LANGUAGE_CODE, translation.get_language()
        if language == default or getattr(self, f"{field}_{language}", None):
            return ""
        return default if getattr(self, f"{field}_{default}", None) else ""

    @property
    def focus_class(self):
        """CSS classes placing a cropped rendition on the focal point (site.css)."""
        x = round(self.focus_x / FOCUS_STEP) * FOCUS_STEP
        y = round(self.focus_y / FOCUS_STEP) * FOCUS_STEP
        return f"focus-x{x} focus-y{y}"

    def delete(self, *args, **kwargs):
        # The foreign keys protect themselves (PROTECT); rich text and the trash name the
        # image without one, so they are checked here.
        if unkeyed := self.unkeyed_usages():
            raise ProtectedError(
                gettext("The image is used and cannot be deleted: %(places)s")
                % {"places": "; ".join(f"{kind}: {place}" for kind, place in unkeyed)},
                {place for _kind, place in unkeyed},
            )
        return super().delete(*args, **kwargs)

    def usages(self):
        """Every place that uses this image: (kind, object or description), for admin."""
        return self.keyed_usages() + self.unkeyed_usages()

    def keyed_usages(self):
        """Objects whose foreign key names the image (covers, image blocks)."""
        found = []
        for relation in _image_relations():
            manager = relation.related_model._base_manager
            for obj in manager.filter(**{relation.field.name: self})[:50]:
                found.append((relation.related_model._meta.verbose_name, obj))
        return found

    def unkeyed_usages(self):
        """Rich text that shows the image, and items in the trash that name it."""
        return self.rich_text_usages() + self.trashed_usages()

    def rich_text_usages(self):
        marker = f'data-library-image="{self.pk}"'
        found = []
        for model, names in _rich_text_fields().items():
            condition = Q()
            for name in names:
                condition |= Q(**{f"{name}__contains": marker})
            for obj in model._base_manager.filter(condition)[:50]:
                found.append(
                    (gettext("%(kind)s (in the text)") % {"kind": model._meta.verbose_name}, obj)
                )
        return found

    def trashed_usages(self):
        from reversion.models import Version

        keys = "|".join(sorted({relation.field.name for relation in _image_relations()}))
        pattern = rf'"({keys})": {self.pk}[,}}]|data-library-image=\\"{self.pk}\\"'
        versions = (
            Version.objects.filter(revision__deletion__isnull=False)
            .filter(serialized_data__regex=pattern)
            .select_related("content_type")[:50]
        )
        return [
            (
                gettext("%(kind)s (in the trash)") % {"kind": version.content_type.name},
                version.object_repr,
            )
            for version in versions
        ]


def _image_relations():
    return [
        relation
        for relation in Image._meta.get_fields(include_hidden=True)
        if relation.auto_created and (relation.one_to_many or relation.one_to_one)
    ]


def _rich_text_fields():
    """{model: [names of its rich-text columns]}, every language's column included."""
    found = {}
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        names = [
            field.name for field in model._meta.concrete_fields if isinstance(field, RichTextField)
        ]
        if names:
            found[model] = names
    return found
