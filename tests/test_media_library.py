"""The media library: an image uploaded once and reused, alt text required before use, the
focal point, renditions from the kit's pipeline, and no deleting an image in use."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError

from media.factories import ImageFactory, image_bytes
from media.models import Image
from pages.factories import PageFactory
from pages.models import ImageBlock

pytestmark = pytest.mark.django_db


def test_an_image_is_reused_on_several_pages_with_one_set_of_renditions(client):
    image = ImageFactory(alt_uk="Держпром узимку", caption_uk="Держпром")
    assert image.file_renditions["formats"]["WEBP"]  # made once, on save
    pages = [PageFactory(), PageFactory()]
    for page in pages:
        ImageBlock.objects.create(parent=page, region="main", ordering=10, image=image)
    for page in pages:
        html = client.get(page.get_absolute_url()).content.decode()
        assert 'alt="Держпром узимку"' in html
        assert image.picture.srcset in html
    assert Image.objects.count() == 1


def test_an_image_without_alt_text_cannot_be_used():
    image = ImageFactory(alt_uk="", alt_en="")
    block = ImageBlock(parent=PageFactory(), region="main", ordering=10, image=image)
    with pytest.raises(ValidationError) as caught:
        block.full_clean()
    assert "не має альтернативного тексту" in caught.value.message_dict["image"][0]


def test_deleting_an_image_in_use_is_refused_with_the_places_that_use_it(admin_client):
    image = ImageFactory(title="Фасад")
    page = PageFactory(title_uk="Про Центр")
    ImageBlock.objects.create(parent=page, region="main", ordering=10, image=image)
    with pytest.raises(ProtectedError):
        image.delete()
    assert [str(obj.parent) for _kind, obj in image.usages()] == ["Про Центр"]
    html = admin_client.get(f"/admin/media/image/{image.pk}/delete/").content.decode()
    assert "Про Центр" in html
    admin_client.post(f"/admin/media/image/{image.pk}/delete/", {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()
    change = admin_client.get(f"/admin/media/image/{image.pk}/change/").content.decode()
    assert "Про Центр" in change  # "where it is used"


def test_an_unused_image_can_be_deleted(admin_client):
    image = ImageFactory()
    admin_client.post(f"/admin/media/image/{image.pk}/delete/", {"post": "yes"})
    assert not Image.objects.exists()


def test_a_failed_upload_tells_staff_to_choose_the_file_again(admin_client):
    response = admin_client.post(
        "/admin/media/image/add/",
        {
            "title": "",  # required: the form comes back
            "file": SimpleUploadedFile("photo.png", image_bytes()),
            "focus_x": 50,
            "focus_y": 50,
        },
    )
    assert response.status_code == 200
    assert "choose the file again" in response.content.decode() or "ще раз" in (
        response.content.decode()
    )
    assert not Image.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_before_it_is_stored(admin_client):
    response = admin_client.post(
        "/admin/media/image/add/",
        {
            "title": "Логотип",
            "file": SimpleUploadedFile("logo.png", b"<svg onload=alert(1)></svg>"),
            "focus_x": 50,
            "focus_y": 50,
        },
    )
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_the_focal_point_places_every_crop():
    image = ImageFactory(focus_x=23, focus_y=88)
    assert image.focus_class == "focus-x20 focus-y90"
    with pytest.raises(ValidationError):
        ImageFactory.build(focus_x=120).full_clean()


def test_the_picker_searches_the_library(admin_client):
    ImageFactory(title="Держпром", alt_uk="Будівля")
    ImageFactory(title="Логотип")
    response = admin_client.get(
        "/admin/autocomplete/",
        {"term": "Держ", "app_label": "pages", "model_name": "imageblock", "field_name": "image"},
    )
    assert [result["text"] for result in response.json()["results"]] == ["Держпром"]
