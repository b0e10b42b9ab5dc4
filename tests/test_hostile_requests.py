"""Requests that need no login and once gave a 500 (issue 16, finding 6): each must get a 4xx
and the site's own page in the visitor's language."""

import io
import json
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import get_resolver
from django.utils import timezone

from pages.models import SiteNotice
from portal.logs import ProbesAsWarnings

pytestmark = pytest.mark.django_db

HEADINGS = {
    400: {"uk": "Запит не вдалося зрозуміти", "en": "The request could not be understood"},
    403: {"uk": "Доступ заборонено", "en": "Access denied"},
    404: {"uk": "Сторінку не знайдено", "en": "Page not found"},
}


def assert_friendly(response, status, language="uk"):
    assert response.status_code == status
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert HEADINGS[status][language] in html
    assert 'class="main-nav"' in html  # the site's own page, with its menus
    return html


@pytest.fixture
def client():
    # As a browser meets the site: CSRF checked, and a 500 is an answer, not a test error.
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


@pytest.fixture
def console_log():
    """What the console handler of settings.LOGGING writes during the test."""
    root = logging.getLogger()
    (handler,) = [
        h for h in root.handlers if any(isinstance(f, ProbesAsWarnings) for f in h.filters)
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def levels(log):
    """(level, logger) of each JSON line that LOGGING wrote."""
    return [(line["level"], line["logger"]) for line in map(json.loads, log.splitlines())]


def raw_cookie(value):
    """A Cookie header as the WSGI server hands it over: the UTF-8 bytes, read as Latin-1."""
    return value.encode().decode("latin-1")


@pytest.mark.parametrize("value", ["²", "1.²", "٣", "¹²³", "1.2.３", "9" * 40])
def test_a_dismissed_notices_cookie_of_other_digits_is_ignored(client, value):
    notice = SiteNotice.objects.create(message_uk="Зміна графіка прийому", starts_at=timezone.now())
    cookie = raw_cookie(f"dismissed_notices={value}")
    response = client.get("/", HTTP_COOKIE=cookie)
    assert response.status_code == 200
    assert "Зміна графіка прийому" in response.content.decode()
    # The page that hides a notice rewrites the cookie, dropping what it cannot read.
    hide = client.get(f"/notices/{notice.pk}/hide/?next=/", HTTP_COOKIE=cookie)
    assert hide.status_code == 302
    kept = hide.cookies["dismissed_notices"].value.split(".")
    assert str(notice.pk) in kept
    assert all(part.isascii() and part.isdigit() for part in kept)


def test_a_slug_preview_ignores_a_key_of_other_digits(admin_client):
    response = admin_client.get("/admin/news/article/slug/", {"title": "Згурівка", "pk": "²"})
    assert response.json() == {"slug": "zghurivka"}


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=utf-16",
        "application/x-www-form-urlencoded; charset=latin-1",
        "application/x-www-form-urlencoded; charset=bogus",
        "multipart/form-data; charset=utf-16",
        "multipart/form-data; boundary=x; charset=utf-16",
    ],
)
@pytest.mark.parametrize(
    ("path", "language"),
    [("/", "uk"), ("/en/", "en"), ("/programs/", "uk"), ("/admin/login/", "uk"), ("/x/", "uk")],
)
def test_a_post_in_another_charset_is_a_friendly_page(client, path, language, content_type):
    # With a CSRF cookie, the CSRF check reads the form, which Django refuses in that charset;
    # its own 400 page read it again and failed.
    client.cookies["csrftoken"] = "a" * 32
    body = "a=ü&b=%ff".encode("utf-16")
    response = client.generic("POST", path, body, content_type=content_type)
    assert 400 <= response.status_code < 500
    assert HEADINGS[response.status_code][language] in response.content.decode()


def test_a_form_in_utf_16_is_a_400_in_english_under_en(client):
    client.cookies["csrftoken"] = "a" * 32
    response = client.generic(
        "POST",
        "/en/programs/",
        "a=1".encode("utf-16"),
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )
    assert_friendly(response, 400, "en")


def test_too_many_query_fields_is_a_friendly_400(client):
    html = assert_friendly(client.get("/en/?" + "a=1&" * 1001), 400, "en")
    assert "a=1" not in html  # the error page does not echo the query it could not read


def test_an_unknown_host_is_a_friendly_400_that_does_not_repeat_it(client):
    html = assert_friendly(client.get("/", HTTP_HOST="evil.example"), 400)
    assert "evil.example" not in html


def test_a_refused_csrf_check_says_what_to_do_in_the_visitors_language(client):
    html = assert_friendly(client.post("/en/"), 403, "en")
    assert "make sure cookies are allowed" in html
    html = assert_friendly(client.post("/"), 403)
    assert "переконайтеся, що cookie" in html


def test_a_refused_permission_is_a_friendly_403():
    request = RequestFactory().get("/en/anything/")
    response = get_resolver().resolve_error_handler(403)(request, exception=PermissionDenied())
    assert_friendly(response, 403, "en")


@pytest.mark.parametrize(
    "path",
    [
        "/media/" + "a" * 256,
        "/media/" + "ї" * 128 + ".png",  # 256 bytes in UTF-8
        "/media/covers/" + "a" * 300 + "/x.png",
        "/media/a%00b.png",
    ],
)
def test_a_media_path_the_file_system_cannot_look_up_is_a_404(client, path, settings):
    (settings.MEDIA_ROOT / "covers").mkdir(parents=True)  # or the lookup stops at a missing folder
    assert_friendly(client.get(path), 404)


@pytest.mark.parametrize(
    "path",
    ["/media/../portal/settings.py", "/media/%2e%2e/%2e%2e/etc/passwd", "/media/..%2f..%2fx"],
)
def test_a_path_out_of_media_is_a_400_logged_as_a_warning(client, path, console_log):
    assert_friendly(client.get(path), 400)
    log = console_log.getvalue()  # as LOGGING writes it
    assert ("WARNING", "django.security.SuspiciousFileOperation") in levels(log)
    assert "ERROR" not in dict(levels(log))
    assert "Traceback" not in log


def test_a_forbidden_host_is_logged_as_a_warning(client, console_log):
    assert_friendly(client.get("/", HTTP_HOST="evil.example"), 400)
    log = console_log.getvalue()
    assert ("WARNING", "django.security.DisallowedHost") in levels(log)
    assert "ERROR" not in dict(levels(log))


def test_our_own_errors_still_log_at_error(client, monkeypatch, console_log):
    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setattr("core.plugins.home_sections", broken)
    assert client.get("/").status_code == 500
    log = console_log.getvalue()
    assert ("ERROR", "django.request") in levels(log)
    assert "Traceback" in log


def test_uploaded_files_are_still_served(client, settings):
    (settings.MEDIA_ROOT / "docs").mkdir(parents=True)
    (settings.MEDIA_ROOT / "docs" / "statute.txt").write_text("Статут")
    response = client.get("/media/docs/statute.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "Статут"
