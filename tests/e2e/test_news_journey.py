"""A resident reads the news and puts an event into their calendar; an editor writes news."""

import io
from datetime import timedelta

import icalendar
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from media.factories import ImageFactory
from news.factories import ArticleFactory, CategoryFactory, EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


def jpeg(size=(1200, 675)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#2e6f40").save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="cover.jpg")


@pytest.fixture
def content():
    programs = CategoryFactory(name_uk="Освітні програми", name_en="Educational programs")
    now = timezone.now()
    older = ArticleFactory(
        title_uk="Як визначають учасників програми SPACES",
        categories=[programs],
        publish_at=now - timedelta(days=3),
    )
    article = ArticleFactory(
        title_uk="Освітня програма SPACES",
        lead_uk="Участь у програмі безкоштовна.",
        body_uk="<h2>Що робитимуть учасники</h2><ul><li>навчаються</li></ul>",
        categories=[programs],
        publish_at=now - timedelta(days=1),
        cover=ImageFactory(file=jpeg(), alt_uk="Схема сусідніх громад"),
    )
    event = EventFactory(
        title_uk="Консультація для громад",
        starts_at=timezone.localtime(now + timedelta(days=7)).replace(
            hour=10, minute=0, second=0, microsecond=0
        ),
        ends_at=None,
        venue_uk="Держпром, 6 під’їзд",
        categories=[programs],
    )
    return older, article, event


def test_a_resident_reads_news_and_adds_an_event_to_the_calendar(page, content, assert_accessible):
    _older, article, event = content
    page.goto(page.base_url + "/news/")
    assert page.locator("h1").inner_text() == "Новини"
    assert_accessible(page)

    page.get_by_role("link", name="Освітня програма SPACES").click()
    page.wait_for_url(f"**/news/{article.slug}/")
    assert page.locator("h1").inner_text() == "Освітня програма SPACES"
    cover = page.get_by_alt_text("Схема сусідніх громад")
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
    assert cover.evaluate("img => img.currentSrc").endswith((".webp", ".avif"))
    assert page.get_by_role("link", name="Як визначають учасників програми SPACES").count() >= 1
    assert_accessible(page)

    page.get_by_role("navigation", name="Головне меню").get_by_role("link", name="Події").click()
    page.wait_for_url("**/events/")
    assert page.locator("h1").inner_text() == "Події"
    assert_accessible(page)

    page.get_by_role("link", name="Консультація для громад").click()
    page.wait_for_url(f"**/events/{event.slug}/")
    assert "10:00" in page.locator(".event-facts").inner_text()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Додати до календаря (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == f"{event.slug}.ics"
    calendar = icalendar.Calendar.from_ical(open(download.path(), "rb").read())
    (vevent,) = calendar.events
    assert str(vevent["summary"]) == "Консультація для громад"
    assert vevent.decoded("dtstart") == event.starts_at
    assert vevent.decoded("dtstart").tzinfo.key == "Europe/Kyiv"
    assert page.requests_elsewhere == []


def test_news_pages_fit_a_phone(page, content, assert_accessible):
    _older, article, event = content
    # A long word in a card beside its date box must wrap, not widen the page (as the demo's
    # "(демонстраційний приклад)" did on the home page and the events list).
    EventFactory(
        title_uk="День відкритих дверей Асоціації (демонстраційний приклад)",
        starts_at=event.starts_at + timedelta(days=1),
    )
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/news/", article.get_absolute_url(), "/events/", event.get_absolute_url(), "/"]:
        page.goto(page.base_url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways at 320 px"
    assert_accessible(page)
    assert page.requests_elsewhere == []


def test_an_editor_gets_the_slug_from_the_ukrainian_title_and_translation_tabs(
    page, live_server, django_user_model
):
    django_user_model.objects.create_superuser("editor", password="a-long-password-1")
    page.goto(page.base_url + "/admin/login/?next=/admin/news/article/add/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-password-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/news/article/add/")
    # modeltranslation's tabs, with jQuery UI served by the site itself
    assert page.locator(".ui-tabs").count() >= 1
    page.fill("#id_title_uk", "Харківщина і Згурівка")
    # not wait_for_function: it evaluates a string in the page, which the site's policy forbids
    expect(page.locator("#id_slug")).not_to_have_value("")
    assert page.input_value("#id_slug") == "kharkivshchyna-i-zghurivka"
    # a slug typed by hand is left alone
    page.fill("#id_slug", "my-own-slug")
    page.fill("#id_title_uk", "Інша назва")
    page.wait_for_timeout(600)
    assert page.input_value("#id_slug") == "my-own-slug"
    assert page.requests_elsewhere == []
