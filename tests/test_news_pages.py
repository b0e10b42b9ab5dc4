"""The public pages of news and events: content, filters, previews, metadata, query counts."""

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.models import Council, TerritorialUnit
from news.factories import ArticleFactory, CategoryFactory, EventFactory
from news.models import Article, Event
from programs.models import Program
from tests.helpers import breadcrumbs, external_resources, site_queries, sitemap_xml

pytestmark = pytest.mark.django_db
KYIV = ZoneInfo("Europe/Kyiv")


def kyiv(*args):
    return datetime(*args, tzinfo=KYIV)


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text_of(html):
    """The text a reader sees: tags removed, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def card_headings(html):
    """The heading element of each card, in order: the cards must fit the page's outline."""
    return re.findall(r'<(h[1-6]) class="card__title"', html)


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture
def raion_with_council():
    raion = TerritorialUnit.objects.create(
        code="UA63020000000066931", category="P", name="Богодухівський", name_en="Bohodukhiv"
    )
    hromada = TerritorialUnit.objects.create(
        code="UA63020010000079018", category="H", name="Богодухівська", parent=raion
    )
    council = Council.objects.create(
        unit=hromada, kind="hromada", name="Богодухівська міська рада", slug="bohodukhivska"
    )
    return raion, council


# --- the news list ---


def test_news_list_is_newest_first_twelve_a_page_with_numbered_pages(client):
    with time_machine.travel(kyiv(2024, 6, 1, 12, 0), tick=False):
        for day in range(1, 15):
            ArticleFactory(title_uk=f"Новина {day:02d}", publish_at=kyiv(2024, 5, day, 10, 0))
        html = html_of(client.get("/news/"))
        titles = re.findall(r'class="card__title"><a href="[^"]+">([^<]+)<', html)
        assert titles == [f"Новина {day:02d}" for day in range(14, 2, -1)]
        assert card_headings(html) == ["h2"] * 12
        assert "14 новин" in html
        assert 'href="?page=2"' in html
        assert 'aria-current="page"><span class="visually-hidden">Сторінка </span>1<' in html
        second = html_of(client.get("/news/?page=2"))
        titles = re.findall(r'class="card__title"><a href="[^"]+">([^<]+)<', second)
        assert titles == ["Новина 02", "Новина 01"]
        assert "<title>Новини — сторінка 2 — Центр розвитку громад</title>" in second


def test_news_list_filters_by_category_and_year(client):
    elections = CategoryFactory(name_uk="Вибори", slug="vybory")
    programs = CategoryFactory(name_uk="Освітні програми", slug="osvitni-prohramy")
    ArticleFactory(title_uk="Вибори 2020", categories=[elections], publish_at=kyiv(2020, 11, 1))
    ArticleFactory(title_uk="Програма 2020", categories=[programs], publish_at=kyiv(2020, 2, 1))
    ArticleFactory(title_uk="Вибори 2021", categories=[elections], publish_at=kyiv(2021, 1, 1))
    # A year is the Kyiv year: 31 December 23:30 in Kyiv is still 2019 there.
    ArticleFactory(title_uk="Новий рік", publish_at=kyiv(2019, 12, 31, 23, 30))

    def titles(query):
        html = html_of(client.get("/news/" + query))
        return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)<', html)

    assert titles("?category=vybory") == ["Вибори 2021", "Вибори 2020"]
    assert titles("?year=2020") == ["Вибори 2020", "Програма 2020"]
    assert titles("?category=vybory&year=2020") == ["Вибори 2020"]
    assert titles("?year=2019") == ["Новий рік"]
    html = html_of(client.get("/news/?category=vybory&year=2021"))
    assert '<option value="vybory" selected>Вибори</option>' in html
    assert '<option value="2021" selected>2021</option>' in html
    assert "Показати всі новини" in html


