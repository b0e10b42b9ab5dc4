"""The public forms' shared rules (issue 16), tried on the program application.

Replays and floods race for real: threads send simultaneous POSTs to pytest-django's
live_server, each thread a browser with its own cookies (marked `race`, they can run alone).
"""

import datetime
import re
import subprocess
import sys
import threading
import time
import unicodedata
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from core.forms import LineField, ParagraphsField
from core.text import clean_line, clean_paragraphs, visible_length
from programs.forms import MOTIVATION_MIN_LENGTH
from programs.models import Application
from submissions import tokens
from submissions.models import Submission
from tests.test_programs_applications import (
    MOTIVATION,
    apply_url,
    form_token,
    valid_data,
)
from tests.test_programs_applications import councils as councils
from tests.test_programs_applications import program as program

ROOT = Path(__file__).resolve().parent.parent
ZWSP, RLO, ZWJ = "\u200b", "\u202e", "\u200d"


@pytest.fixture(autouse=True)
def _fresh_rate_limit(request):
    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    cache.clear()
    yield
    cache.clear()


# --- Text typed by the public (finding 8) -------------------------------------------------


def test_one_line_fields_lose_invisible_characters_and_keep_what_is_seen():
    assert clean_line(f"{RLO}Олена{ZWSP} \t Петренко\ufeff\x00") == "Олена Петренко"
    decomposed = unicodedata.normalize("NFD", "Мирослава Й.")
    assert decomposed != "Мирослава Й."
    assert clean_line(decomposed) == "Мирослава Й."


def test_a_line_of_nothing_visible_is_an_empty_answer():
    field = LineField(error_messages={"required": "порожньо"})
    with pytest.raises(ValidationError, match="порожньо"):
        field.clean(f" {ZWSP}{RLO}\u2066 ")


def test_free_text_keeps_its_lines_and_emoji_but_not_direction_overrides():
    family = f"👩{ZWJ}👩{ZWJ}👧"
    text = f"Перший рядок  \r\nДругий {RLO}рядок{ZWSP}\r\n\r\n{family}  "
    assert clean_paragraphs(text) == f"Перший рядок\nДругий рядок\n\n{family}"


def test_minimum_lengths_count_what_a_reader_sees():
    assert visible_length(ZWSP * 300) == 0
    assert visible_length("а\u0301" * 10) == 10  # a stress mark is not a letter
    assert visible_length("два   слова\n\n\nі  ще") == len("два слова і ще")
    field = ParagraphsField(min_visible=5)
    with pytest.raises(ValidationError, match="щонайменше 5 символів; поки що їх 2"):
        field.clean(f"a{ZWSP * 50}b")
    assert field.clean(f"ab{ZWSP}cde") == "abcde"


@pytest.mark.django_db
def test_a_motivation_of_zero_width_spaces_is_refused(client, program, councils):
    motivation = ZWSP * 300 + "Так" + ZWSP * 300
    response = client.post(apply_url(program), valid_data(client, councils, motivation=motivation))
    assert response.status_code == 200
    assert f"щонайменше {MOTIVATION_MIN_LENGTH} символів; поки що їх 3" in response.text
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_a_direction_override_never_reaches_the_stored_name(client, program, councils):
    data = valid_data(
        client,
        councils,
        contact_name=f"{RLO}Олена{ZWSP} Петренко",
        contact_position="Заступниця\u2067 голови",
        motivation=f"{RLO}{MOTIVATION}",
    )
    assert client.post(apply_url(program), data).status_code == 302
    application = Application.objects.get()
    assert application.contact_name == "Олена Петренко"
    assert application.contact_position == "Заступниця голови"
    assert application.motivation == MOTIVATION.strip()


# --- Replays (finding 1) ------------------------------------------------------------------


def confirmed(client, response):
    """The application number on the confirmation page that `response` leads to."""
    assert response.status_code == 302
    page = client.get(response["Location"])
    return int(re.search(r"<strong>(\d+)</strong>", page.text).group(1))


@pytest.mark.django_db
def test_the_same_post_twice_stores_one_application_and_shows_its_confirmation(
    client, program, councils
):
    data = valid_data(client, councils)
    first = client.post(apply_url(program), data)
    second = client.post(apply_url(program), data)
    assert confirmed(client, second) == confirmed(client, first) == Application.objects.get().pk
    assert len(mail.outbox) == 2  # one confirmation, one notification: not again


