"""Images (library images, used as covers): checked before they are stored, served as
responsive renditions."""

import io
import re
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, features

from core.images import CheckedImageFormField
from media.factories import ImageFactory
from media.models import Image as LibraryImage
from news.factories import ArticleFactory
from news.models import Article

pytestmark = pytest.mark.django_db


def image_bytes(size=(1000, 600), image_format="JPEG", mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "#0a3a7a" if mode == "RGB" else 0).save(buffer, image_format)
    return buffer.getvalue()


def upload(content, name="cover.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", password="pw")
    client.force_login(user)
    return client


def post_image(admin_client, file, **extra):
    data = {
        "title": "Держпром",
        "file": file,
        "alt_uk": "Будівля Держпрому",
        "focus_x": 50,
        "focus_y": 50,
        **extra,
    }
    return admin_client.post("/admin/media/image/add/", data)


def post_article(admin_client, cover, **extra):
    data = {
        "title_uk": "Новина з обкладинкою",
        "title_en": "",
        "slug": "",
        "lead_uk": "Вступ",
        "body_uk": "<p>Текст</p>",
        "cover": cover,
        "status": "draft",
        **extra,
    }
    return admin_client.post("/admin/news/article/add/", data)


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"This is a text file, not a photo.", "Файл не є зображенням або пошкоджений"),
        (image_bytes()[:2000], "Файл не є зображенням або пошкоджений"),
        (image_bytes((8000, 5001), "PNG", mode="1"), "Зображення завелике"),
        (b"\0" * (20 * 1024 * 1024 + 1), "а зображення може важити не більше 20,0"),
    ],
    ids=["not-an-image", "truncated", "too-many-pixels", "too-heavy"],
)
def test_bad_uploads_get_a_ukrainian_error_and_nothing_is_stored(
    admin_client, settings, content, message
):
    response = post_image(admin_client, upload(content))
    assert response.status_code == 200  # the form again, with the error
    assert message in response.content.decode()
    assert not LibraryImage.objects.exists()
    assert stored_files(settings) == []


def png_claiming(width, height):
    """A tiny PNG whose header claims another size (what a decompression bomb looks like)."""
    png = bytearray(image_bytes((8, 8), "PNG"))
    # IHDR data starts at byte 16: width and height, then its CRC at byte 29.
    png[16:24] = width.to_bytes(4, "big") + height.to_bytes(4, "big")
    png[29:33] = zlib.crc32(bytes(png[12:29])).to_bytes(4, "big")
    return bytes(png)


@pytest.mark.parametrize("size", [(7_000, 7_000), (40_000, 40_000)])
def test_the_checks_read_the_pixel_count_before_decoding(size):
    # 49 and 1,600 megapixels claimed by a file of a hundred bytes: refused from the header,
    # never expanded (the larger one Pillow itself calls a decompression bomb).
    bomb = png_claiming(*size)
    assert len(bomb) < 200
    field = CheckedImageFormField()
    with translation.override("uk"), pytest.raises(ValidationError) as error:
        field.clean(upload(bomb, "bomb.png", "image/png"))
    assert error.value.code == "too_many_pixels"
    assert "Зображення завелике" in error.value.messages[0]


def test_alt_text_is_required_before_an_image_becomes_a_cover(admin_client, settings):
    undescribed = ImageFactory(title="Без опису", alt_uk="", alt_en="")
    response = post_article(admin_client, undescribed.pk)
    assert "Зображення «Без опису» не має альтернативного тексту" in response.content.decode()
    assert not Article.objects.exists()
    described = ImageFactory(alt_uk="Будівля Держпрому")
    assert post_article(admin_client, described.pk).status_code == 302
    assert Article.objects.get().cover == described


def test_a_good_upload_keeps_the_original_and_makes_renditions(admin_client, settings):
    response = post_image(admin_client, upload(image_bytes((1000, 600))))
    assert response.status_code == 302, response.content.decode()[:2000]
    image = LibraryImage.objects.get()
    assert (image.width, image.height) == (1000, 600)
    assert (settings.MEDIA_ROOT / image.file.name).exists()  # the original is kept
    renditions = image.file_renditions["formats"]
    assert [width for width, _height, _name in renditions["WEBP"]] == [480, 800, 1000]
    for width, height, name in renditions["WEBP"]:
        with Image.open(settings.MEDIA_ROOT / name) as image:
            assert image.format == "WEBP"
            assert image.size == (width, height) == (width, round(width * 0.6))
    if features.check("avif"):
        assert [width for width, _h, _n in renditions["AVIF"]] == [480, 800, 1000]


def test_pages_serve_responsive_images_lazily_below_the_fold(client, settings):
    cover = ImageFactory(file=upload(image_bytes((1600, 900))), alt_uk="Держпром")
    articles = [ArticleFactory(cover=cover if index == 0 else None) for index in range(5)]
    # The oldest article (last in the list, below the fold) gets its own image too.
    last = articles[0]
    html = client.get(last.get_absolute_url()).content.decode()
    img = re.search(r"<img [^>]*alt=\"Держпром\"[^>]*>", html).group(0)
    assert 'width="1600" height="900"' in img
    assert re.search(r'srcset="[^"]+480w, [^"]+800w, [^"]+1200w, [^"]+1600w"', img)
    assert 'sizes="' in img
    assert 'fetchpriority="high"' in img  # the cover of an article is above the fold
    if features.check("avif"):
        assert '<source type="image/avif" srcset="' in html
    listing = client.get("/news/").content.decode()
    card = re.search(r"<img [^>]*alt=\"Держпром\"[^>]*>", listing).group(0)
    assert 'loading="lazy"' in card  # fifth card of the list
    assert 'property="og:image" content="http://testserver/media/' in html


def test_a_new_image_under_an_old_name_gets_new_renditions(settings):
    def coloured(colour):
        buffer = io.BytesIO()
        Image.new("RGB", (600, 400), colour).save(buffer, "JPEG")
        return SimpleUploadedFile("cover.jpg", buffer.getvalue(), content_type="image/jpeg")

    first = ImageFactory(file=coloured("#ff0000"), alt_uk="Червоне")
    name = first.file.name
    first.file.delete(save=False)
    first.delete()
    second = ImageFactory(file=coloured("#0000ff"), alt_uk="Синє")
    assert second.file.name == name  # the storage reused the freed name
    _width, _height, rendition = second.file_renditions["formats"]["WEBP"][0]
    with Image.open(settings.MEDIA_ROOT / rendition) as image:
        red, _green, blue = image.convert("RGB").getpixel((10, 10))
    assert blue > 200 and red < 50