def test_news_pages_keep_the_filters(client):
    elections = CategoryFactory(name_uk="Вибори", slug="vybory")
    for day in range(1, 15):
        ArticleFactory(categories=[elections], publish_at=kyiv(2020, 5, day, 10, 0))
    html = html_of(client.get("/news/?category=vybory&year=2020"))
    assert 'rel="next" href="?category=vybory&amp;year=2020&amp;page=2"' in html
    second = html_of(client.get("/news/?category=vybory&year=2020&page=2"))
    assert 'rel="prev" href="?category=vybory&amp;year=2020&amp;page=1"' in second


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=-1",
        "page=abc",
        "page=1.5",
        "page=99999",
        "page=99999999999999999999999999",
        "page=%00",
        "page=",
        "page=last",
        "category=no-such-category",
        "category=%27%22%3E%3Cscript%3E",
        "category=",
        "category=vybory&category=other",
        "year=abc",
        "year=1800",
        "year=-2020",
        "year=99999999999999999999999999",
        "year=2020.5",
        "year=",
        "raion=UA00000000000000000",
        "raion=%00",
        "raion=",
        "unknown=1",
    ],
)
@pytest.mark.parametrize("path", ["/news/", "/events/", "/en/news/"])
def test_bad_query_parameters_give_200_or_404_never_500(client, path, query):
    elections = CategoryFactory(name_uk="Вибори", slug="vybory")
    ArticleFactory(categories=[elections], publish_at=kyiv(2020, 11, 1))
    EventFactory(categories=[elections])
    response = client.get(f"{path}?{query}")
    assert response.status_code in (200, 404)


def test_an_unknown_filter_value_is_a_404_in_the_visitors_language(client):
    response = client.get("/news/?category=no-such-category")
    assert response.status_code == 404
    assert "Сторінку не знайдено" in response.content.decode()


# --- an article ---


def canonical_and_og_url(html):
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    og_url = re.search(r'<meta property="og:url" content="([^"]+)">', html).group(1)
    assert og_url == canonical
    return canonical.replace("&amp;", "&")


def test_each_page_of_a_list_is_its_own_canonical_page(client, raion_with_council):
    """Page 2 pointing its canonical at page 1 would hide the older news from search engines;
    filters keep theirs, anything else in the query string is dropped."""
    raion, council = raion_with_council
    elections = CategoryFactory(name_uk="Вибори", slug="vybory")
    for day in range(1, 15):
        ArticleFactory(categories=[elections], publish_at=kyiv(2020, 5, day))
        EventFactory(categories=[elections], councils=[council], starts_at=kyiv(2020, 5, day))

    def canonical(url):
        return canonical_and_og_url(html_of(client.get(url)))

    assert canonical("/news/") == "http://testserver/news/"
    assert canonical("/news/?page=1") == "http://testserver/news/"
    assert canonical("/news/?page=2") == "http://testserver/news/?page=2"
    assert (
        canonical("/news/?year=2020&utm_source=mail&category=vybory&page=2")
        == "http://testserver/news/?category=vybory&year=2020&page=2"
    )
    assert canonical("/en/news/?category=vybory") == "http://testserver/en/news/?category=vybory"
    assert (
        canonical(f"/events/?page=2&raion={raion.code}&category=")
        == f"http://testserver/events/?raion={raion.code}&page=2"
    )


