"""The whole-page cache for anonymous visitors (portal.middleware.PageCacheMiddleware) and the
content version that invalidates it (core/cache.py): every way content changes shows on the
next request, on every process; nothing personal is ever stored or served."""

import io
import os
import re
import subprocess
import sys
import urllib.request
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import cache
from members.factories import CouncilFactory
from members.models import Association, Council
from news.factories import ArticleFactory, EventFactory
from pages.factories import PageFactory
from pages.models import Page, SiteNotice
from programs.factories import ProgramFactory
from tests.servers import Server

pytestmark = pytest.mark.django_db


def get(client, url, **extra):
    """(html, number of SQL queries) of one request."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


def test_a_second_anonymous_request_is_served_from_the_cache(client, page_cache):
    ArticleFactory(title_uk="Стаття про громади")
    html, rendered = get(client, "/news/")
    again, queries = get(client, "/news/")
    assert again == html
    assert "Стаття про громади" in again
    assert rendered > 1
    assert queries == 0  # the content version is in the `versions` cache, not the database
    response = client.get("/news/")
    assert response["Cache-Control"] == "public, max-age=30, stale-while-revalidate=60"
    assert "Cookie" in response["Vary"]
    assert response["Content-Security-Policy"]  # the outer middleware still adds its headers
    assert client.get("/news/", headers={"if-none-match": response["ETag"]}).status_code == 304


def test_languages_and_addresses_are_kept_apart(client, page_cache):
    ArticleFactory(title_uk="Українська назва", english=True, title_en="English title")
    assert "Українська назва" in get(client, "/news/")[0]
    assert "English title" in get(client, "/en/news/")[0]
    assert "Українська назва" in get(client, "/news/")[0]
    assert "English title" in get(client, "/en/news/")[0]
    assert get(client, "/news/?page=1")[0] != get(client, "/en/news/?page=1")[0]


def test_publishing_editing_and_unpublishing_show_at_once(client, page_cache):
    article = ArticleFactory(title_uk="Чернетка", status="draft")
    assert "Чернетка" not in get(client, "/news/")[0]
    article.publish()
    assert "Чернетка" in get(client, "/news/")[0]
    article.title_uk = "Виправлена назва"
    article.save()
    assert "Виправлена назва" in get(client, "/news/")[0]
    assert "Виправлена назва" in get(client, article.get_absolute_url())[0]
    article.unpublish()
    assert "Виправлена назва" not in get(client, "/news/")[0]
    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_publishing_and_expiry_show_without_a_save(client, page_cache):
    now = timezone.now()
    ArticleFactory(title_uk="Запланована", publish_at=now + timedelta(hours=2))
    ArticleFactory(title_uk="Тимчасова", unpublish_at=now + timedelta(hours=3))
    html = get(client, "/news/")[0]
    assert "Запланована" not in html and "Тимчасова" in html
    with time_machine.travel(now + timedelta(hours=2, seconds=1), tick=False):
        html = get(client, "/news/")[0]
        assert "Запланована" in html and "Тимчасова" in html
    with time_machine.travel(now + timedelta(hours=3, seconds=1), tick=False):
        html = get(client, "/news/")[0]
        assert "Запланована" in html and "Тимчасова" not in html


def upcoming(html):
    section = re.search(r'<section[^>]*aria-labelledby="upcoming-title".*?</section>', html, re.S)
    return section.group(0) if section else ""


def test_an_event_becomes_past_when_it_ends(client, page_cache):
    now = timezone.now()
    EventFactory(
        title_uk="Семінар громад",
        starts_at=now + timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
    )
    assert "Семінар громад" in upcoming(get(client, "/events/")[0])
    with time_machine.travel(now + timedelta(hours=2, minutes=1), tick=False):
        assert "Семінар громад" not in upcoming(get(client, "/events/")[0])


def test_a_council_joining_and_leaving_shows_in_the_registry(client, page_cache):
    council = CouncilFactory(name="Тестова сільська рада", status=Council.Status.NOT_MEMBER)
    registry = reverse("members:council-list")
    assert "Тестова сільська рада" not in get(client, registry)[0]
    council.status = Council.Status.MEMBER
    council.save()
    assert "Тестова сільська рада" in get(client, registry)[0]
    council.status = Council.Status.FORMER
    council.save()
    assert "Тестова сільська рада" not in get(client, registry)[0]


def test_notices_start_and_end_on_time_and_the_hidden_ones_vary_the_page(client, page_cache):
    now = timezone.now()
    notice = SiteNotice.objects.create(
        message="Відключення світла",
        starts_at=now + timedelta(minutes=30),
        ends_at=now + timedelta(hours=1),
    )
    assert "Відключення світла" not in get(client, "/")[0]
    with time_machine.travel(now + timedelta(minutes=31), tick=False):
        assert "Відключення світла" in get(client, "/")[0]
        hidden = Client()
        hidden.cookies["dismissed_notices"] = str(notice.pk)
        assert "Відключення світла" not in get(hidden, "/")[0]
        assert "Відключення світла" in get(client, "/")[0]
    with time_machine.travel(now + timedelta(hours=1, minutes=1), tick=False):
        assert "Відключення світла" not in get(client, "/")[0]


def test_staff_never_get_or_leave_a_stored_page(client, staff_client, page_cache):
    ArticleFactory(title_uk="Стаття")
    get(client, "/news/")
    response = staff_client.get("/news/")
    assert response["Cache-Control"] == "private, no-store"
    _, queries = get(staff_client, "/news/")
    assert queries > 1  # rendered, not taken from the cache
    page_cache.clear()
    get(staff_client, "/news/")
    _, queries = get(client, "/news/")
    assert queries > 1


def test_pages_with_a_form_errors_and_cookies_are_never_stored(client, page_cache):
    program = ProgramFactory(accepting=True)
    apply = reverse("programs:apply", kwargs={"slug": program.slug})
    response = client.get(apply)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    with CaptureQueriesContext(connection) as queries:
        client.get(apply)
    assert len(queries) > 1
    assert client.get("/news/no-such-article/").status_code == 404
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/news/no-such-article/").status_code == 404
    assert len(queries) > 1
    notice = SiteNotice.objects.create(message="Оголошення")
    hide = reverse("pages:dismiss-notice", kwargs={"pk": notice.pk})
    assert client.get(hide).cookies["dismissed_notices"].value == str(notice.pk)
    assert Client().get(hide).cookies["dismissed_notices"].value == str(notice.pk)


def test_a_visitor_with_other_cookies_gets_a_fresh_page(client, page_cache):
    ArticleFactory()  # a fresh render reads it; a hit reads nothing
    get(client, "/news/")
    client.cookies["messages"] = "anything"
    _, queries = get(client, "/news/")
    assert queries > 1


def test_a_page_being_made_reads_the_version_once_and_follows_its_own_saves(
    client, page_cache, monkeypatch
):
    """The menus, notices, demo marks and filters are read per version: during one request
    they all use the version the request began with (one read of the shared version), and a
    save inside the request moves it on."""
    ArticleFactory()
    reads = []
    versions = cache.versions_cache()
    read = versions.get
    monkeypatch.setattr(
        versions, "get", lambda *args, **kwargs: reads.append(1) or read(*args, **kwargs)
    )
    get(client, "/news/")
    assert len(reads) == 1
    with cache.pinned_version():
        version = cache.content_version()
        cache.versions_cache().set(cache.VERSION_KEY, version + 1, timeout=None)  # another worker
        assert cache.content_version() == version
        ArticleFactory()  # a save in this request
        assert cache.content_version() not in (version, version + 1)
    assert cache.content_version() == read(cache.VERSION_KEY)


def test_the_next_scheduled_change_is_the_nearest_date_time_ahead():
    now = timezone.now()
    ArticleFactory(publish_at=now + timedelta(days=2))
    ArticleFactory(unpublish_at=now + timedelta(days=1))
    SiteNotice.objects.create(message="x", starts_at=now - timedelta(days=1))
    assert cache.next_scheduled_change(now) == now + timedelta(days=1)
    with CaptureQueriesContext(connection) as queries:
        cache.next_scheduled_change(now)
    assert len(queries) == 1


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """The hashed static files that gunicorn's production settings need."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "STATIC_ROOT": str(root)},
        check=True,
    )
    return root


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_change_shows_on_every_worker_of_another_process(static_root):
    """gunicorn's two workers keep pages in their own memory; a save made here (another
    process) changes the content version in the shared database cache."""
    ArticleFactory(title_uk="Перша назва")
    test_database = urlsplit(os.environ["DATABASE_URL"])._replace(
        path="/" + connection.settings_dict["NAME"]
    )
    server = Server(test_database.geturl(), PAGE_CACHE_SECONDS="600", STATIC_ROOT=str(static_root))
    try:
        server.wait_until_healthy()

        def titles():
            seen = set()
            for _ in range(12):  # enough to reach both workers
                with urllib.request.urlopen(server.url + "/news/", timeout=10) as response:  # noqa: S310
                    body = response.read().decode()
                seen |= set(re.findall(r"(Перша назва|Друга назва)", body))
            return seen

        assert titles() == {"Перша назва"}
        article = ArticleFactory._meta.model.objects.get()
        article.title_uk = "Друга назва"
        article.save()
        assert titles() == {"Друга назва"}
    finally:
        server.stop()


