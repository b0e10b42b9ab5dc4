import pytest

from news.factories import EventFactory
from pages.factories import PageFactory, RichTextFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def about_page():
    about = PageFactory(slug="about", title_uk="Про Центр", title_en="About the Centre")
    RichTextFactory(
        parent=about, text_uk="<p>Мета роботи Центру.</p>", text_en="<p>The Centre's purpose.</p>"
    )
    return about


def test_a_resident_switches_language_and_keeps_the_page(page, about_page, assert_accessible):
    page.goto(page.base_url + "/about/")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("h1").inner_text() == "Про Центр"
    assert_accessible(page)

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/about/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "About the Centre"
    assert_accessible(page)

    page.get_by_role("link", name="Українська").click()
    page.wait_for_url(page.base_url + "/about/")
    assert page.locator("h1").inner_text() == "Про Центр"
    assert page.requests_elsewhere == []


def test_keyboard_user_skips_to_the_content(page, about_page):
    page.goto(page.base_url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Перейти до основного вмісту")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


def test_home_and_error_pages_are_accessible_and_fit_a_phone(page, about_page, assert_accessible):
    # An upcoming event whose title has a long word, like the demo's "(демонстраційний приклад)".
    EventFactory(title_uk="Консультація з планування (демонстраційний приклад)")
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", "/en/", "/no-such-page/"]:
        page.goto(page.base_url + path)
        assert_accessible(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways at 320 px"
    assert page.requests_elsewhere == []


def test_a_visitor_hides_a_notice_in_place(page, about_page, assert_accessible):
    from pages.models import SiteNotice

    SiteNotice.objects.create(message_uk="Планові технічні роботи у суботу", severity="warning")
    page.goto(page.base_url + "/about/")
    notice = page.locator(".notice")
    assert "Планові технічні роботи у суботу" in notice.inner_text()
    # a banner across the page, not the programs section's narrow in-page .notice box
    assert notice.bounding_box()["width"] == page.evaluate("document.documentElement.clientWidth")
    assert_accessible(page)
    page.get_by_role("link", name="Приховати це оголошення").click()
    notice.wait_for(state="detached")
    assert page.url == page.base_url + "/about/"  # hidden in place, no reload elsewhere
    page.reload()
    assert page.locator(".notice").count() == 0


def test_event_lists_fit_a_phone(page):
    from news.factories import EventFactory

    EventFactory(
        title_uk="День відкритих дверей Асоціації (демонстраційний приклад)",
        lead_uk="Представники рад-членів знайомляться з роботою Центру.",
    )
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", "/events/"]:
        page.goto(page.base_url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways at 320 px"
        card = page.locator(".event-card").first.bounding_box()
        title = page.locator(".event-card .card__title a").first.bounding_box()
        assert title["x"] + title["width"] <= card["x"] + card["width"], f"{path}: title sticks out"


def test_a_table_that_scrolls_on_a_phone_can_be_reached_by_keyboard(page, assert_accessible):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + "/members/open-data/")
    wrap = page.locator(".table-wrap", has=page.get_by_text("Поля набору даних"))
    assert wrap.evaluate("wrap => wrap.scrollWidth > wrap.clientWidth")  # it does scroll
    assert wrap.get_attribute("tabindex") == "0"
    assert page.get_by_role("region", name="Поля набору даних").count() == 1
    assert_accessible(page)
    page.keyboard.press("Tab")
    wrap.focus()
    assert wrap.evaluate("wrap => wrap === document.activeElement")


def test_the_new_page_kinds_are_accessible_and_fit_a_phone(page, assert_accessible):
    """A page with every block, its section menu, the contacts page with its form, the
    documents library and a document."""
    from datetime import date

    from documents.factories import DocumentFactory, TopicFactory
    from media.factories import ImageFactory
    from pages.factories import ContactCardFactory, PageFactory, RichTextFactory
    from pages.models import CallToAction, DocumentsBlock, ImageBlock, Page

    about = PageFactory(slug="about", title_uk="Про Центр", menu=Page.Menu.BOTH)
    # one library image as the cover, an image block and a figure inside the text
    image = ImageFactory(caption_uk="Держпром", caption_en="Derzhprom", licence="CC BY 4.0")
    public = PageFactory(
        title_uk="Публічна інформація та звітність громад", parent=about, cover=image
    )
    contacts = PageFactory(title_uk="Контакти", parent=about, kind=Page.Kind.CONTACTS)
    PageFactory(slug="privacy", title_uk="Обробка даних", menu=Page.Menu.FOOTER)
    document = DocumentFactory(
        title_uk="Методичні рекомендації щодо співробітництва територіальних громад",
        number="15/2024",
        issued_on=date(2024, 5, 1),
        topics=[TopicFactory(name_uk="Співробітництво")],
    )
    figure = f'<figure data-library-image="{image.pk}"></figure>'
    RichTextFactory(
        parent=public,
        text_uk=f"<h2>Запити</h2><p>Надсилайте запити.</p>{figure}",
        text_en=f"<h2>Requests</h2><p>Send requests.</p>{figure}",
    )
    ImageBlock.objects.create(parent=public, region="main", ordering=20, image=image)
    block = DocumentsBlock.objects.create(
        parent=public, region="main", ordering=30, heading_uk="Документи"
    )
    block.documents.set([document])
    ContactCardFactory(parent=public, ordering=40, phone="+380 57 000 00 00", email="a@example.org")
    CallToAction.objects.create(
        parent=public,
        region="main",
        ordering=50,
        text_uk="Усі документи — у бібліотеці.",
        link_label_uk="Бібліотека документів",
        url_uk="/documents/",
    )
    ContactCardFactory(parent=contacts)
    paths = [
        public.get_absolute_url(),
        contacts.get_absolute_url(),
        "/documents/",
        document.get_absolute_url(),
        "/en/documents/",
        "/en" + contacts.get_absolute_url(),
        "/en" + public.get_absolute_url(),
    ]
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for path in paths:
            page.goto(page.base_url + path)
            assert_accessible(page)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways at {width} px"
    # The contact form with its errors is accessible too.
    page.goto(page.base_url + contacts.get_absolute_url())
    page.get_by_role("button", name="Надіслати повідомлення").click()
    page.wait_for_selector(".error-summary")
    assert_accessible(page)
    assert page.requests_elsewhere == []
