"""The media library: an image is uploaded once and reused in covers, page blocks and text.

Each image carries what every use needs: alt text in both languages (required before the
image is used: `ImageChoiceField` refuses one without it), a caption, a credit, a licence and
a focal point. Renditions come from the kit's pipeline (core.images): the upload is checked
before it is stored and its AVIF/WebP widths are made once, on save. Renditions keep the whole
picture; where a page crops one (CSS `object-fit: cover` in cards), the focal point chooses
what stays (`focus_class`, classes in site.css, as the CSP allows no style attributes).

An image in use cannot be deleted: every reference is a `PROTECT` foreign key, and the
admin lists the places that use it (`usages()`).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.images import CheckedImageField, picture, refresh_renditions

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
        return picture(self.file, self.file_renditions, self.alt, self.width, self.height)

    @property
    def focus_class(self):
        """CSS classes placing a cropped rendition on the focal point (site.css)."""
        x = round(self.focus_x / FOCUS_STEP) * FOCUS_STEP
        y = round(self.focus_y / FOCUS_STEP) * FOCUS_STEP
        return f"focus-x{x} focus-y{y}"

    def usages(self):
        """Every object that uses this image: (model's verbose name, object), for admin."""
        found = []
        relations = self._meta.get_fields(include_hidden=True)
        for relation in relations:
            if not (relation.auto_created and (relation.one_to_many or relation.one_to_one)):
                continue
            manager = relation.related_model._base_manager
            for obj in manager.filter(**{relation.field.name: self})[:50]:
                found.append((relation.related_model._meta.verbose_name, obj))
        return found
