import json
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.utils import translation

from pages.factories import PageFactory, RichTextFactory
from pages.models import Page
from tests.helpers import external_resources, sitemap_xml

pytestmark = pytest.mark.django_db


def test_home_is_ukrainian_at_root(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="uk">' in html
    assert "Центр інформаційно-методичної і правової допомоги та розвитку громад" in html
    assert "Члени Асоціації" in html


def test_home_is_english_under_en(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Centre for information, methodical and legal assistance" in html
    assert "Члени Асоціації" not in html


def test_root_stays_ukrainian_whatever_the_browser_prefers(client):
    response = client.get("/", headers={"accept-language": "en"})
    assert '<html lang="uk">' in response.content.decode()


def test_language_switch_keeps_the_current_page_and_query(client):
    PageFactory(slug="about", title_uk="Про Центр", title_en="About the Centre")
    html = client.get("/about/?x=1").content.decode()
    assert re.search(r'<a class="language-switch__link" href="/en/about/\?x=1" hreflang="en"', html)
    html_en = client.get("/en/about/").content.decode()
    assert re.search(r'<a class="language-switch__link" href="/about/" hreflang="uk"', html_en)
    assert "About the Centre" in html_en


def test_every_page_has_hreflang_alternates_and_canonical(client):
    html = client.get("/en/").content.decode()
    assert '<link rel="alternate" hreflang="uk" href="http://testserver/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/">' in html
    assert '<link rel="canonical" href="http://testserver/en/">' in html


def test_main_menu_marks_the_active_section(client):
    PageFactory(slug="about", title_uk="Про Центр", menu=Page.Menu.HEADER)
    html = client.get("/about/").content.decode()
    assert re.search(r'href="/about/" aria-current="page">Про Центр<', html)


def test_a_page_without_english_says_so_and_links_to_the_ukrainian(client):
    PageFactory(slug="privacy", title_uk="Обробка персональних даних", title_en="", lead_en="")
    html = client.get("/en/privacy/").content.decode()
    assert "Only in Ukrainian" in html
    assert 'href="/privacy/"' in html


def test_page_text_is_sanitized_on_save():
    text = RichTextFactory(
        parent=PageFactory(slug="about"),
        text_uk='<p onclick="x()">Так<script>alert(1)</script></p>',
    )
    text.refresh_from_db()
    assert text.text_uk == "<p>Так</p>"


def test_404_is_in_the_visitors_language_with_a_way_back(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Сторінку не знайдено" in html
    assert 'role="search"' in html
    response_en = client.get("/en/no-such-page/")
    assert response_en.status_code == 404
    assert "Page not found" in response_en.content.decode()


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.fixture
def database_down():
    """Point the connection at a socket folder where no server listens, then restore it."""
    connection.close()
    saved = connection.settings_dict.copy()
    connection.settings_dict["HOST"] = "/nonexistent-socket-dir"
    connection.settings_dict["OPTIONS"] = {
        k: v for k, v in connection.settings_dict.get("OPTIONS", {}).items() if k != "pool"
    }
    connection.settings_dict["OPTIONS"]["connect_timeout"] = 2
    had_pool = "pool" in saved.get("OPTIONS", {})
    if had_pool:
        connection.close_pool()
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_when_the_database_is_down(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    # the server's own message (socket paths, host and user names) stays in the log
    assert response.json() == {"status": "error", "database": "unavailable"}


@pytest.mark.django_db(transaction=True)
def test_pages_are_a_friendly_503_when_the_database_is_down(client, database_down):
    response = client.get("/about/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Сайт тимчасово недоступний" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_an_unknown_address_is_a_friendly_503_when_the_database_is_down(client, database_down):
    # The 404 page's notice banner asks the database: that must not turn into a 500.
    for path, heading in [
        ("/no-such-page/", "Сайт тимчасово недоступний"),
        ("/en/no-such-page/", "The site is temporarily unavailable"),
    ]:
        response = client.get(path)
        assert response.status_code == 503, path
        assert response["Retry-After"] == "60"
        assert heading in response.content.decode()


def test_language_switch_on_a_404_page_leads_to_the_other_language(client):
    # Error pages read nothing of the request but its path (portal.views.error_page): the
    # query is dropped, and there is no canonical or hreflang link to build from the Host.
    html = client.get("/no-such-page/?x=1").content.decode()
    assert re.search(r'class="language-switch__link" href="/en/no-such-page/"', html)
    assert 'rel="canonical"' not in html
    assert 'rel="alternate" hreflang' not in html
    html_en = client.get("/en/no-such-page/").content.decode()
    assert re.search(r'class="language-switch__link" href="/no-such-page/" hreflang="uk"', html_en)


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("", "/en/about/"),
        ("?utm_source=x", "/en/about/"),
        ("?page=1", "/en/about/"),
        ("?page=3&category=x", "/en/about/?page=3"),
        ("?page=abc", "/en/about/"),
        ("?page=²", "/en/about/"),
        ("?page=" + "9" * 5000, "/en/about/"),
    ],
)
def test_canonical_keeps_only_a_page_number(client, query, canonical):
    PageFactory(slug="about", title_uk="Про Центр")
    html = client.get("/en/about/" + query).content.decode()
    assert f'<link rel="canonical" href="http://testserver{canonical}">' in html


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/", "Щось пішло не так"), ("/en/", "Something went wrong")],
)
def test_500_page_is_in_the_visitors_language_with_a_way_back(client, monkeypatch, path, heading):
    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setattr("core.plugins.home_sections", broken)
    client.raise_request_exception = False
    response = client.get(path)
    assert response.status_code == 500
    html = response.content.decode()
    assert heading in html
    assert 'role="search"' in html
    assert f'<a href="{path}">' in html  # back to the home page in the same language


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /search/" in body
    assert "admin" not in body  # listing it would advertise the login page
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_pages_in_both_languages_with_alternates(client):
    PageFactory(slug="about")
    xml = sitemap_xml(client)
    assert "<loc>http://testserver/about/</loc>" in xml
    assert "<loc>http://testserver/en/about/</loc>" in xml
    assert 'hreflang="en" href="http://testserver/en/about/"' in xml
    assert 'hreflang="x-default"' in xml


def test_sitemap_is_an_index_of_sections_in_pages(client, settings):
    """The protocol's limit is 50,000 addresses a file: 20,000 news give 40,000 alone."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    PageFactory(slug="about")
    PageFactory(slug="privacy")
    PageFactory(slug="kontakty")
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-pages.xml</loc>" in index
    assert "<loc>http://testserver/sitemap-news.xml</loc>" in index
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("core.sitemaps.I18nSitemap.limit", 4)  # three pages x 2 languages
        index = client.get("/sitemap.xml").content.decode()
        assert "<loc>http://testserver/sitemap-pages.xml?p=2</loc>" in index
        second = client.get("/sitemap-pages.xml?p=2").content.decode()
    assert second.count("<url>") == 2
    assert client.get("/sitemap-pages.xml?p=3").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_dates_are_written_the_ukrainian_way():
    template = Template("{{ day|date }}")
    with translation.override("uk"):
        assert template.render(Context({"day": date(2020, 10, 25)})) == "25 жовтня 2020"
    with translation.override("en"):
        assert template.render(Context({"day": date(2020, 10, 25)})) == "25 October 2020"


def test_pages_load_nothing_from_another_host(client):
    PageFactory(slug="about", title_uk="Про Центр")
    for url in ["/", "/en/", "/about/", "/no-such-page/"]:
        html = client.get(url).content.decode()
        assert external_resources(html) == [], url


def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_healthz_answers_json_content_type(client):
    response = client.get("/healthz")
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_sitemap_pages_read_only_their_own_items(django_assert_num_queries):
    from core.sitemaps import _ItemsInEachLanguage

    for index in range(5):
        PageFactory(slug=f"page-{index}", title_uk=f"Сторінка {index}")
    expected = [(page, code) for page in Page.objects.order_by("pk") for code in ("uk", "en")]
    pairs = _ItemsInEachLanguage(Page.objects.order_by("pk"), ["uk", "en"])
    assert len(pairs) == 10
    for start in range(11):
        for stop in range(start, 12):
            assert pairs[start:stop] == expected[start:stop]
    assert pairs[3] == expected[3]
    assert pairs[-1] == expected[-1]
    with django_assert_num_queries(1):  # one page: one query with LIMIT/OFFSET
        assert pairs[4:8] == expected[4:8]


@pytest.mark.django_db(transaction=True)
def test_pages_survive_a_restart_of_the_database_server(client):
    """A pooled connection that the server has dropped is replaced, not lent to a visitor."""
    import psycopg

    assert client.get("/healthz").status_code == 200
    connection.close()  # back to the pool, as at the end of every request
    params = connection.get_connection_params()
    for key in ("cursor_factory", "context", "prepare_threshold"):
        params.pop(key, None)
    with psycopg.connect(**params, autocommit=True) as admin:  # what a restart does to them
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    response = client.get("/healthz")
    assert response.status_code == 200, response.content


def test_the_favicon_address_browsers_ask_for_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
    assert client.get(response["Location"]).status_code == 200
