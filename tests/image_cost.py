"""What one cover upload costs: time and peak memory of the check and the renditions.

Run in a process of its own, so that the peak resident size is this upload's (VmHWM: unlike
ru_maxrss, Linux does not carry it over from the process that started this one):
    python -m tests.image_cost make  JPEG|PNG PATH   # a 40-megapixel image of ~7-16 MB
    python -m tests.image_cost measure PATH          # prints {"seconds": …, "peak_mb": …}
CPU seconds are reported beside the elapsed ones: on a busy machine they vary less.
tests/test_uploads.py runs both for a JPEG and a PNG (marker `image_cost`).
"""

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def make(image_format, path):
    from PIL import Image

    width, height = 8000, 5000
    # Smooth noise over gradients: compresses like a photo (JPEG ~8 MB, PNG ~16 MB).
    grain = 4 if image_format == "JPEG" else 20
    noise = Image.effect_noise((width // grain, height // grain), 60).resize(
        (width, height), Image.Resampling.BILINEAR
    )
    red = Image.linear_gradient("L").resize((width, height))
    green = Image.radial_gradient("L").resize((width, height))
    Image.merge("RGB", (red, green, noise)).save(
        path, image_format, **({"quality": 88} if image_format == "JPEG" else {})
    )


def peak_kib():
    """The peak resident size of this process so far, in KiB."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux and BSDs
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ.setdefault("DATABASE_URL", "postgres://unused/unused")  # never connected
    import django
    from django.conf import settings

    media = Path(tempfile.mkdtemp())
    settings.MEDIA_ROOT = media
    # No database here: sorl-thumbnail remembers its files in a dbm file instead.
    settings.THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.dbm_kvstore.KVStore"
    settings.THUMBNAIL_DBM_FILE = str(media / "thumbnails.dbm")
    django.setup()

    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.images import CheckedImageFormField, refresh_renditions
    from media.models import Image

    data = Path(path).read_bytes()
    baseline = peak_kib()
    started, cpu_started = time.perf_counter(), cpu_seconds()
    upload = CheckedImageFormField().clean(SimpleUploadedFile(Path(path).name, data))
    image = Image(file=upload)
    refresh_renditions(image, "file")
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    peak = peak_kib()
    widths = [row[0] for row in image.file_renditions.get("formats", {}).get("WEBP", [])]
    print(
        json.dumps(
            {
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "peak_mb": round(peak / 1024),
                "above_start_mb": round((peak - baseline) / 1024),
                "widths": widths,
            }
        )
    )


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    else:
        measure(sys.argv[2])
