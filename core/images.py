"""Uploaded images for every app: checked before they are stored, served as responsive renditions.

Checks: the upload must decode as an image in a web format, weigh at most 20 MB and hold at
most 40 megapixels; the pixel count is read from the header before anything is decoded, so
a decompression bomb is refused without being expanded.

An image is stored under the extension of the format it decodes as, whatever name it came
with: a PNG uploaded as `photo.pdf` is stored as `photo.png`, so it is served as an image
and never under a type its name claims (CheckedImageFieldFile).

Renditions are made by sorl-thumbnail when the image is saved (WebP, and AVIF where Pillow
can write it) at a few widths, never wider than the original, and their names are kept on
the object. Pages then need neither a database query nor a file-system look-up per image,
which keeps lists of many items at a constant number of queries. The work is bounded: the
original is decoded once, a JPEG at a reduced scale (Pillow's draft), and every rendition
is made from a copy whose shorter side is the widest rendition (core.thumbnails): a
40-megapixel JPEG cover costs a fifth of the time and memory it did, a PNG a third of the
time (docs/decisions/0010-uploads.md has the numbers).

Replaced and deleted images, with their renditions, are removed after the transaction
commits (core.files).
"""

import logging
import posixpath
import warnings
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, features

from core.thumbnails import decoding_once

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", *(("AVIF",) if features.check("avif") else ()))
# The extension an image is stored under, from the format it decodes as.
FORMAT_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "AVIF": "avif"}
RENDITION_WIDTHS = (480, 800, 1200, 1600)
RENDITION_FORMATS = (
    (
        ("AVIF", "image/avif"),
        ("WEBP", "image/webp"),
    )
    if features.check("avif")
    else (("WEBP", "image/webp"),)
)


