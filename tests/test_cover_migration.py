"""Covers uploaded into items become media-library images (media.legacy_covers): with their
files, renditions and texts in both languages, identical files stored once, nothing lost,
and back again when the migrations are reversed."""

import io

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [
    ("news", "0003_event_cancelled"),
    ("pages", "0006_delete_oldpage"),
    ("programs", "0010_remove_old_document_model"),
    ("legalhelp", "0001_knowledge_base_and_desk"),
    ("documents", "0002_other_kind_and_legacy_file_types"),
]


def jpeg(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def stored(settings, name, content):
    path = settings.MEDIA_ROOT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return name


def texts(alt_uk, alt_en="", caption_uk="", credit_uk="", credit_en=""):
    return {
        "cover_alt": alt_uk,
        "cover_alt_uk": alt_uk,
        "cover_alt_en": alt_en,
        "cover_caption": caption_uk,
        "cover_caption_uk": caption_uk,
        "cover_credit": credit_uk,
        "cover_credit_uk": credit_uk,
        "cover_credit_en": credit_en,
    }


def test_covers_become_library_images_deduplicated_and_come_back(settings):
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        Article = old.get_model("news", "Article")
        Page = old.get_model("pages", "Page")
        blue = jpeg("#0a3a7a")
        first = stored(settings, "news/articles/2026/01/derzhprom.jpg", blue)
        copy = stored(settings, "news/articles/2026/02/derzhprom-copy.jpg", blue)  # same bytes
        other = stored(settings, "pages/pages/2026/01/map.jpg", jpeg("#ffd500"))
        renditions = {"source": first, "formats": {"WEBP": [[64, 36, "cache/a.webp"]]}}
        described = texts("Держпром", "Derzhprom", "Підпис", "Центр", "The Centre")

        def article(number, cover, **extra):
            return Article.objects.create(
                title=f"Новина {number}",
                title_uk=f"Новина {number}",
                slug=f"novyna-{number}",
                cover=cover,
                **extra,
            )

        a = article(
            1, first, cover_width=64, cover_height=36, cover_renditions=renditions, **described
        )
        b = article(2, copy, **described)  # the same file under another name, the same texts
        c = article(3, first, **texts("Держпром уночі"))  # the same file, other texts
        d = article(4, "")  # no cover
        e = article(5, "", **texts("Загублене"))
        # a file missing from the storage (set without the model, which would read its size;
        # the site stored the size with every cover)
        Article.objects.filter(pk=e.pk).update(
            cover="news/articles/missing.jpg", cover_width=64, cover_height=36
        )
        page = Page.objects.create(
            title="Карта", title_uk="Карта", slug="karta", path="/karta/", cover=other,
            **texts("Карта громад", "Map of hromadas"),
        )  # fmt: skip

        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        new = executor.loader.project_state(latest).apps
        LibraryImage = new.get_model("media", "Image")
        NewArticle = new.get_model("news", "Article")
        NewPage = new.get_model("pages", "Page")
        covers = {item.pk: item.cover for item in NewArticle.objects.select_related("cover")}
        assert covers[a.pk] == covers[b.pk]  # identical file and texts: one library image
        image = covers[a.pk]
        assert (image.file.name, image.width, image.height) == (first, 64, 36)
        assert image.file_renditions == renditions
        assert (image.alt_uk, image.alt_en, image.caption_uk) == ("Держпром", "Derzhprom", "Підпис")
        assert (image.credit_uk, image.credit_en, image.title) == (
            "Центр",
            "The Centre",
            "Новина 1",
        )
        assert covers[c.pk] != image and covers[c.pk].file.name == first  # texts kept apart
        assert covers[c.pk].alt_uk == "Держпром уночі"
        assert covers[d.pk] is None
        assert covers[e.pk].file.name == "news/articles/missing.jpg"
        page_cover = NewPage.objects.select_related("cover").get(pk=page.pk).cover
        assert (page_cover.file.name, page_cover.alt_en) == (other, "Map of hromadas")
        assert LibraryImage.objects.count() == 4
        assert (settings.MEDIA_ROOT / copy).exists()  # nothing removed

        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        back = executor.loader.project_state(BEFORE).apps
        restored = back.get_model("news", "Article").objects.get(pk=c.pk)
        assert (restored.cover.name, restored.cover_alt_uk) == (first, "Держпром уночі")
        restored = back.get_model("news", "Article").objects.get(pk=a.pk)
        assert (restored.cover_credit_en, restored.cover_renditions) == ("The Centre", renditions)
        restored_page = back.get_model("pages", "Page").objects.get(pk=page.pk)
        assert restored_page.cover.name == other
    finally:
        MigrationExecutor(connection).migrate(latest)