@pytest.mark.django_db
def test_an_identical_application_from_a_fresh_form_is_stored_once_within_the_window(
    client, program, councils
):
    first = client.post(apply_url(program), valid_data(client, councils))
    # A new form (a new token), the same program, lead, e-mail and text, typed a bit apart.
    again = valid_data(
        client,
        councils,
        contact_email="Olena@Example.org",
        motivation=MOTIVATION.replace(" ", "  "),
        contact_name="Олена П.",
    )
    second = client.post(apply_url(program), again)
    assert confirmed(client, second) == confirmed(client, first)
    assert Application.objects.count() == 1
    assert len(mail.outbox) == 2

    other_text = valid_data(client, councils, motivation=MOTIVATION + " Ще одна думка.")
    assert confirmed(client, client.post(apply_url(program), other_text)) != confirmed(
        client, first
    )
    assert Application.objects.count() == 2

    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=2)):
        later = client.post(apply_url(program), valid_data(client, councils))
    assert later.status_code == 302
    assert Application.objects.count() == 3
    # Consumed tokens are forgotten once they could not match anything any more.
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_the_form_token_expires(client, program, councils, settings):
    settings.PROGRAM_APPLICATION_MIN_SECONDS = 0
    old = form_token(client, seconds_ago=25 * 60 * 60)
    response = client.post(apply_url(program), valid_data(client, councils, form_token=old))
    assert response.status_code == 200
    assert "строк її дії минув" in response.text
    assert 'value="Олена Петренко"' in response.text  # what was typed is kept
    assert Application.objects.count() == 0
    fresh = re.search(r'name="form_token" value="([^"]+)"', response.text).group(1)
    assert fresh != old
    response = client.post(apply_url(program), valid_data(client, councils, form_token=fresh))
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_form_token_works_only_in_the_session_and_form_it_was_given_for(
    client, program, councils
):
    stranger = Client()
    token = form_token(stranger)
    response = client.post(apply_url(program), valid_data(client, councils, form_token=token))
    assert "Форму не вдалося прийняти" in response.text
    session = client.session
    other_form = tokens.issue(session, "pages.contact", time.time() - 60)
    session.save()
    response = client.post(apply_url(program), valid_data(client, councils, form_token=other_form))
    assert "Форму не вдалося прийняти" in response.text
    assert Application.objects.count() == 0


