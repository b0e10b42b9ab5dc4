"""An editor places a media-library image inside rich text with the editor's button, in
Chromium under the site's policy; the page shows it from the library (decision 30)."""

import pytest
from playwright.sync_api import expect

from media.factories import ImageFactory
from news.models import Article

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_inserts_a_library_image_into_the_text_and_the_page_shows_it(
    page, live_server, django_user_model, assert_accessible
):
    django_user_model.objects.create_superuser("editor", password="a-long-password-1")
    image = ImageFactory(
        title="Держпром", alt_uk="Будівля Держпрому", caption_uk="Держпром навесні"
    )
    ImageFactory(title="Без опису", alt_uk="")  # not offered: no alt text yet
    page.goto(page.base_url + "/admin/login/?next=/admin/news/article/add/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-password-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/news/article/add/")
    page.fill("#id_title_uk", "Новина з зображенням у тексті")

    page.locator(".prose-editor button[title='Зображення з медіатеки']").first.click()
    dialog = page.get_by_role("dialog", name="Виберіть зображення з медіатеки")
    expect(dialog).to_be_visible()
    dialog.get_by_role("searchbox").fill("Держ")
    choice = dialog.get_by_role("button", name="Держпром")
    expect(choice).to_have_count(1)
    expect(dialog.get_by_role("button", name="Без опису")).to_have_count(0)
    choice.click()
    expect(dialog).to_have_count(0)
    preview = page.locator(".library-image-preview").first
    expect(preview).to_contain_text("Будівля Держпрому")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/news/article/")

    article = Article.objects.get(title_uk="Новина з зображенням у тексті")
    assert f'<figure data-library-image="{image.pk}"></figure>' in article.body_uk
    article.publish()
    page.goto(page.base_url + article.get_absolute_url())
    figure = page.locator(".prose figure.library-image")
    expect(figure.locator("img")).to_have_attribute("alt", "Будівля Держпрому")
    expect(figure).to_contain_text("Держпром навесні")
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert_accessible(page)
    assert page.requests_elsewhere == []
