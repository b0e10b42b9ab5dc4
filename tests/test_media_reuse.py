"""One library image in every use (issue 10, decision 0030): a cover of any content type, a
page block and a figure inside rich text; in the page's language; refused deletion naming
each place; a constant number of queries."""

import re

import pytest
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.richtext import sanitize_html
from legalhelp.factories import ConsultationFactory
from media import richtext
from media.factories import ImageFactory
from media.models import Image
from news.factories import ArticleFactory, EventFactory
from pages.factories import PageFactory, RichTextFactory
from pages.models import ImageBlock, Page
from programs.factories import ProgramFactory
from tests.helpers import site_queries

pytestmark = pytest.mark.django_db


def figure(image):
    return f'<figure data-library-image="{image.pk}"></figure>'


@pytest.fixture
def image():
    return ImageFactory(
        title="Держпром",
        alt_uk="Будівля Держпрому взимку",
        alt_en="The Derzhprom building in winter",
        caption_uk="Держпром, 2025",
        caption_en="Derzhprom, 2025",
        credit_uk="Олена Коваль",
        credit_en="Olena Koval",
        licence="CC BY 4.0",
        focus_x=30,
        focus_y=70,
    )


def img_tags(html, alt):
    return re.findall(rf'<img [^>]*alt="{re.escape(alt)}"[^>]*>', html)


def test_one_image_is_a_cover_a_block_and_a_figure_in_text_in_both_languages(client, image):
    article = ArticleFactory(english=True, cover=image, body_en="<p>Text.</p>")
    article.body_uk = f"<p>Текст.</p>{figure(image)}"
    article.body_en = f"<p>Text.</p>{figure(image)}"
    article.save()
    program = ProgramFactory(accepting=True, english=True, cover=image)
    about = PageFactory(slug="about", cover=image)
    ImageBlock.objects.create(parent=about, region="main", ordering=10, image=image)
    RichTextFactory(
        parent=about,
        text_uk=f"<p>Вступ.</p>{figure(image)}",
        text_en=f"<p>Intro.</p>{figure(image)}",
    )

    html = client.get(article.get_absolute_url()).content.decode()
    assert len(img_tags(html, "Будівля Держпрому взимку")) == 2  # the cover and the figure
    assert image.picture.srcset in html
    assert "Держпром, 2025" in html and "Олена Коваль" in html and "CC BY 4.0" in html
    english = client.get("/en" + article.get_absolute_url()).content.decode()
    assert len(img_tags(english, "The Derzhprom building in winter")) == 2
    assert "Будівля Держпрому" not in english and "Derzhprom, 2025" in english

    listing = client.get("/news/").content.decode()
    (card,) = img_tags(listing, "Будівля Держпрому взимку")
    assert "focus-x30 focus-y70" in card  # the crop of the card keeps the focal point
    program_html = client.get(program.get_absolute_url()).content.decode()
    assert img_tags(program_html, "Будівля Держпрому взимку")
    page_html = client.get("/about/").content.decode()
    assert len(img_tags(page_html, "Будівля Держпрому взимку")) == 3  # cover, block, text
    page_en = client.get("/en/about/").content.decode()
    assert len(img_tags(page_en, "The Derzhprom building in winter")) == 3

    assert Image.objects.count() == 1
    places = [place for _kind, place in image.usages()]
    assert {article, program, about} <= set(places)  # the covers, and the article's text
    assert places.count(article) == 2
    blocks = [place for place in places if getattr(place, "parent", None) == about]
    assert len(blocks) == 2  # the image block and the text block


def test_ukrainian_alt_on_an_english_page_is_marked_as_ukrainian(client):
    image = ImageFactory(alt_uk="Карта громад", alt_en="", caption_uk="Підпис", caption_en="")
    article = ArticleFactory(english=True, cover=image)
    ukrainian = client.get(article.get_absolute_url()).content.decode()
    assert 'lang="uk"' not in img_tags(ukrainian, "Карта громад")[0]
    html = client.get("/en" + article.get_absolute_url()).content.decode()
    (tag,) = img_tags(html, "Карта громад")
    assert 'lang="uk"' in tag
    assert '<span lang="uk">Підпис</span>' in html


