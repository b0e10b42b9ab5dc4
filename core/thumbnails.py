"""sorl-thumbnail's Pillow engine, tuned for AVIF (settings.THUMBNAIL_ENGINE).

At the same nominal quality AVIF files come out larger than WebP and take ten times longer
to encode. Quality 60 at encoder speed 8 gives files smaller than WebP at quality 80, in
about the time WebP takes, so a cover saved in admin is ready at once.
"""

from io import BytesIO

from sorl.thumbnail.engines.pil_engine import Engine as PillowEngine

AVIF_QUALITY = 60
AVIF_SPEED = 8


class Engine(PillowEngine):
    def _get_raw_data(self, image, format_, quality, image_info=None, progressive=False):
        if format_ != "AVIF":
            return super()._get_raw_data(image, format_, quality, image_info, progressive)
        frame = image[0] if isinstance(image, list) else image
        buffer = BytesIO()
        frame.save(buffer, format="AVIF", quality=AVIF_QUALITY, speed=AVIF_SPEED)
        return buffer.getvalue()
