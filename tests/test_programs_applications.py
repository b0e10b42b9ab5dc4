import datetime
import io
import logging
import re
import smtplib
import subprocess
import time
from pathlib import Path

import pytest
import time_machine
from django.core import mail, signing
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from members.models import Council, TerritorialUnit
from programs.emails import confirmation_message
from programs.factories import ApplicationFactory, ProgramFactory, SelectionStageFactory
from programs.forms import MOTIVATION_MIN_LENGTH, ApplicationForm
from programs.models import Application
from programs.views import REFERENCE_SALT
from submissions import tokens
from tests.helpers import breadcrumbs, read_site_parts
from tests.programs_data import make_hromadas

pytestmark = pytest.mark.django_db

MOTIVATION = (
    "Наші громади мають спільну річку, дороги та школи, і ми хочемо разом спланувати "
    "розвиток території, щоб мешканці отримували соціальні послуги ближче до дому. "
) * 3


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def councils():
    return make_hromadas(6)


@pytest.fixture
def program():
    program = ProgramFactory(
        title_uk="Школа співробітництва", accepting=True, min_group_size=3, max_group_size=5
    )
    SelectionStageFactory(program=program, name_uk="Розгляд заявок")
    return program


def form_token(client, seconds_ago=60):
    """A token for the application form in `client`'s session, as if shown a while ago."""
    session = client.session
    token = tokens.issue(session, ApplicationForm.submission_name, time.time() - seconds_ago)
    session.save()
    return token