def test_article_page_shows_everything_a_resident_reads(client):
    category = CategoryFactory(name_uk="Освітні програми", slug="osvitni-prohramy")
    older = ArticleFactory(
        title_uk="Старіша новина", categories=[category], publish_at=kyiv(2020, 1, 10)
    )
    article = ArticleFactory(
        title_uk="Програма SPACES",
        lead_uk="Участь у програмі безкоштовна.",
        body_uk="<h2>Що робитимуть учасники</h2><ul><li>навчаються</li></ul>",
        categories=[category],
        publish_at=kyiv(2020, 2, 3, 11, 0),
    )
    newer = ArticleFactory(title_uk="Новіша новина", publish_at=kyiv(2020, 3, 1))
    html = html_of(client.get(article.get_absolute_url()))
    assert "<h1>Програма SPACES</h1>" in html
    assert '<p class="lead">Участь у програмі безкоштовна.</p>' in html
    assert "<h2>Що робитимуть учасники</h2><ul><li>навчаються</li></ul>" in html
    assert '<time datetime="2020-02-03T11:00:00+02:00">3 лютого 2020</time>' in html
    assert 'href="/news/?category=osvitni-prohramy">Освітні програми</a>' in html
    assert f'href="{older.get_absolute_url()}" rel="prev">Старіша новина</a>' in html
    assert f'href="{newer.get_absolute_url()}" rel="next">Новіша новина</a>' in html
    related = html.split('id="related-title"')[1]
    assert "Старіша новина" in related and "Новіша новина" not in related
    # Share links are plain links: no script or frame from the networks.
    assert "https://t.me/share/url?url=http%3A%2F%2Ftestserver%2Fnews%2F" in html
    assert "https://www.facebook.com/sharer/sharer.php?u=" in html
    assert external_resources(html) == []
    assert "<script src" not in html


def test_article_and_event_pages_lead_back_to_their_lists(client):
    article = ArticleFactory(title_uk="Новина громади")
    event = EventFactory(title_uk="Семінар громади")
    assert breadcrumbs(html_of(client.get(article.get_absolute_url()))) == [
        ("/", "Головна"),
        ("/news/", "Новини"),
        (None, "Новина громади"),
    ]
    assert breadcrumbs(html_of(client.get(event.get_absolute_url()))) == [
        ("/", "Головна"),
        ("/events/", "Події"),
        (None, "Семінар громади"),
    ]


def test_related_cards_are_headed_under_their_section(client):
    category = CategoryFactory()
    article = ArticleFactory(categories=[category])
    ArticleFactory(categories=[category])
    event = EventFactory()
    EventFactory()
    assert card_headings(html_of(client.get(article.get_absolute_url()))) == ["h3"]
    assert card_headings(html_of(client.get(event.get_absolute_url()))) == ["h3"]


def test_an_article_without_english_says_so_in_english(client):
    article = ArticleFactory(title_uk="Лише українською", title_en="", lead_uk="Вступ")
    translated = ArticleFactory(title_uk="Перекладена", title_en="Translated", english=True)
    html = html_of(client.get("/en/news/" + article.slug + "/"))
    assert '<html lang="en">' in html
    # Not its Ukrainian text under an English address (decision 0014): a notice and a link.
    assert "<h1>Only in Ukrainian</h1>" in html
    assert "Вступ" not in html
    assert f'href="/news/{article.slug}/"' in html
    translated_html = html_of(client.get("/en/news/" + translated.slug + "/"))
    assert "<h1>Translated</h1>" in translated_html
    assert "Share" in translated_html


def test_article_metadata_opengraph_json_ld_canonical_hreflang(client):
    article = ArticleFactory(
        title_uk="Підсумки виборів", lead_uk="Обрано 56 голів.", publish_at=kyiv(2020, 11, 16)
    )
    html = html_of(client.get(article.get_absolute_url()))
    url = f"http://testserver/news/{article.slug}/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver/en/news/{article.slug}/">'
        in html
    )
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Підсумки виборів">' in html
    assert '<meta property="og:description" content="Обрано 56 голів.">' in html
    assert '<meta property="article:published_time" content="2020-11-16T00:00:00+02:00">' in html
    (data,) = json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Підсумки виборів"
    assert data["datePublished"] == "2020-11-15T22:00:00+00:00"
    assert data["url"] == url
    assert data["publisher"]["@type"] == "Organization"
    assert data["inLanguage"] == "uk"
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert '<link rel="alternate" type="text/calendar"' in html


# --- drafts and scheduled items: 404 for the public, a preview for staff ---


@pytest.fixture
def unpublished(request):
    factory = {"article": ArticleFactory, "event": EventFactory}[request.param[0]]
    if request.param[1] == "draft":
        return factory(title_uk="Чернетка", status=Article.Status.DRAFT, publish_at=None)
    return factory(title_uk="Заплановано", publish_at=kyiv(2099, 1, 1, 9, 0))


