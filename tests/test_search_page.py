"""The results page: bad input never breaks it, filters, pages, language, query counts."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.registry import index_documents
from tests.helpers import external_resources, read_site_parts
from tests.search_corpus import index_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    index_corpus()


def news(count, *, word="генератори", start=0):
    index_documents(
        "news",
        [
            (
                f"many:{number}",
                {
                    "uk": {
                        "title": f"Громада №{number} отримала {word}",
                        "text": f"{word.capitalize()} передали лікарні. " * 5,
                        "url": f"/many/{number}/",
                    }
                },
            )
            for number in range(start, start + count)
        ],
    )


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def assert_links_to_the_main_sections(html):
    main = html[html.index("<main") : html.index("</main>")]
    for url in ["/news/", "/events/", "/programs/", "/members/"]:
        assert f'href="{url}"' in main


def listed_titles(html):
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(r'<h2 class="search-result__title"><a [^>]+>(.*?)</a>', html)
    ]


BAD_QUERIES = [
    "",
    "   ",
    "\t\n",
    "&",
    "|",
    "!",
    ":",
    "*",
    "()",
    "'",
    '"',
    "\\",
    "& | ! : * ( ) ' \" \\",
    "громада & програма",
    "громада | !програма:*",
    "' OR 1=1 --",
    "'; DROP TABLE search_searchdocument; --",
    "<script>alert(1)</script>",
    "\x00громада",
    "громада " * 60,
    "а" * 1000,
    "%00%27",
    "ʼ’`'",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_any_query_gets_a_page_never_an_error(client, corpus, query):
    html = html_of(client.get("/search/", {"q": query}))
    assert "<h1>Пошук по сайту</h1>" in html


@pytest.mark.parametrize(
    "query", ["the and or", "' OR 1=1 --", "a & b | !c:*()", "<b>grant</b>", "grant:*", "1e5 5g"]
)
def test_the_english_page_takes_any_query_too(client, corpus, query):
    html = html_of(client.get("/en/search/", {"q": query}))
    assert "<h1>Search the site</h1>" in html
    if "grant" in query:
        assert listed_titles(html) == ["Kharkiv hromada receives a grant to restore schools"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "програма", "page": "abc"},
        {"q": "програма", "page": "-1"},
        {"q": "програма", "page": "0"},
        {"q": "програма", "page": "99999"},
        {"q": "програма", "page": "1.5"},
        {"q": "програма", "page": ""},
        {"q": "програма", "kind": "bogus"},
        {"q": "програма", "kind": "news' OR 1=1 --"},
        {"q": "програма", "kind": ""},
    ],
)
def test_bad_page_and_kind_fall_back_to_results(client, corpus, params):
    html = html_of(client.get("/search/", params))
    assert sorted(listed_titles(html)) == [
        "Освітня програма SPACES для ОТГ",
        "Програма «Спроможна громада»",
        "Програма підтримки молоді «Молодь громади»",
        "Програма розвитку міжмуніципального співробітництва",
    ]


def test_repeated_parameters_take_the_last(client, corpus):
    params = {"q": ["програма", "генератори"], "kind": ["event", "news"]}
    html = html_of(client.get("/search/", params))
    assert listed_titles(html) == [
        "Лозівська громада отримала генератори",
        "Куп’янська громада отримала генератори",
    ]


def test_operators_are_plain_text_and_sql_stays_sql(client, corpus):
    html = html_of(client.get("/search/", {"q": "громада & грант | !"}))
    assert listed_titles(html) == [
        "Громада Харкова отримала грант на відновлення шкіл",
        "Програма підтримки молоді «Молодь громади»",  # "Гранти для молодіжних ініціатив"
    ]
    html_of(client.get("/search/", {"q": "'; DROP TABLE search_searchdocument; --"}))
    html = html_of(client.get("/search/", {"q": "грант"}))
    assert "Громада Харкова отримала грант на відновлення шкіл" in listed_titles(html)


def test_the_query_is_echoed_escaped(client, corpus):
    html = html_of(client.get("/search/", {"q": '<script>alert("x")</script>'}))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    # the header's search box shows it too
    assert re.search(r'id="site-search-header"[^>]*value="&lt;script&gt;', html)


def test_a_long_query_is_cut_not_refused(client, corpus):
    html = html_of(client.get("/search/", {"q": "грант " * 100}))
    value = unescape(re.search(r'id="site-search-header"[^>]*value="([^"]*)"', html).group(1))
    assert 190 <= len(value) <= 200
    assert value.endswith("грант")  # cut between words, not inside one
    assert "Громада Харкова отримала грант на відновлення шкіл" in listed_titles(html)


def test_empty_query_invites_to_search_with_the_main_sections(client):
    html = html_of(client.get("/search/", {"q": "  "}))
    assert "Введіть, що шукаєте" in html
    assert_links_to_the_main_sections(html)


def test_nothing_found_suggests_similar_titles_and_sections(client, corpus):
    html = html_of(client.get("/search/", {"q": "Балаклійська мерія"}))
    assert "Нічого не знайдено за запитом" in html
    assert "Можливо, ви шукали" in html
    assert '<a href="/test/balakliia/">Балаклійська міська рада</a>' in html
    assert_links_to_the_main_sections(html)


def test_nothing_found_for_punctuation_only(client, corpus):
    html = html_of(client.get("/search/", {"q": "&|!:*()"}))
    assert "Нічого не знайдено за запитом" in html
    assert "&amp;|!:*()" in html


def test_results_show_kind_date_snippet_and_count(client, corpus):
    html = html_of(client.get("/search/", {"q": "Харкові"}))
    assert "4 результати за запитом «Харкові»" in html
    assert (
        '<h2 class="search-result__title"><a href="/test/grant/">Громада <mark>Харкова</mark> '
        "отримала грант на відновлення шкіл</a></h2>"
    ) in html
    assert (
        '<span class="tag">Новина</span> <time datetime="2024-03-01">1 березня 2024</time>' in html
    )
    assert '<span class="tag">Подія</span>' in html
    assert "у <mark>Харкові</mark>: майдан Свободи" in html  # in the text only: listed last
    assert listed_titles(html)[-1] == "Як знайти Центр у Держпромі"


def test_filter_by_kind(client, corpus):
    html = html_of(client.get("/search/", {"q": "громада"}))
    assert re.search(r'href="\?q=%D0%B3%D1%80%D0%BE%D0%BC%D0%B0%D0%B4%D0%B0&amp;kind=event"', html)
    assert "Події (2)" in html
    html = html_of(client.get("/search/", {"q": "громада", "kind": "event"}))
    assert sorted(listed_titles(html)) == [
        "Конференція з просторового планування громад",
        "Семінар «Бюджет громади: планування на 2025 рік»",
    ]
    assert re.search(r'aria-current="page">Події \(2\)</a>', html)


def test_a_kind_without_results_offers_every_kind(client, corpus):
    html = html_of(client.get("/search/", {"q": "генератори", "kind": "council"}))
    assert "Нічого такого виду не знайдено." in html
    assert "Новини (2)" in html


def test_results_are_paginated_keeping_query_and_kind(client):
    news(25)
    html = html_of(client.get("/search/", {"q": "генератори", "kind": "news"}))
    assert len(listed_titles(html)) == 10
    assert "25 результатів за запитом" in html
    assert (
        'href="?q=%D0%B3%D0%B5%D0%BD%D0%B5%D1%80%D0%B0%D1%82%D0%BE%D1%80%D0%B8&amp;kind=news&amp;page=3"'
        in html
    )
    third = html_of(client.get("/search/", {"q": "генератори", "kind": "news", "page": "3"}))
    assert len(listed_titles(third)) == 5
    # A kind filter link keeps the query and starts again from the first page; "All" drops the kind.
    query = "q=%D0%B3%D0%B5%D0%BD%D0%B5%D1%80%D0%B0%D1%82%D0%BE%D1%80%D0%B8"
    assert f'href="?{query}&amp;kind=news" aria-current="page">Новини (25)</a>' in third
    assert f'href="?{query}">Усі (25)</a>' in third
    beyond = html_of(client.get("/search/", {"q": "генератори", "page": "99"}))
    assert listed_titles(beyond) == listed_titles(third)
    pages = set()
    for number in (1, 2, 3):
        page = html_of(client.get("/search/", {"q": "генератори", "page": number}))
        pages |= set(listed_titles(page))
    assert len(pages) == 25


def test_english_site_searches_english_documents(client, corpus):
    html = html_of(client.get("/en/search/", {"q": "grant"}))
    assert '<html lang="en">' in html
    assert "1 result for" in html
    assert 'href="/en/test/grant/"' in html
    assert "<mark>grant</mark>" in html


def test_results_are_not_for_search_engines(client, corpus):
    response = client.get("/search/", {"q": "грант"})
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_the_page_loads_nothing_from_another_host(client, corpus):
    for query in ["грант", "нічого такого", ""]:
        assert external_resources(html_of(client.get("/search/", {"q": query}))) == []


def count_queries(client, params):
    read_site_parts(client, "/search/?q=")
    with CaptureQueriesContext(connection) as captured:
        html_of(client.get("/search/", params))
    return len(captured)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "генератори"},
        {"q": "генератори", "kind": "news", "page": "2"},
        {"q": "генаратори"},  # a typo: one more query for the nearest forms
        {"q": "нічого такого"},  # nothing found: one more for similar titles
    ],
)
def test_queries_are_few_and_do_not_grow_with_the_results(client, params):
    news(3)
    few = count_queries(client, params)
    news(60, start=3)
    many = count_queries(client, params)
    assert few == many
    assert many <= 10


def test_empty_query_asks_the_database_nothing(client, django_assert_num_queries):
    # Nor do the parts of every page (the notice banner, the association's name in the footer
    # and the page tree for the menus): they are read once per content version.
    read_site_parts(client)
    with django_assert_num_queries(0):
        html_of(client.get("/search/", {"q": ""}))


def test_only_the_best_results_are_listed_when_there_are_very_many(client):
    news(305)
    html = html_of(client.get("/search/", {"q": "генератори", "page": "last"}))
    assert "305 результатів за запитом" in html
    assert "Показано лише 300 найкращих результатів" in html
    beyond = html_of(client.get("/search/", {"q": "генератори", "page": "31"}))
    assert len(listed_titles(beyond)) == 10  # page 30, the last one
    assert re.search(
        r'aria-current="page"><span class="visually-hidden">Сторінка </span>30<', beyond
    )
