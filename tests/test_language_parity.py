"""Language parity (issue 11; docs/decisions/0014-language-parity.md): an English page never
silently shows Ukrainian text. An item complete in English is shown in English; one that is
not is left out of English lists, feeds, sitemaps and search, and its English address says,
in English, that the page is only in Ukrainian, with a link there."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from members.factories import CouncilFactory
from news.factories import ArticleFactory, EventFactory
from news.models import Article, Event
from programs.factories import ProgramFactory
from programs.models import Program
from search.models import SearchDocument

pytestmark = pytest.mark.django_db

NOTICE = "This page is only in Ukrainian."


def english(**fields):
    return {
        "title_en": "The Centre opens a new office",
        "lead_en": "Staff will receive visitors from Monday.",
        "body_en": "<p>The office is in Derzhprom.</p>",
        **fields,
    }


@pytest.fixture
def articles():
    translated = ArticleFactory(title_uk="Центр відкриває новий офіс", **english())
    untranslated = ArticleFactory(title_uk="Стаття лише українською")
    # English title and lead, but the Ukrainian text has no English: not complete.
    partial = ArticleFactory(
        title_uk="Частково перекладена стаття",
        title_en="Partly translated article",
        lead_en="A lead in English.",
    )
    return translated, untranslated, partial


def test_translated_keeps_items_complete_in_the_language(articles):
    translated, untranslated, partial = articles
    without_text = ArticleFactory(
        title_uk="Лише заголовок", lead_uk="", body_uk="", title_en="Only a title"
    )
    assert set(Article.objects.translated("en")) == {translated, without_text}
    assert set(Article.objects.untranslated("en")) == {untranslated, partial}
    assert set(Article.objects.translated("uk")) == {*articles, without_text}
    assert translated.is_translated("en") and without_text.is_translated("en")
    assert not untranslated.is_translated("en") and not partial.is_translated("en")


def test_english_lists_leave_out_items_without_english(client, articles):
    _translated, untranslated, _partial = articles

    english_list = client.get("/en/news/").content.decode()
    assert "The Centre opens a new office" in english_list
    assert "Стаття лише українською" not in english_list
    assert "Partly translated article" not in english_list
    assert untranslated.slug not in english_list

    ukrainian_list = client.get("/news/").content.decode()
    assert all(item.title_uk in ukrainian_list for item in articles)

    english_home = client.get("/en/").content.decode()
    assert "The Centre opens a new office" in english_home
    assert "Стаття лише українською" not in english_home


def test_english_lists_of_events_and_programs_leave_out_items_without_english(client):
    EventFactory(title_uk="Подія лише українською")
    EventFactory(title_uk="Подія з перекладом", **english(title_en="An event in English"))
    ProgramFactory(title_uk="Програма лише українською", accepting=True)
    ProgramFactory(
        title_uk="Програма з перекладом",
        title_en="A program in English",
        tagline_en="A tagline",
        summary_en="A summary.",
        eligibility_en="Neighbouring hromadas of Kharkiv oblast",
        accepting=True,
    )

    events = client.get("/en/events/").content.decode()
    assert "An event in English" in events and "Подія лише українською" not in events
    programs = client.get("/en/programs/").content.decode()
    assert "A program in English" in programs and "Програма лише українською" not in programs
    home = client.get("/en/").content.decode()
    assert "Подія лише українською" not in home and "Програма лише українською" not in home
    assert "Подія лише українською" in client.get("/events/").content.decode()
    assert "Програма лише українською" in client.get("/programs/").content.decode()


def test_the_english_page_of_an_untranslated_item_says_so_and_links_to_the_ukrainian(
    client, articles
):
    _translated, untranslated, partial = articles
    for item in (untranslated, partial):
        response = client.get(f"/en/news/{item.slug}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert NOTICE in html
        assert f'href="/news/{item.slug}/"' in html
        assert f'<span lang="uk">{item.title_uk}</span>' in html
        assert item.body_uk not in html  # no Ukrainian text passed off as English
        assert item.lead_uk not in html
        assert response["X-Robots-Tag"] == "noindex"

    event = EventFactory(title_uk="Подія лише українською")
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert NOTICE in html and event.body_uk not in html
    program = ProgramFactory(title_uk="Програма лише українською")
    html = client.get(f"/en/programs/{program.slug}/").content.decode()
    assert NOTICE in html and program.summary_uk not in html


def test_a_translated_item_shows_in_english_and_the_ukrainian_page_is_unchanged(client, articles):
    translated, untranslated, _partial = articles
    html = client.get(f"/en/news/{translated.slug}/").content.decode()
    assert "The office is in Derzhprom." in html and NOTICE not in html
    html = client.get(f"/news/{untranslated.slug}/").content.decode()
    assert untranslated.body_uk.split("</p>")[0] in html and NOTICE not in html


def test_english_feeds_leave_out_items_without_english(client, articles):
    english_feed = client.get("/en/news/feed/rss/").content.decode()
    assert "The Centre opens a new office" in english_feed
    assert "Стаття лише українською" not in english_feed
    assert "Partly translated article" not in english_feed
    assert "Стаття лише українською" in client.get("/news/feed/rss/").content.decode()

    event = EventFactory(title_uk="Подія лише українською")
    assert "Подія лише українською" not in client.get("/en/events/calendar.ics").content.decode()
    assert "Подія лише українською" in client.get("/events/calendar.ics").content.decode()
    # the event's own calendar entry: in Ukrainian only, never Ukrainian text under /en/
    assert client.get(f"/events/{event.slug}/calendar.ics").status_code == 200
    assert client.get(f"/en/events/{event.slug}/calendar.ics").status_code == 404


def test_the_sitemap_gives_no_english_address_or_alternate_for_an_untranslated_item(
    client, articles
):
    translated, untranslated, partial = articles
    xml = client.get("/sitemap-news.xml").content.decode()

    assert f"/news/{translated.slug}/</loc>" in xml
    assert f"/en/news/{translated.slug}/</loc>" in xml
    assert f'hreflang="en" href="http://testserver/en/news/{translated.slug}/"' in xml
    for item in (untranslated, partial):
        assert f"http://testserver/news/{item.slug}/</loc>" in xml
        assert f"/en/news/{item.slug}/" not in xml  # neither an address nor an alternate
    assert xml.count("<url>") == 4  # three in Ukrainian, one in English


def test_search_indexes_english_only_for_items_complete_in_english(articles):
    translated, untranslated, partial = articles
    english_keys = set(SearchDocument.objects.filter(language="en").values_list("key", flat=True))
    assert f"news.article:{translated.pk}" in english_keys
    assert f"news.article:{untranslated.pk}" not in english_keys
    assert f"news.article:{partial.pk}" not in english_keys


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_article", "change_article", "view_program", "change_program"]
        )
    )
    client.force_login(user)
    return client


def test_the_admin_filters_items_by_their_english_version(editor, articles):
    translated, untranslated, partial = articles
    missing = editor.get("/admin/news/article/?english=missing").content.decode()
    assert untranslated.title_uk in missing and partial.title_uk in missing
    assert translated.title_uk not in missing
    present = editor.get("/admin/news/article/?english=present").content.decode()
    assert translated.title_uk in present and untranslated.title_uk not in present
    listing = editor.get("/admin/news/article/").content.decode()
    assert "Англійська версія" in listing and "немає або неповна" in listing


def test_the_dashboard_lists_content_on_the_site_without_english(editor, articles):
    ProgramFactory(title_uk="Програма лише українською")
    Event.objects.all().delete()
    html = editor.get("/admin/").content.decode()
    assert "Без англійської версії" in html
    assert "новини: на сайті без повної англійської версії — 2" in html.lower()
    assert "/admin/news/article/?state=published&amp;english=missing" in html
    assert "на сайті без повної англійської версії — 1" in html  # the program
    assert Program.objects.untranslated("en").count() == 1


def test_the_dashboard_shows_no_english_panel_when_everything_is_translated(editor):
    ArticleFactory(**english())
    assert "Без англійської версії" not in editor.get("/admin/").content.decode()


def test_the_dashboard_panel_only_counts_what_the_user_may_change(client, django_user_model):
    ArticleFactory()
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    assert "Без англійської версії" not in client.get("/admin/").content.decode()


def test_the_english_page_of_a_council_leaves_out_its_ukrainian_only_text(client):
    council = CouncilFactory(
        name_en="Test Village Council",
        head_name_uk="Олена Коваленко",
        head_title_uk="сільська голова",
        description_uk="<p>Опис громади українською.</p>",
        address_uk="вул. Центральна, 1",
        address_en="1 Tsentralna St",
    )
    with translation.override("en"):
        url = council.get_absolute_url()
    with translation.override("uk"):
        ukrainian_url = council.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Олена Коваленко" not in page and "Опис громади" not in page
    assert "1 Tsentralna St" in page
    assert "only in Ukrainian" in page
    assert f'href="{ukrainian_url}"' in page
    ukrainian = client.get(ukrainian_url).content.decode()
    assert "Олена Коваленко" in ukrainian and "only in Ukrainian" not in ukrainian