@pytest.mark.parametrize(
    "unpublished",
    [("article", "draft"), ("article", "scheduled"), ("event", "draft"), ("event", "scheduled")],
    indirect=True,
)
def test_unpublished_items_404_for_the_public_and_are_a_preview_for_staff(
    client, django_user_model, unpublished
):
    url = unpublished.get_absolute_url()
    assert client.get(url).status_code == 404

    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    client.force_login(clerk)
    assert client.get(url).status_code == 404  # staff without the permission to view it

    name = unpublished._meta.model_name
    clerk.user_permissions.add(Permission.objects.get(codename=f"view_{name}"))
    response = client.get(url)
    html = html_of(response)
    assert "Попередній перегляд." in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "private" in response["Cache-Control"]
    if unpublished.is_scheduled:
        assert "відвідувачі побачать її з 1 січня 2099, 09:00" in html
    else:
        assert "Це чернетка: її бачать лише працівники." in html
    # Previews never leak into the lists, feeds or sitemap, even for staff.
    for public in ["/news/", "/events/", "/news/feed/rss/", "/events/calendar.ics"]:
        assert unpublished.slug not in client.get(public).content.decode(), public
    assert unpublished.slug not in sitemap_xml(client)


# --- events ---


def test_events_list_upcoming_soonest_first_then_past_grouped_by_month(client):
    with time_machine.travel(kyiv(2024, 6, 10, 12, 0), tick=False):
        published = kyiv(2024, 1, 1)
        EventFactory(title_uk="Липнева", starts_at=kyiv(2024, 7, 2, 10), publish_at=published)
        EventFactory(title_uk="Червнева", starts_at=kyiv(2024, 6, 20, 10), publish_at=published)
        EventFactory(
            title_uk="Сьогоднішня",
            starts_at=kyiv(2024, 6, 10, 9),
            ends_at=kyiv(2024, 6, 10, 18),
            publish_at=published,
        )
        EventFactory(title_uk="Травнева", starts_at=kyiv(2024, 5, 20, 10), publish_at=published)
        EventFactory(title_uk="Давня", starts_at=kyiv(2023, 10, 25, 10), publish_at=published)
        html = html_of(client.get("/events/"))
    upcoming, past = html.split('id="past-title"')
    assert re.findall(r'class="card__title"><a href="[^"]+">([^<]+)<', upcoming) == [
        "Сьогоднішня",
        "Червнева",
        "Липнева",
    ]
    assert re.findall(r'class="card__title"><a href="[^"]+">([^<]+)<', past) == [
        "Травнева",
        "Давня",
    ]
    # Under "Upcoming" and "Past" (h2): the months (h3), then their events (h4).
    assert re.findall(r'<(h[1-6]) class="month-heading"', html) == ["h3"] * 4
    assert card_headings(html) == ["h4"] * 5
    assert re.findall(r'class="month-heading">([^<]+)<', html) == [
        "Червень 2024",
        "Липень 2024",
        "Травень 2024",
        "Жовтень 2023",
    ]
    assert "10 червня 2024, 09:00–18:00 · Держпром" in text_of(upcoming)