def valid_data(client, councils, **changes):
    data = {
        "lead_council": str(councils[0].pk),
        "partner_councils": [str(councils[1].pk), str(councils[2].pk)],
        "contact_name": "Олена Петренко",
        "contact_position": "Заступниця голови громади",
        "contact_email": "olena@example.org",
        "contact_phone": "050 123 45 67",
        "motivation": MOTIVATION,
        "consent": "on",
        "form_token": form_token(client),
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def apply_url(program):
    return f"/programs/{program.slug}/apply/"


def test_the_form_offers_the_registrys_hromadas_by_raion(client, program, councils):
    html = client.get(apply_url(program)).content.decode()
    assert '<optgroup label="Харківський район">' in html
    assert '<optgroup label="Чугуївський район">' in html
    assert html.count('name="partner_councils"') == len(councils)
    assert '<legend class="checkbox-group__legend">Харківський район</legend>' in html
    assert 'href="/privacy/" target="_blank"' in html
    assert 'class="form-trap" aria-hidden="true"' in html
    assert "від 2 до 4 партнерів" in html


def test_the_english_form_lists_raions_and_hromadas_in_english_alphabetical_order(client, program):
    names = {"Харківський район": "Kharkivskyi raion", "Чугуївський район": "Chuhuivskyi raion"}
    councils = make_hromadas(4)
    for raion in TerritorialUnit.objects.filter(category="P"):
        raion.name_en = names[raion.name_uk]
        raion.save()
    for council, (uk, en) in zip(
        councils,
        [
            ("Харківська", "Kharkivska"),
            ("Чугуївська", "Chuhuivska"),
            ("Вільхівська", "Vilkhivska"),
            ("Зміївська", "Zmiivska"),
        ],
        strict=True,
    ):
        council.name_uk, council.name_en = f"{uk} рада", f"{en} council"
        council.save()
    ukrainian = client.get(apply_url(program)).content.decode()
    assert re.findall(r'<optgroup label="([^"]+)"', ukrainian) == list(names)
    assert re.findall(r'<option value="\d+">(\S+) рада', ukrainian) == [
        "Вільхівська",
        "Харківська",
        "Зміївська",
        "Чугуївська",
    ]
    english = client.get("/en" + apply_url(program)).content.decode()
    assert re.findall(r'<optgroup label="([^"]+)"', english) == [
        "Chuhuivskyi raion",
        "Kharkivskyi raion",
    ]
    assert re.findall(r'<option value="\d+">(\S+) council', english) == [
        "Chuhuivska",
        "Zmiivska",
        "Kharkivska",
        "Vilkhivska",
    ]


def test_a_valid_application_is_saved_mailed_and_thanked(client, program, councils, settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["staff@example.org"]
    response = client.post(apply_url(program), valid_data(client, councils))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.lead_council == councils[0]
    assert set(application.partner_councils.all()) == {councils[1], councils[2]}
    assert application.contact_phone == "+380501234567"
    assert application.language == "uk"
    assert application.consent_given_at is not None
    assert application.status == Application.Status.RECEIVED
    assert application.email_status == Application.EmailStatus.SENT

    confirmation, notification = mail.outbox
    assert confirmation.to == ["olena@example.org"]
    assert confirmation.subject == f"Заявку {application.pk} отримано"
    assert "«Школа співробітництва»" in confirmation.body
    assert f"Її номер {application.pk}." in confirmation.body
    partners = f"Громади-партнери: {councils[1].name}, {councils[2].name}\n"
    assert notification.to == ["staff@example.org"]
    assert notification.reply_to == ["olena@example.org"]
    assert f"/admin/programs/application/{application.pk}/change/" in notification.body
    assert partners in notification.body
    assert "Телефон: +380501234567" in notification.body

    page = client.get(response["Location"]).content.decode()
    assert "Заявку отримано" in page
    assert f"<strong>{application.pk}</strong>" in page
    assert "Що далі" in page
    assert "Розгляд заявок" in page


def test_an_english_applicant_gets_the_confirmation_in_english(client, program, councils):
    response = client.post("/en" + apply_url(program), valid_data(client, councils))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/programs/")
    assert Application.objects.get().language == "en"
    assert mail.outbox[0].subject == f"Application {Application.objects.get().pk} received"
    assert "Нова заявка" in mail.outbox[1].subject  # staff read Ukrainian


@pytest.mark.parametrize(
    "phone", ["050 123 45 67", "+38 (050) 123-45-67", "0501234567", "380501234567"]
)
def test_phone_numbers_are_normalised(client, program, councils, phone):
    client.post(apply_url(program), valid_data(client, councils, contact_phone=phone))
    assert Application.objects.get().contact_phone == "+380501234567"


BAD_INPUT = [
    ("lead_council", {"lead_council": ""}, "Оберіть громаду, яка подає заявку."),
    ("lead_council", {"lead_council": "999999"}, "Оберіть громаду-лідера зі списку."),
    ("lead_council", {"lead_council": "abc"}, "Оберіть громаду-лідера зі списку."),
    ("partner_councils", {"partner_councils": []}, "Оберіть щонайменше 2 громади-партнери."),
    ("partner_councils", {"partner_councils": ["1"]}, "Оберіть громади-партнери зі списку."),
    ("contact_name", {"contact_name": "   "}, "Введіть прізвище, ім’я та по батькові"),
    ("contact_name", {"contact_name": "Я" * 201}, "200"),
    ("contact_position", {"contact_position": ""}, "Введіть посаду контактної особи."),
    ("contact_email", {"contact_email": ""}, "Введіть адресу електронної пошти."),
    ("contact_email", {"contact_email": "olena@"}, "у правильному форматі"),
    ("contact_phone", {"contact_phone": ""}, "Введіть номер телефону."),
    ("contact_phone", {"contact_phone": "дзвоніть"}, "Введіть український номер"),
    ("contact_phone", {"contact_phone": "+7 495 123-45-67"}, "Введіть український номер"),
    ("contact_phone", {"contact_phone": "050 123"}, "Введіть український номер"),
    ("motivation", {"motivation": ""}, "Розкажіть, чому ваша громада хоче взяти участь."),
    ("motivation", {"motivation": "Хочемо."}, "щонайменше 300 символів"),
    ("consent", {"consent": None}, "Дайте згоду на обробку персональних даних"),
]


@pytest.mark.parametrize(("field", "changes", "message"), BAD_INPUT)
def test_each_bad_field_gets_a_clear_message_and_nothing_is_lost(
    client, program, councils, field, changes, message
):
    response = client.post(apply_url(program), valid_data(client, councils, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert Application.objects.count() == 0
    assert mail.outbox == []
    summary = html[
        html.index('id="error-summary"') : html.index("</div>", html.index("error-summary"))
    ]
    assert message in summary
    assert f'href="#id_{field}' in summary
    assert f'id="id_{field}_error"' in html
    assert "Помилка: " in html[: html.index("</title>")]
    # What was typed comes back.
    if field != "contact_email":
        assert 'value="olena@example.org"' in html
    if field != "motivation":
        assert MOTIVATION.strip()[:60] in html


def test_fields_with_errors_are_marked_for_screen_readers(client, program, councils):
    html = client.post(
        apply_url(program), valid_data(client, councils, contact_email="nope")
    ).content
    html = html.decode()
    field = re.search(r'<input type="email" name="contact_email"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_contact_email_helptext id_contact_email_error"' in field
    name = re.search(r'<input type="text" name="contact_name"[^>]*>', html).group(0)
    assert "aria-invalid" not in name


def test_motivation_length_counts_what_was_written(client, program, councils):
    short = "Т" * (MOTIVATION_MIN_LENGTH - 1)
    html = client.post(apply_url(program), valid_data(client, councils, motivation=short)).content
    assert f"поки що їх {MOTIVATION_MIN_LENGTH - 1}" in html.decode()


def test_too_many_partners_are_refused(client, program, councils):
    data = valid_data(client, councils, partner_councils=[str(c.pk) for c in councils[1:6]])
    html = client.post(apply_url(program), data).content.decode()
    assert "Оберіть не більше 4 громад-партнерів." in html
    assert Application.objects.count() == 0


def test_the_same_partner_twice_is_refused(client, program, councils):
    data = valid_data(client, councils, partner_councils=[str(councils[1].pk)] * 2)
    html = client.post(apply_url(program), data).content.decode()
    assert "Кожну громаду-партнера можна обрати лише один раз." in html
    assert Application.objects.count() == 0


def test_the_lead_cannot_be_its_own_partner(client, program, councils):
    partners = [str(councils[0].pk), str(councils[1].pk)]
    html = client.post(apply_url(program), valid_data(client, councils, partner_councils=partners))
    assert "Громада-лідер не може бути своїм же партнером." in html.content.decode()
    assert Application.objects.count() == 0


def test_only_hromada_councils_can_apply(client, program, councils):
    raion_unit = TerritorialUnit.objects.filter(category="P").first()
    raion = Council.objects.create(unit=raion_unit, kind="raion", name_uk="Районна", slug="r")
    html = client.post(apply_url(program), valid_data(client, councils, lead_council=str(raion.pk)))
    assert "Оберіть громаду-лідера зі списку." in html.content.decode()
    assert "Районна" not in client.get(apply_url(program)).content.decode()


def test_a_program_for_one_hromada_asks_for_no_partners(client, councils):
    program = ProgramFactory(accepting=True)
    assert 'name="partner_councils"' not in client.get(apply_url(program)).content.decode()
    response = client.post(apply_url(program), valid_data(client, councils))
    assert response.status_code == 302
    assert Application.objects.get().partner_councils.count() == 0


def test_the_application_pages_lead_back_to_the_program(client, program, councils):
    closed = ProgramFactory(completed=True, title_uk="Завершена програма")
    application = ApplicationFactory(program=program, lead_council=councils[0])
    reference = signing.dumps(application.pk, salt=REFERENCE_SALT)
    for shown, path, current in [
        (program, apply_url(program), "Заявка"),
        (closed, apply_url(closed), "Заявка"),
        (program, f"{apply_url(program)}done/?ref={reference}", "Заявку отримано"),
    ]:
        assert breadcrumbs(client.get(path).content.decode()) == [
            ("/", "Головна"),
            ("/programs/", "Освітні програми"),
            (shown.get_absolute_url(), shown.title),
            (None, current),
        ]


def test_a_closed_program_refuses_the_form_and_a_direct_post(client, councils):
    program = ProgramFactory(completed=True, title_uk="Завершена програма")
    response = client.get(apply_url(program))
    assert response.status_code == 403
    assert "Прийом заявок завершено" in response.content.decode()
    response = client.post(apply_url(program), valid_data(client, councils))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Нічого не збережено." in html
    assert MOTIVATION.strip()[:60] in html  # the applicant can still copy their text
    assert Application.objects.count() == 0
    assert mail.outbox == []


def test_a_post_just_after_the_deadline_is_refused(client, councils, program):
    page = client.get(apply_url(program))
    assert page.status_code == 200
    with time_machine.travel(program.application_deadline + datetime.timedelta(seconds=1)):
        response = client.post(apply_url(program), valid_data(client, councils))
    assert response.status_code == 403
    assert Application.objects.count() == 0


def test_a_program_not_open_yet_says_when_it_opens(client):
    program = ProgramFactory(
        applications_open_at=datetime.datetime(2099, 1, 1, 9, 0, tzinfo=datetime.UTC),
        application_deadline=datetime.datetime(2099, 2, 1, 9, 0, tzinfo=datetime.UTC),
    )
    response = client.get(apply_url(program))
    assert response.status_code == 403
    assert "Прийом заявок ще не розпочався" in response.content.decode()


def test_the_honeypot_stops_a_bot_but_lets_a_person_send_again(client, program, councils):
    data = valid_data(client, councils, website="http://spam.example")
    response = client.post(apply_url(program), data)
    html = response.content.decode()
    assert Application.objects.count() == 0
    assert "Форму не вдалося прийняти" in html
    assert "spam.example" not in html  # a person who resends it is not caught again
    resend = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    response = client.post(apply_url(program), valid_data(client, councils, form_token=resend))
    assert response.status_code == 302
    assert Application.objects.count() == 1


def test_a_form_sent_too_quickly_is_not_saved(client, program, councils):
    html = client.get(apply_url(program)).content.decode()
    fresh = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    response = client.post(apply_url(program), valid_data(client, councils, form_token=fresh))
    assert "Форму надіслано надто швидко" in response.content.decode()
    assert Application.objects.count() == 0
    with time_machine.travel(
        datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=2)
    ):
        response = client.post(apply_url(program), valid_data(client, councils, form_token=fresh))
    assert response.status_code == 302
    assert Application.objects.count() == 1


@pytest.mark.parametrize("value", ["", "1700000000", "forged:abc"])
def test_a_missing_or_forged_token_is_not_accepted(client, program, councils, value):
    response = client.post(apply_url(program), valid_data(client, councils, form_token=value))
    assert "Форму не вдалося прийняти" in response.content.decode()
    assert Application.objects.count() == 0


def test_the_rate_limit_stops_a_flood_from_one_address(client, program, councils, settings):
    settings.PROGRAM_APPLICATION_RATE = "2/h"
    for number in range(2):
        data = valid_data(client, councils, contact_email=f"person{number}@example.org")
        assert client.post(apply_url(program), data).status_code == 302
    response = client.post(apply_url(program), valid_data(client, councils, contact_name="Третя"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Забагато заявок" in html
    assert 'value="Третя"' in html
    assert Application.objects.count() == 2
    other = client.post(apply_url(program), valid_data(client, councils), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_behind_a_proxy_the_limit_counts_the_forwarded_address(client, program, councils, settings):
    settings.PROGRAM_APPLICATION_RATE = "1/h"
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    url = apply_url(program)
    assert (
        client.post(url, valid_data(client, councils), HTTP_X_REAL_IP="198.51.100.1").status_code
        == 302
    )
    second = client.post(url, valid_data(client, councils), HTTP_X_REAL_IP="198.51.100.1")
    assert second.status_code == 429
    other = client.post(url, valid_data(client, councils), HTTP_X_REAL_IP="198.51.100.2")
    assert other.status_code == 302


def test_a_failed_email_keeps_the_application_and_is_retried(
    client, program, councils, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.test_programs_applications.FailingBackend"
    with caplog.at_level(logging.ERROR, logger="programs.emails"):
        response = client.post(apply_url(program), valid_data(client, councils))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.email_status == Application.EmailStatus.FAILED
    assert "SMTPServerDisconnected" in application.email_error
    assert application.confirmation_sent_at is None
    assert application.email_attempts == 1
    assert "e-mail (confirmation_sent_at) failed" in caplog.text
    page = client.get(response["Location"]).content.decode()
    assert "Не вдалося надіслати лист-підтвердження" in page

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    output = io.StringIO()
    call_command("send_application_emails", stdout=output)
    assert "Applications: e-mails complete for 1, still failing for 0." in output.getvalue()
    application.refresh_from_db()
    assert application.email_status == Application.EmailStatus.SENT
    assert application.email_error == ""
    assert len(mail.outbox) == 2
    call_command("send_application_emails", stdout=io.StringIO())
    assert len(mail.outbox) == 2  # each message goes out once


def test_the_thank_you_page_needs_a_valid_reference(client, program, councils):
    response = client.post(apply_url(program), valid_data(client, councils))
    done = response["Location"]
    assert client.get(done).status_code == 200
    assert client.get(done + "x").status_code == 404
    assert client.get(f"/programs/{program.slug}/apply/done/").status_code == 404
    other = ProgramFactory(accepting=True)
    assert client.get(done.replace(program.slug, other.slug)).status_code == 404


def test_personal_data_never_appears_on_public_pages(client, program, councils):
    client.post(apply_url(program), valid_data(client, councils))
    for url in ["/", "/programs/", program.get_absolute_url(), "/en" + program.get_absolute_url()]:
        html = client.get(url).content.decode()
        for secret in ["Олена Петренко", "olena@example.org", "+380501234567", "123 45 67"]:
            assert secret not in html, (url, secret)


def test_the_form_page_queries_stay_constant(client, program, django_assert_max_num_queries):
    make_hromadas(3, raions=["Ізюмський район"])
    client.get(apply_url(program))  # the first visit starts a session: its form token's
    with django_assert_max_num_queries(10) as few:
        client.get(apply_url(program))
    make_hromadas(40)
    read_site_parts(client, apply_url(program))  # new councils: a new content version
    with django_assert_max_num_queries(10) as many:
        client.get(apply_url(program))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_make_run_links_the_emails_to_the_address_it_serves(settings, program, councils):
    """`PORT=8112 make run`: the confirmation's link must lead to that server, not to :8000."""
    root = Path(__file__).resolve().parent.parent
    recipe = subprocess.run(
        ["make", "-n", "run", "PORT=8112"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    site_url = re.search(r'export SITE_URL="\$\{SITE_URL:-([^}]+)\}"', recipe).group(1)
    assert site_url == "http://127.0.0.1:8112"
    settings.SITE_URL = site_url
    application = ApplicationFactory(program=program, lead_council=councils[0])
    body = confirmation_message(application).body
    assert f"http://127.0.0.1:8112/programs/{program.slug}/" in body