def check_image(file):
    """Raise ValidationError (in the visitor's language) unless `file` is an acceptable image.

    Returns the format it decodes as ("JPEG", "PNG", ...).
    """
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file weighs %(size)s; an image may weigh at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )
    too_many_pixels = ValidationError(
        _(
            "The image is too large: at most %(limit)s million pixels are accepted "
            "(for example 8000 × 5000). Please make it smaller and upload it again."
        ),
        code="too_many_pixels",
        params={"limit": MAX_PIXELS // 1_000_000},
    )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file, formats=ACCEPTED_FORMATS) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise too_many_pixels
                # Decode every pixel: a truncated or corrupted file fails here, not on a page.
                # A JPEG at an eighth of its size: the decoder still reads all the data, so a
                # damaged file fails the same, at a sixty-fourth of the memory.
                image.draft(None, (max(1, width // 8), max(1, height // 8)))
                image.load()
                return image.format
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_many_pixels from error
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many kinds of errors for broken files
        raise ValidationError(
            _(
                "The file is not an image or it is damaged. Upload a photo or picture "
                "in JPEG, PNG or WebP format."
            ),
            code="invalid_image",
        ) from error
    finally:
        file.seek(0)


class CheckedImageFormField(forms.ImageField):
    def to_python(self, data):
        file = forms.FileField.to_python(self, data)
        if file is None:
            return None
        # Named after what it is before the model's extension validator reads the name.
        file.name = name_for_format(file.name, check_image(file))
        return super().to_python(data)


def name_for_format(name, image_format):
    """`name` with the extension of `image_format`: photo.pdf holding a PNG is photo.png."""
    directory, filename = posixpath.split(name)
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    return posixpath.join(directory, f"{stem or 'image'}.{FORMAT_EXTENSIONS[image_format]}")


def stored_name(name, content):
    """`name` with the extension of the image format `content` decodes as."""
    position = content.tell()
    try:
        content.seek(0)
        with Image.open(content, formats=ACCEPTED_FORMATS) as image:
            image_format = image.format
    except Exception:  # not an image: the form's check refuses it; keep the name
        return name
    finally:
        content.seek(position)
    return name_for_format(name, image_format)


class CheckedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # Every way a file reaches the storage (the admin, refresh_renditions, the factories
        # and the demo) passes here, so no image is stored under a type its name claims.
        super().save(stored_name(name, content), content, save)


class CheckedImageField(models.ImageField):
    """An ImageField whose form checks the upload with check_image before it is stored, and
    which stores it under the extension of its decoded format."""

    attr_class = CheckedImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})


def make_renditions(image_file, widths=RENDITION_WIDTHS):
    """Make the renditions of a stored image; return what `picture()` needs to show them."""
    from sorl.thumbnail import delete, get_thumbnail  # imported late: they read settings

    # sorl remembers thumbnails by file name, not content: a new file stored under a name
    # used before (after the old one was deleted) would get the old renditions back.
    delete(image_file, delete_file=False)
    original_width = image_file.width
    chosen = sorted({min(width, original_width) for width in widths})
    renditions = {"source": image_file.name, "formats": {}}
    # One decode of the original for all renditions, at no more than the widest one needs.
    with decoding_once(max(chosen)):
        for image_format, _mime in RENDITION_FORMATS:
            renditions["formats"][image_format] = [
                [thumb.width, thumb.height, thumb.name]
                for thumb in (
                    get_thumbnail(image_file, str(width), format=image_format, upscale=False)
                    for width in chosen
                )
            ]
    return renditions


def refresh_renditions(instance, field_name, widths=RENDITION_WIDTHS):
    """Keep `<field_name>_renditions` in step with the image; models call it in save().

    The one image pipeline of the site: covers of every publishable type and council emblems
    use it. An upload not yet in the storage is stored first (what the field would do on
    save), so the renditions are made from the stored file and saved in the same write.
    """
    image = getattr(instance, field_name)
    attribute = f"{field_name}_renditions"
    if not image:
        setattr(instance, attribute, {})
        return
    if not image._committed:
        image.save(image.name, image.file, save=False)
    if (getattr(instance, attribute) or {}).get("source") != image.name:
        setattr(instance, attribute, make_renditions(image, widths))


@dataclass
class Picture:
    """An image ready for includes/picture.html: <picture> with sources, srcset and size."""

    src: str
    alt: str
    width: int
    height: int
    srcset: str = ""
    sources: list = field(default_factory=list)
    largest: str = ""  # the widest WebP rendition, for OpenGraph and JSON-LD
    lang: str = ""  # the language of `alt` where it is not the page's (a fallback)

    def __post_init__(self):
        self.largest = self.largest or self.src


def picture(image_file, renditions, alt, width=None, height=None):
    """A Picture of a stored image from its renditions; the original when there are none.

    `width` and `height` are the original's, as stored by the model (reading them from the
    file would cost a file-system access per image).
    """
    if not image_file:
        return None
    storage = image_file.storage
    renditions = renditions or {}
    formats = renditions.get("formats") or {}
    if renditions.get("source") != image_file.name or not formats.get("WEBP"):
        return Picture(
            src=storage.url(image_file.name), alt=alt, width=width or 0, height=height or 0
        )

    def srcset(rows):
        return ", ".join(f"{storage.url(name)} {width}w" for width, _height, name in rows)

    webp = formats["WEBP"]
    # The widest rendition gives the intrinsic size (its aspect ratio follows EXIF rotation).
    width, height, _name = webp[-1]
    middle = webp[min(1, len(webp) - 1)]
    return Picture(
        src=storage.url(middle[2]),
        alt=alt,
        width=width,
        height=height,
        srcset=srcset(webp),
        largest=storage.url(webp[-1][2]),
        sources=[
            {"type": mime, "srcset": srcset(formats[image_format])}
            for image_format, mime in RENDITION_FORMATS
            if image_format != "WEBP" and formats.get(image_format)
        ],
    )


# The media library's model, named by its label as AUTH_USER_MODEL names the user model: the
# kit declares the covers of every content type without importing the app above it
# (docs/decisions/0030-covers-from-the-media-library.md).
LIBRARY_IMAGE_MODEL = "media.Image"


class LibraryImageField(models.ForeignKey):
    """A foreign key to a media-library image: protected (an image in use cannot be deleted)
    and refused while the image has no alternative text in the default language."""

    def __init__(self, verbose_name=None, **kwargs):
        kwargs.setdefault("to", LIBRARY_IMAGE_MODEL)
        kwargs.setdefault("on_delete", models.PROTECT)
        kwargs.setdefault("related_name", "+")
        super().__init__(verbose_name=verbose_name, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value is None:
            return
        alt = f"alt_{settings.LANGUAGE_CODE}"
        image = self.remote_field.model._base_manager.filter(pk=value).only("title", alt).first()
        if image is not None and not getattr(image, alt):
            raise ValidationError(
                _(
                    "The image “%(title)s” has no alternative text. Describe it in the media "
                    "library first, then choose it here."
                ),
                params={"title": image.title},
                code="no_alt",
            )
