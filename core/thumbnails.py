"""sorl-thumbnail's Pillow engine, tuned for AVIF and for large originals
(settings.THUMBNAIL_ENGINE).

At the same nominal quality AVIF files come out larger than WebP and take ten times longer
to encode. Quality 60 at encoder speed 8 gives files smaller than WebP at quality 80, in
about the time WebP takes, so a cover saved in admin is ready at once.

sorl decodes the original once per rendition: eight full decodes of a 40-megapixel cover
took 10-13 s of CPU and 440 MB inside the admin's request. Within `decoding_once(side)` (what
core.images.make_renditions uses) the original is decoded once, a JPEG straight at a reduced
scale (Pillow's draft: the decoder skips the detail), reduced until its shorter side is
`side` (the widest rendition, whichever way the EXIF orientation turns it), and every
rendition is made from that copy.
"""

import math
from contextlib import contextmanager
from contextvars import ContextVar
from io import BytesIO

from sorl.thumbnail.engines.pil_engine import Engine as PillowEngine

# Set by decoding_once: the side to reduce to and the one decoded source (per thread).
_decoding = ContextVar("decoding", default=None)


@contextmanager
def decoding_once(side):
    """Within this block, thumbnails of the same source share one reduced decode."""
    token = _decoding.set({"side": side, "key": None, "image": None})
    try:
        yield
    finally:
        _decoding.reset(token)


def reduce_to(image, side):
    """Reduce `image` in place until its shorter side is `side` (never enlarge it).

    Image.thumbnail reduces by whole factors before resampling and keeps the EXIF data that
    sorl reads for the orientation.
    """
    width, height = image.size
    if getattr(image, "is_animated", False) or min(width, height) <= side:
        image.load()
        return image
    factor = side / min(width, height)
    # The shorter side's bound is exact; the longer side's has room, so rounding never
    # makes the shorter side less than `side`.
    if width <= height:
        box = (side, math.ceil(height * factor) + 2)
    else:
        box = (math.ceil(width * factor) + 2, side)
    # The JPEG decoder's draft scale first: thumbnail() would ask for twice the size (its
    # reducing gap), which for a 40-megapixel photo means decoding every pixel.
    image.draft(None, box)
    image.thumbnail(box)
    return image


AVIF_QUALITY = 60
AVIF_SPEED = 8


class Engine(PillowEngine):
    def get_image(self, source):
        decoding = _decoding.get()
        if decoding is None:
            return super().get_image(source)
        if decoding["key"] != source.key:
            decoding["image"] = reduce_to(super().get_image(source), decoding["side"])
            decoding["key"] = source.key
        return decoding["image"]

    def _get_raw_data(self, image, format_, quality, image_info=None, progressive=False):
        if format_ != "AVIF":
            return super()._get_raw_data(image, format_, quality, image_info, progressive)
        frame = image[0] if isinstance(image, list) else image
        buffer = BytesIO()
        frame.save(buffer, format="AVIF", quality=AVIF_QUALITY, speed=AVIF_SPEED)
        return buffer.getvalue()
