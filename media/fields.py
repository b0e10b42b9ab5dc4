"""How other models refer to a library image: a protected key, a picker that requires alt text."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_has_alt(value):
    from media.models import Image

    image = value if isinstance(value, Image) else Image.objects.filter(pk=value).first()
    if image is not None and not image.alt_uk:
        raise ValidationError(
            _(
                "The image “%(title)s” has no alternative text. Describe it in the media "
                "library first, then choose it here."
            ),
            params={"title": image.title},
            code="no_alt",
        )


class LibraryImageField(models.ForeignKey):
    """A foreign key to media.Image: protected (an image in use cannot be deleted) and refused
    while the image has no Ukrainian alternative text."""

    def __init__(self, verbose_name=None, **kwargs):
        kwargs.setdefault("to", "media.Image")
        kwargs.setdefault("on_delete", models.PROTECT)
        kwargs.setdefault("related_name", "+")
        validators = [*kwargs.pop("validators", []), validate_has_alt]
        super().__init__(verbose_name=verbose_name, validators=validators, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, "media.fields.LibraryImageField", args, kwargs