# The shapes of "when" (news_tags.event_when), in the formats of each language: the same
# markup the template of date filters gave before it (the microseconds of a time set in
# admin are not in the datetime attribute, which the HTML checker would reject).
WHEN = {
    "with an end": (
        kyiv(2024, 7, 15, 10, 0, 0, 1234),
        kyiv(2024, 7, 15, 13, 0),
        False,
        '<time datetime="2024-07-15T10:00:00+03:00">15 липня 2024, 10:00</time>'
        '–<time datetime="2024-07-15T13:00:00+03:00">13:00</time>',
        '<time datetime="2024-07-15T10:00:00+03:00">15 July 2024, 10:00</time>'
        '–<time datetime="2024-07-15T13:00:00+03:00">13:00</time>',
    ),
    "without an end": (
        kyiv(2024, 7, 15, 10, 0),
        None,
        False,
        '<time datetime="2024-07-15T10:00:00+03:00">15 липня 2024, 10:00</time>',
        '<time datetime="2024-07-15T10:00:00+03:00">15 July 2024, 10:00</time>',
    ),
    "several days": (
        kyiv(2024, 7, 15, 10, 0),
        kyiv(2024, 7, 16, 13, 0),
        False,
        '<time datetime="2024-07-15T10:00:00+03:00">15 липня 2024, 10:00</time>'
        ' – <time datetime="2024-07-16T13:00:00+03:00">16 липня 2024, 13:00</time>',
        '<time datetime="2024-07-15T10:00:00+03:00">15 July 2024, 10:00</time>'
        ' – <time datetime="2024-07-16T13:00:00+03:00">16 July 2024, 13:00</time>',
    ),
    "all day": (
        kyiv(2024, 7, 15, 10, 0),
        None,
        True,
        '<time datetime="2024-07-15">15 липня 2024</time>',
        '<time datetime="2024-07-15">15 July 2024</time>',
    ),
    "several whole days": (
        kyiv(2024, 7, 15, 0, 0),
        kyiv(2024, 7, 16, 0, 0),
        True,
        '<time datetime="2024-07-15">15 липня 2024</time>'
        ' – <time datetime="2024-07-16">16 липня 2024</time>',
        '<time datetime="2024-07-15">15 July 2024</time>'
        ' – <time datetime="2024-07-16">16 July 2024</time>',
    ),
}


@pytest.mark.parametrize("shape", WHEN)
def test_event_cards_and_pages_say_when_in_the_formats_of_the_language(client, shape):
    starts_at, ends_at, all_day, ukrainian, english = WHEN[shape]
    event = EventFactory(
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day,
        publish_at=kyiv(2024, 1, 1),
        english=True,
    )
    for path, when in (("", ukrainian), ("/en", english)):
        with time_machine.travel(kyiv(2024, 7, 1), tick=False):
            cards = html_of(client.get(f"{path}/events/"))
        page = html_of(client.get(f"{path}/events/{event.slug}/"))
        assert f'<p class="card__meta">{when}' in cards
        assert f"<dd>{when}" in page


def test_events_filter_by_category_and_by_raion(client, raion_with_council):
    raion, council = raion_with_council
    seminars = CategoryFactory(name_uk="Семінари", slug="seminary")
    EventFactory(title_uk="Семінар у громаді", categories=[seminars], councils=[council])
    EventFactory(title_uk="Семінар у Центрі", categories=[seminars])
    EventFactory(title_uk="Зустріч у громаді", councils=[council])

    def titles(query):
        html = html_of(client.get("/events/" + query))
        return sorted(re.findall(r'class="card__title"><a href="[^"]+">([^<]+)<', html))

    assert titles("?category=seminary") == ["Семінар у Центрі", "Семінар у громаді"]
    assert titles(f"?raion={raion.code}") == ["Зустріч у громаді", "Семінар у громаді"]
    assert titles(f"?raion={raion.code}&category=seminary") == ["Семінар у громаді"]
    html = html_of(client.get("/events/"))
    assert f'<option value="{raion.code}">Богодухівський</option>' in html


def options(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r"<option [^>]*>([^<]+)</option>", select)