def test_every_publishable_cover_is_a_library_image_with_alt_text_required():
    undescribed = ImageFactory(alt_uk="", alt_en="")
    for item in [
        ArticleFactory.build(cover=undescribed),
        EventFactory.build(cover=undescribed),
        ProgramFactory.build(cover=undescribed),
        ConsultationFactory.build(cover=undescribed),
        PageFactory.build(cover=undescribed),
    ]:
        with pytest.raises(Exception) as caught:
            item.full_clean()
        assert "не має альтернативного тексту" in str(caught.value), type(item)


def test_the_sanitizer_keeps_the_library_figure_and_nothing_more():
    html = (
        '<figure data-library-image="7" class="x" onclick="alert(1)">'
        '<img src="https://elsewhere.example/x.png"></figure>'
        '<img src="/media/a.png"><figure data-library-image="8" style="color:red"></figure>'
    )
    assert sanitize_html(html) == (
        '<figure data-library-image="7"></figure><figure data-library-image="8"></figure>'
    )


def test_a_figure_of_a_missing_or_undescribed_image_shows_nothing(image):
    undescribed = ImageFactory(alt_uk="")
    text = (
        f"<p>a</p>{figure(image)}"
        f'<figure data-library-image="999999"></figure>{figure(undescribed)}'
        '<figure data-library-image="x"></figure>'
    )
    rendered = richtext.render(text)
    assert rendered.count("<figure") == 1
    assert 'alt="Будівля Держпрому взимку"' in rendered
    assert richtext.render("<p>plain</p>") == "<p>plain</p>"


def test_deleting_an_image_in_use_is_refused_naming_each_place(admin_client, image):
    article = ArticleFactory(title_uk="Новина з обкладинкою", cover=image)
    page = PageFactory(title_uk="Сторінка з текстом")
    RichTextFactory(parent=page, text_uk=f"<p>Текст</p>{figure(image)}")
    program = ProgramFactory(title_uk="Програма з обкладинкою", cover=image)

    url = reverse("admin:media_image_delete", args=[image.pk])
    html = admin_client.get(url).content.decode()
    for place in ["Новина з обкладинкою", "Програма з обкладинкою", "Сторінка з текстом"]:
        assert place in html, place
    assert "(зображення в тексті)" in html
    admin_client.post(url, {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()

    # Only the text uses it now: still refused, in the admin and in code.
    article.cover = None
    article.save()
    program.delete()
    with pytest.raises(ProtectedError) as caught:
        Image.objects.get(pk=image.pk).delete()
    assert "Сторінка з текстом" in str(caught.value)
    action = admin_client.post(
        reverse("admin:media_image_changelist"),
        {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"},
    )
    assert action.status_code in (200, 302)
    assert Image.objects.filter(pk=image.pk).exists()


def test_queries_stay_constant_with_covers_and_figures(client):
    def count(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(site_queries(captured))

    about = PageFactory(slug="about", menu=Page.Menu.BOTH)
    page = PageFactory(parent=about, cover=ImageFactory())
    ArticleFactory(cover=ImageFactory())
    RichTextFactory(parent=page, text_uk=f"<p>a</p>{figure(ImageFactory())}")
    few = {path: count(path) for path in ["/", "/news/", page.get_absolute_url()]}
    for _ in range(6):
        shown = ImageFactory()
        ArticleFactory(cover=shown, body_uk=f"<p>b</p>{figure(shown)}")
        ProgramFactory(accepting=True, cover=shown)
        RichTextFactory(parent=page, text_uk=f"<p>c</p>{figure(ImageFactory())}")
    for path, before in few.items():
        assert count(path) == before <= 10, path
    assert count("/programs/") <= 10


def test_the_chooser_lists_described_images_to_staff_who_may_see_the_library(
    client, staff_client, admin_client, image
):
    ImageFactory(title="Без опису", alt_uk="")
    url = reverse("admin:media_image_chooser")
    assert client.get(url).status_code == 302  # to the admin's login
    assert staff_client.get(url).status_code == 403
    results = admin_client.get(url, {"q": "держ"}).json()["results"]
    assert [(row["id"], row["title"]) for row in results] == [(image.pk, "Держпром")]
    assert results[0]["thumbnail"].endswith(".webp")
    assert admin_client.get(url, {"q": "Без опису"}).json()["results"] == []
    assert admin_client.get(url, {"id": image.pk}).json()["results"][0]["id"] == image.pk


def test_the_editor_offers_the_library_image_button(admin_client):
    html = admin_client.get(reverse("admin:news_article_add")).content.decode()
    assert "media/admin/library-image.js" in html
    assert "LibraryImage" in html
    assert reverse("admin:media_image_chooser") in html