@pytest.mark.parametrize(
    "path",
    [
        "/news/feed/rss/",
        "/news/feed/atom/",
        "/events/calendar.ics",
        "/sitemap.xml",
        "/members/export.csv",
        "/members/export.json",
    ],
)
def test_feeds_sitemaps_and_exports_answer_a_conditional_get(client, path):
    ArticleFactory()
    CouncilFactory()
    response = client.get(path)
    assert response.status_code == 200
    assert response["ETag"]
    again = client.get(path, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_what_every_page_shows_is_read_once_per_content_version(client):
    """The menus' page tree, the notices and the association's name (the footer) are read by
    the first request after a change, in each process, and by none after it; a change of any
    of them shows on the next request (the page cache is off here: this is below it)."""
    about = PageFactory(slug="pro-tsentr", title_uk="Про Центр", menu=Page.Menu.BOTH)
    association = Association.objects.create(name_uk="Асоціація рад")
    html, first = get(client, "/news/")
    _, second = get(client, "/news/")
    _, elsewhere = get(client, reverse("members:council-list"))
    _, again = get(client, reverse("members:council-list"))
    assert "Про Центр" in html and "Асоціація рад" in html
    # the due time, the page tree, the notices and the association's name
    assert first - second >= 4
    # the registry's own parts read per version (its figures, the demo marks), once
    assert again < elsewhere
    assert get(client, reverse("members:council-list"))[1] == again
    about.title_uk = "Про нас"
    about.save()
    association.name_uk = "Асоціація місцевих рад"
    association.save()
    SiteNotice.objects.create(message="Нове оголошення")
    html, after = get(client, "/news/")
    assert "Про нас" in html and "Асоціація місцевих рад" in html and "Нове оголошення" in html
    assert after == first


def wsgi_get(path, **environ):
    """(status, headers, body, SQL queries) of a GET through portal.wsgi's application, the
    one gunicorn serves: the page cache's front, then Django."""
    from portal.wsgi import application

    started = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        **environ,
    }
    # As Django's test client does: the test's connection, in its transaction, stays open.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        with CaptureQueriesContext(connection) as queries:
            body = application(environ, lambda status, headers: started.append((status, headers)))
            content = b"".join(body)
            if hasattr(body, "close"):
                body.close()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    status, headers = started[0]
    return status, dict(headers), content, len(queries)


