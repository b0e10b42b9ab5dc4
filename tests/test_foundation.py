import json
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.utils import translation

from portal.models import Page
from tests.helpers import external_resources

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
    Page.objects.create(slug="about", title_uk="Про Центр", title_en="About the Centre")
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
    Page.objects.create(slug="about", title_uk="Про Центр")
    html = client.get("/about/").content.decode()
    assert re.search(r'href="/about/" aria-current="page">Про Центр<', html)


def test_page_falls_back_to_ukrainian_when_english_is_missing(client):
    Page.objects.create(
        slug="privacy", title_uk="Обробка персональних даних", body_uk="<p>Текст</p>"
    )
    html = client.get("/en/privacy/").content.decode()
    assert "Обробка персональних даних" in html
    assert "<p>Текст</p>" in html


def test_page_body_is_sanitized_on_save():
    page = Page.objects.create(
        slug="about",
        title_uk="Про Центр",
        body_uk='<p onclick="x()">Так<script>alert(1)</script></p>',
    )
    page.refresh_from_db()
    assert page.body_uk == "<p>Так</p>"


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
    assert response.json()["status"] == "error"


@pytest.mark.django_db(transaction=True)
def test_pages_are_a_friendly_503_when_the_database_is_down(client, database_down):
    response = client.get("/about/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Сайт тимчасово недоступний" in response.content.decode()


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_pages_in_both_languages_with_alternates(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>http://testserver/about/</loc>" in xml
    assert "<loc>http://testserver/en/about/</loc>" in xml
    assert 'hreflang="en" href="http://testserver/en/about/"' in xml
    assert 'hreflang="x-default"' in xml


def test_dates_are_written_the_ukrainian_way():
    template = Template("{{ day|date }}")
    with translation.override("uk"):
        assert template.render(Context({"day": date(2020, 10, 25)})) == "25 жовтня 2020"
    with translation.override("en"):
        assert template.render(Context({"day": date(2020, 10, 25)})) == "25 October 2020"


def test_pages_load_nothing_from_another_host(client):
    Page.objects.create(slug="about", title_uk="Про Центр")
    for url in ["/", "/en/", "/about/", "/no-such-page/"]:
        html = client.get(url).content.decode()
        assert external_resources(html) == [], url


def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_healthz_answers_json_content_type(client):
    response = client.get("/healthz")
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")