def test_raions_councils_and_categories_follow_the_alphabet_of_the_page(client):
    """Code-point order (the database's own) would put "Ізюмський" before "Богодухівський"."""
    councils = []
    for number, (raion, council, slug) in enumerate(
        [
            ("Ізюмський", "Ізюмська міська рада", "iziumska"),
            ("Богодухівський", "Богодухівська міська рада", "bohodukhivska"),
        ]
    ):
        raion = TerritorialUnit.objects.create(
            code=f"UA630{number}0000000000001", category="P", name=raion, name_en=slug[:5]
        )
        hromada = TerritorialUnit.objects.create(
            code=f"UA630{number}0010000000001", category="H", name=council.split()[0], parent=raion
        )
        councils.append(
            Council.objects.create(unit=hromada, kind="hromada", name=council, slug=slug)
        )
    history = CategoryFactory(name_uk="Історія", name_en="History", slug="istoriia")
    budget = CategoryFactory(name_uk="Бюджет", name_en="Budget", slug="biudzhet")
    event = EventFactory(categories=[history, budget], councils=councils, english=True)
    article = ArticleFactory(categories=[history, budget])

    events = html_of(client.get("/events/"))
    assert options(events, "raion") == ["Усі райони", "Богодухівський", "Ізюмський"]
    assert options(events, "category") == ["Усі категорії", "Бюджет", "Історія"]
    assert re.findall(r'<li class="tag">([^<]+)<', events) == ["Бюджет", "Історія"]
    page = html_of(client.get(event.get_absolute_url()))
    # The event's councils (not the footer's link to the association's page).
    assert re.findall(r'<li><a href="/members/(?!association/)[^"]+">([^<]+)<', page) == [
        "Богодухівська міська рада",
        "Ізюмська міська рада",
    ]
    assert re.findall(r'class="tag" href="[^"]+">([^<]+)<', page) == ["Бюджет", "Історія"]
    news = html_of(client.get(article.get_absolute_url()))
    assert re.findall(r'class="tag" href="[^"]+">([^<]+)<', news) == ["Бюджет", "Історія"]
    assert options(html_of(client.get("/news/")), "category") == [
        "Усі категорії",
        "Бюджет",
        "Історія",
    ]
    # English pages sort the English names
    english = html_of(client.get("/en/events/"))
    assert options(english, "raion") == ["All raions", "bohod", "izium"]
    assert options(english, "category") == ["All categories", "Budget", "History"]


def test_event_page_gives_date_time_place_registration_and_calendar(client, raion_with_council):
    _raion, council = raion_with_council
    program = Program.objects.create(title="SPACES", slug="spaces")
    with time_machine.travel(kyiv(2024, 6, 1, 12, 0), tick=False):
        event = EventFactory(
            title_uk="Консультація",
            starts_at=kyiv(2024, 7, 15, 10, 0),
            ends_at=kyiv(2024, 7, 15, 13, 0),
            venue_uk="Держпром, 6 під’їзд",
            address_uk="майдан Свободи, 5, Харків",
            online_url="https://example.org/join",
            registration_url="https://example.org/register",
            registration_deadline=kyiv(2024, 7, 12, 18, 0),
            program=program,
            councils=[council],
            publish_at=kyiv(2024, 5, 1),
        )
        html = html_of(client.get(event.get_absolute_url()))
    assert "<h1>Консультація</h1>" in html
    assert "15 липня 2024, 10:00–13:00 (за київським часом)" in text_of(html)
    assert "Держпром, 6 під’їзд<br>майдан Свободи, 5, Харків" in html
    assert (
        'href="https://example.org/register" rel="noopener noreferrer">Зареєструватися</a>' in html
    )
    assert "до 12 липня 2024, 18:00" in html
    assert 'href="/programs/spaces/">SPACES</a>' in html
    assert 'href="/members/bohodukhivska/">Богодухівська міська рада</a>' in html
    assert f'href="/events/{event.slug}/calendar.ics"' in html
    assert "Додати до календаря (.ics)" in html
    (data,) = json_ld(html)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2024-07-15T10:00:00+03:00"
    assert data["endDate"] == "2024-07-15T13:00:00+03:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"][0]["address"]["streetAddress"] == "майдан Свободи, 5, Харків"
    assert data["location"][1] == {"@type": "VirtualLocation", "url": "https://example.org/join"}
    with time_machine.travel(kyiv(2024, 7, 13, 12, 0), tick=False):
        html = html_of(client.get(event.get_absolute_url()))
    assert "Реєстрацію завершено." in html


