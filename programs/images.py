"""A fixed rendition of each cover image, made once on upload.

Pages then link a stored file: no thumbnail look-up per image, so a list of programs runs
the same number of queries whatever it shows.
"""

from io import BytesIO
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

COVER_SIZE = (960, 540)


def make_cover_rendition(image_file):
    """A 960×540 WebP crop of the uploaded image, as a file ready to save."""
    image_file.open("rb")
    image_file.seek(0)
    with Image.open(image_file) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        image = ImageOps.fit(image, COVER_SIZE, Image.Resampling.LANCZOS)
        buffer = BytesIO()
        image.save(buffer, "WEBP", quality=80)
    return ContentFile(buffer.getvalue(), name=f"{Path(image_file.name).stem}.webp")