def test_the_wsgi_front_answers_a_stored_page_before_django(page_cache):
    ArticleFactory(title_uk="Стаття на фронті")
    status, rendered, html, queries = wsgi_get("/news/")
    assert status == "200 OK" and queries > 1
    status, headers, again, queries = wsgi_get("/news/", HTTP_X_REQUEST_ID="proxy-id-12345")
    assert status == "200 OK" and again == html and queries == 0
    assert "Стаття на фронті" in again.decode()
    # the headers of every middleware, as they were stored; a request id of its own
    for name in ("Content-Security-Policy", "Permissions-Policy", "ETag", "Cache-Control"):
        assert headers[name] == rendered[name]
    assert headers["X-Request-ID"] == "proxy-id-12345"
    assert wsgi_get("/news/")[1]["X-Request-ID"] != rendered["X-Request-ID"]
    # a conditional GET goes on to Django's middleware, which answers it from the store
    status, _, body, queries = wsgi_get("/news/", HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status == "304 Not Modified" and body == b"" and queries == 0
    # anything personal goes to Django and is made afresh
    status, headers, _, queries = wsgi_get("/news/", HTTP_COOKIE="sessionid=x")
    assert queries > 0 and headers["Cache-Control"] == "private, no-store"
    # another host, scheme or query is another page
    assert wsgi_get("/news/", QUERY_STRING="page=1")[3] > 0