def test_an_all_day_event_shows_dates_only(client):
    event = EventFactory(
        title_uk="Місцеві вибори",
        starts_at=kyiv(2020, 10, 25, 8, 0),
        ends_at=None,
        all_day=True,
        publish_at=kyiv(2020, 10, 1),
    )
    html = html_of(client.get(event.get_absolute_url()))
    assert '<time datetime="2020-10-25">25 жовтня 2020</time>' in html
    assert "08:00" not in html
    assert "Подія вже відбулася" in html
    assert json_ld(html)[0]["startDate"] == "2020-10-25"


# --- the home page ---


def test_home_shows_the_latest_four_news_and_the_next_three_events(client):
    with time_machine.travel(kyiv(2024, 6, 1, 12, 0), tick=False):
        for day in range(1, 7):
            ArticleFactory(title_uk=f"Новина {day}", publish_at=kyiv(2024, 5, day))
        for day in range(1, 6):
            EventFactory(
                title_uk=f"Подія {day}",
                starts_at=kyiv(2024, 6, 10 + day, 10),
                publish_at=kyiv(2024, 5, 1),
            )
        EventFactory(
            title_uk="Минула подія", starts_at=kyiv(2024, 5, 10, 10), publish_at=kyiv(2024, 5, 1)
        )
        html = html_of(client.get("/"))
    news, events = html.split('id="home-news-title"')[1].split('id="home-events-title"')
    assert card_headings(news) == ["h3"] * 4
    assert card_headings(events) == ["h3"] * 3
    assert re.findall(r'class="card__title"><a href="[^"]+">([^<]+)<', news) == [
        "Новина 6",
        "Новина 5",
        "Новина 4",
        "Новина 3",
    ]
    assert re.findall(r'class="card__title"><a href="[^"]+">([^<]+)<', events) == [
        "Подія 1",
        "Подія 2",
        "Подія 3",
    ]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_home_page_lets_feed_readers_find_the_feeds(client, prefix):
    """A reader given just the site's address discovers the feeds from the home page."""
    html = html_of(client.get(f"{prefix}/"))
    alternates = re.findall(
        r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)"', html
    )
    assert alternates == [
        ("application/rss+xml", f"{prefix}/news/feed/rss/"),
        ("application/atom+xml", f"{prefix}/news/feed/atom/"),
        ("text/calendar", f"{prefix}/events/calendar.ics"),
    ]
    for _type, url in alternates:
        assert client.get(url).status_code == 200


def test_home_sections_are_hidden_when_empty(client):
    ArticleFactory(status=Article.Status.DRAFT)
    EventFactory(starts_at=kyiv(2020, 1, 1), publish_at=kyiv(2019, 1, 1))
    html = html_of(client.get("/"))
    assert "Останні новини" not in html
    assert "Найближчі події" not in html


# --- sitemap ---


def test_sitemap_lists_published_news_and_events_in_both_languages_with_lastmod(client):
    article = ArticleFactory(publish_at=kyiv(2020, 11, 16), english=True)
    event = EventFactory(english=True)
    draft = ArticleFactory(status=Article.Status.DRAFT)
    xml = sitemap_xml(client)
    for url in [f"/news/{article.slug}/", f"/events/{event.slug}/", "/news/", "/events/"]:
        assert f"<loc>http://testserver{url}</loc>" in xml
        assert f"<loc>http://testserver/en{url}</loc>" in xml
    assert draft.slug not in xml
    entry = xml.split(f"<loc>http://testserver/news/{article.slug}/</loc>")[1].split("</url>")[0]
    assert f"<lastmod>{timezone.localdate(article.updated_at):%Y-%m-%d}</lastmod>" in entry


# --- a constant number of SQL queries, at most 10, with few and with many items ---


def populate(count, category, council, program):
    for index in range(count):
        ArticleFactory(categories=[category], publish_at=kyiv(2020, 1, 1) + timedelta(hours=index))
        EventFactory(
            categories=[category],
            councils=[council],
            program=program,
            starts_at=kyiv(2030, 1, 1) + timedelta(days=index),
        )
        EventFactory(
            categories=[category],
            councils=[council],
            starts_at=kyiv(2020, 1, 1) + timedelta(days=index),
        )


