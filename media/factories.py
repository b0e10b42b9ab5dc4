"""factory_boy factories of the media library, shared by the demo content and the tests."""

from io import BytesIO

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from PIL import Image as PillowImage
from PIL import ImageDraw

from media.models import Image


def image_bytes(size=(1600, 900), colour=(10, 58, 122), image_format="PNG"):
    """A plain picture: a coloured field with a lighter band, enough to stand for a cover."""
    image = PillowImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, size[1] * 2 // 3, size[0], size[1]), fill=(255, 213, 0))
    buffer = BytesIO()
    image.save(buffer, image_format)
    return buffer.getvalue()


class ImageFactory(DjangoModelFactory):
    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"Зображення {n}")
    file = factory.LazyFunction(lambda: ContentFile(image_bytes(), name="picture.png"))
    alt_uk = "Синє поле з жовтою смугою (демонстраційне зображення)"
    alt_en = "A blue field with a yellow band (a demo image)"
    credit_uk = "Демонстраційний приклад"
    credit_en = "Demo example"