class Browser:
    """A visitor with cookies of its own, talking HTTP to the live server."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()))

    def open(self, path, data=None):
        body = urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, body, timeout=60) as response:
                return response.status, response.read().decode()
        except HTTPError as error:
            return error.code, error.read().decode()

    def fill_in(self, program, councils, **changes):
        """Open the form and fill it in as a person would: the data of its POST."""
        status, html = self.open(apply_url(program))
        assert status == 200
        hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]+)"', html))
        data = {
            "lead_council": str(councils[0].pk),
            "partner_councils": [str(councils[1].pk), str(councils[2].pk)],
            "contact_name": "Олена Петренко",
            "contact_position": "Заступниця голови громади",
            "contact_email": "olena@example.org",
            "contact_phone": "050 123 45 67",
            "motivation": MOTIVATION,
            "consent": "on",
            "website": "",
            "csrfmiddlewaretoken": hidden["csrfmiddlewaretoken"],
            "form_token": hidden["form_token"],
        }
        return data | changes


def all_at_once(sends):
    """Run the callables in threads released together; their results in order."""
    barrier = threading.Barrier(len(sends))
    results = [None] * len(sends)

    def run(index, send):
        barrier.wait()
        results[index] = send()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(sends)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def confirmation_numbers(pages):
    return {re.search(r"<strong>(\d+)</strong>", html).group(1) for _status, html in pages}


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_three_identical_posts_at_once_store_one_application(
    live_server, program, councils, settings
):
    settings.PROGRAM_APPLICATION_MIN_SECONDS = 0
    browser = Browser(live_server.url)
    data = browser.fill_in(program, councils)
    pages = all_at_once([lambda: browser.open(apply_url(program), data)] * 3)
    assert [status for status, _html in pages] == [200, 200, 200]  # each ends on a page...
    assert len(confirmation_numbers(pages)) == 1  # ...confirming the same application
    assert Application.objects.count() == 1
    assert len(mail.outbox) == 2


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_the_same_application_from_three_tabs_at_once_is_stored_once(
    live_server, program, councils, settings
):
    settings.PROGRAM_APPLICATION_MIN_SECONDS = 0
    tabs = [Browser(live_server.url) for _ in range(3)]
    posts = [(tab, tab.fill_in(program, councils)) for tab in tabs]
    pages = all_at_once([lambda t=t, d=d: t.open(apply_url(program), d) for t, d in posts])
    assert len(confirmation_numbers(pages)) == 1
    assert Application.objects.count() == 1
    assert len(mail.outbox) == 2


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_twenty_posts_at_once_from_one_new_address_store_at_most_the_limit(
    live_server, program, councils, settings
):
    settings.PROGRAM_APPLICATION_MIN_SECONDS = 0
    settings.PROGRAM_APPLICATION_RATE = "10/h"
    posts = []
    for number in range(20):
        browser = Browser(live_server.url)
        data = browser.fill_in(program, councils, contact_email=f"person{number}@example.org")
        posts.append((browser, data))
    pages = all_at_once([lambda b=b, d=d: b.open(apply_url(program), d) for b, d in posts])
    statuses = sorted(status for status, _html in pages)
    stored = Application.objects.count()
    assert stored <= 10
    assert statuses.count(200) == stored  # each stored one ends on its confirmation
    assert statuses.count(429) == 20 - stored
    assert stored >= 5, statuses  # not refused wholesale either


# --- The mail relay (finding 2) and mail that is not sent (finding 10) --------------------


@pytest.mark.django_db
def test_the_confirmation_carries_nothing_typed_in_but_the_number(client, program, councils):
    typed = {
        "contact_name": "Виграйте iPhone на http://spam.example",
        "contact_position": "Перейдіть за посиланням http://spam.example/p",
        "contact_phone": "050 765 43 21",
        "motivation": "Купуйте дешево http://spam.example/buy " + MOTIVATION,
    }
    client.post(apply_url(program), valid_data(client, councils, **typed))
    application = Application.objects.get()
    confirmation = mail.outbox[0]
    assert confirmation.to == ["olena@example.org"]
    message = confirmation.message().as_string()
    for text in [*typed.values(), "spam.example", "+380507654321", "Олена"]:
        assert text not in confirmation.subject
        assert text not in confirmation.body
    assert "spam.example" not in message
    assert str(application.pk) in confirmation.subject
    assert len(confirmation.body) < 700  # short


@pytest.mark.django_db
def test_console_mail_is_recorded_as_not_sent_and_keeps_personal_data_out_of_the_log(
    client, program, councils, settings, capsys
):
    settings.EMAIL_BACKEND = "core.mail.ConsoleBackend"
    response = client.post(apply_url(program), valid_data(client, councils))
    application = Application.objects.get()
    assert application.email_status == Application.EmailStatus.CONSOLE
    assert application.get_email_status_display() == "не надіслано (консоль)"
    assert application.confirmation_sent_at is None
    output = capsys.readouterr().out + capsys.readouterr().err
    assert output.count("E-mail not sent (console backend") == 2
    for personal in ["olena@example.org", "Олена", "Петренко", "+380501234567", "050 123"]:
        assert personal not in output
    page = client.get(response["Location"]).text
    assert "поки що не надсилає електронних листів" in page


def test_without_email_url_the_site_uses_the_console_backend_without_personal_data():
    settings_of_make_run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        ],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "SECRET_KEY": "x",
            "ALLOWED_HOSTS": "localhost",
            "DATABASE_URL": "postgres://portal@localhost/portal",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert settings_of_make_run.stdout.strip() == "core.mail.ConsoleBackend"


# --- A database outage (finding 4's last point) -------------------------------------------


@pytest.fixture
def database_goes_away_on_insert():
    """PostgreSQL really drops the connection when an application is inserted."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION test_terminate_own_backend() RETURNS trigger AS $$ "
            "BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END "
            "$$ LANGUAGE plpgsql"
        )
        cursor.execute(
            "CREATE TRIGGER test_database_goes_away BEFORE INSERT ON programs_application "
            "FOR EACH ROW EXECUTE FUNCTION test_terminate_own_backend()"
        )
    yield
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS test_database_goes_away ON programs_application")
        cursor.execute("DROP FUNCTION IF EXISTS test_terminate_own_backend()")


@pytest.mark.django_db(transaction=True)
def test_an_application_sent_during_an_outage_comes_back_unsaved_with_what_was_typed(
    client, program, councils, database_goes_away_on_insert
):
    data = valid_data(client, councils, contact_name="Олена <Петренко>")
    queries = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.post(apply_url(program), data)
    assert response.status_code == 503
    html = response.text
    assert "Заявку не збережено" in html
    assert 'value="Олена &lt;Петренко&gt;"' in html
    assert MOTIVATION.strip()[:80] in html
    assert f'name="form_token" value="{data["form_token"]}"' in html
    for pk in data["partner_councils"]:
        assert f'name="partner_councils" value="{pk}"' in html
    # Nothing was asked of the database after the insert that lost the connection.
    assert "INSERT INTO" in queries[-1]
    assert "programs_application" in queries[-1]

    connection.close()
    assert Application.objects.count() == 0
    assert mail.outbox == []
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER test_database_goes_away ON programs_application")
    # The database is back: the form that came back is sent again, as it was.
    resent = dict(
        re.findall(r'<input type="(?:text|email)" name="(\w+)" [^>]*value="([^"]*)"', html)
    )
    assert resent["contact_name"] == "Олена &lt;Петренко&gt;"
    data["contact_name"] = "Олена <Петренко>"
    response = client.post(apply_url(program), data)
    assert response.status_code == 302
    assert Application.objects.get().contact_name == "Олена <Петренко>"