def test_the_filters_choices_follow_publishing_and_the_clock(client):
    """Categories and years are read once per content version: a new article's category
    and year show on the next request, and so does a scheduled one's when its time comes."""

    def options(html):
        return re.findall(r'<option value="([^"]*)"', html)

    with time_machine.travel(kyiv(2026, 12, 31, 23, 0), tick=False):
        ArticleFactory(
            publish_at=kyiv(2025, 3, 1), categories=[CategoryFactory(name_uk="Ради", slug="rady")]
        )
        assert options(html_of(client.get("/news/"))) == ["", "rady", "", "2025"]
        ArticleFactory(
            publish_at=kyiv(2023, 3, 1),
            categories=[CategoryFactory(name_uk="Вибори", slug="vybory")],
        )
        ArticleFactory(publish_at=kyiv(2027, 1, 1, 0, 30), title_uk="Новорічна")
        html = html_of(client.get("/news/"))
        assert options(html) == ["", "vybory", "rady", "", "2025", "2024", "2023"]
        assert "Новорічна" not in html
    with time_machine.travel(kyiv(2027, 1, 1, 0, 31), tick=False):
        html = html_of(client.get("/news/"))
        assert options(html)[4:6] == ["2027", "2026"]
        assert "Новорічна" in html


def test_a_later_page_reads_its_keys_first_and_keeps_the_order_and_categories(client):
    """core.pagination: page 3's cards are the plain OFFSET's, in order, each with its
    categories, in the same number of queries with 40 articles or 80."""
    elections = CategoryFactory(name_uk="Вибори", slug="vybory")
    councils = CategoryFactory(name_uk="Ради", slug="rady")

    def add(count, start):
        for index in range(start, start + count):
            # Every third pair shares a publication time: the order falls back to the key.
            when = kyiv(2023, 1, 1) + timedelta(hours=index - index % 3)
            ArticleFactory(
                title_uk=f"Стаття {index:03d}",
                publish_at=when,
                categories=[elections] if index % 2 else [elections, councils],
            )

    def page_three():
        with CaptureQueriesContext(connection) as queries:
            html = html_of(client.get("/news/?page=3"))
        cards = re.findall(r'<article class="card.*?</article>', html, re.S)
        titles = [re.search(r'class="card__title"><a href="[^"]+">([^<]+)<', c)[1] for c in cards]
        tags = [re.findall(r'<li class="tag">([^<]+)<', card) for card in cards]
        return titles, tags, len(site_queries(queries))

    add(40, 0)
    titles, tags, few = page_three()
    expected = list(Article.objects.published().newest_first()[24:36])
    assert titles == [article.title for article in expected]
    assert len(titles) == 12
    assert tags == [[c.name for c in a.categories.order_by("name")] for a in expected]
    add(40, 40)
    titles, _tags, many = page_three()
    assert titles == [a.title for a in Article.objects.published().newest_first()[24:36]]
    assert many == few <= 10


def test_every_page_runs_the_same_few_queries_with_few_and_many_items(client, raion_with_council):
    raion, council = raion_with_council
    category = CategoryFactory(name_uk="Вибори", slug="vybory")
    program = Program.objects.create(title="SPACES", slug="spaces")
    populate(3, category, council, program)
    article = Article.objects.published().order_by("publish_at")[1]
    event = Event.objects.upcoming()[1]
    urls = [
        "/",
        "/news/",
        "/news/?category=vybory&year=2020",
        "/news/?page=1",
        article.get_absolute_url(),
        "/events/",
        f"/events/?category=vybory&raion={raion.code}",
        event.get_absolute_url(),
        event.get_ics_url(),
        "/events/calendar.ics",
        "/news/feed/rss/",
        "/news/feed/atom/",
        "/en/news/",
        "/en" + event.get_absolute_url(),
    ]

    def count_queries():
        counts = {}
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            counts[url] = len(site_queries(queries))
        return counts

    few = count_queries()
    populate(30, category, council, program)
    many = count_queries()
    assert many == few
    assert max(many.values()) <= 10, many
